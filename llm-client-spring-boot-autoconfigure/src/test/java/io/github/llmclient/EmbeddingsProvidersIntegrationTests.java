package io.github.llmclient;

import java.time.Duration;
import java.util.List;

import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.error.LlmBadRequestException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.llmclient.EmbeddingStubs.base64Response;
import static io.github.llmclient.EmbeddingStubs.vectorOf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code embed} on Azure OpenAI's two routes, and Anthropic's refusal. */
class EmbeddingsProvidersIntegrationTests extends WireMockTestSupport {

	private static final String AZURE_KEY = "azure-embeddings-secret-0123456789";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void azureSendsToTheEmbeddingDeploymentWithTheApiVersionAndNoModelInTheBody() {
		String path = "/openai/deployments/embed-prod/embeddings?api-version=2024-10-21";
		this.wireMock.stubFor(post(urlEqualTo(path)).willReturn(okJson(base64Response("text-embedding-3-small", List.of("Hello", "world")))));
		try (LlmTemplate azure = azure(this.wireMock.baseUrl())) {
			assertThat(azure.embed(List.of("Hello", "world")).block(WAIT)).containsExactly(vectorOf("Hello"), vectorOf("world"));
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(path))
			.withHeader("api-key", equalTo(AZURE_KEY))
			.withHeader("Authorization", absent())
			.withRequestBody(equalToJson("{\"input\":[\"Hello\",\"world\"],\"encoding_format\":\"base64\"}")));
	}

	@Test
	void azureTakesTheRequestsModelAsItsDeployment() {
		String path = "/openai/deployments/embed%20large/embeddings?api-version=2024-10-21";
		this.wireMock.stubFor(post(urlEqualTo(path)).willReturn(okJson(base64Response("text-embedding-3-large", List.of("Hi")))));
		try (LlmTemplate azure = azure(this.wireMock.baseUrl())) {
			StepVerifier.create(azure.embed(EmbeddingRequest.builder().model("embed large").input("Hi").build()))
				.assertNext((response) -> assertThat(response.model()).isEqualTo("text-embedding-3-large"))
				.verifyComplete();
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(path)));
	}

	@Test
	void azureV1RouteSendsToItsEmbeddingsPathWithTheModelInTheBody() {
		this.wireMock.stubFor(post(urlEqualTo("/openai/v1/embeddings")).willReturn(okJson(base64Response("text-embedding-3-small", List.of("Hello")))));
		try (LlmTemplate azure = azure(this.wireMock.baseUrl() + "/openai/v1")) {
			assertThat(azure.embed("Hello").block(WAIT)).containsExactly(vectorOf("Hello"));
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/openai/v1/embeddings"))
			.withHeader("api-key", equalTo(AZURE_KEY))
			.withRequestBody(equalToJson("{\"model\":\"embed-prod\",\"input\":[\"Hello\"],\"encoding_format\":\"base64\"}")));
	}

	@Test
	void anthropicRefusesBeforeAnyRequestAndSaysWhereToEmbedInstead() {
		try (LlmTemplate anthropic = LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.baseUrl(this.wireMock.baseUrl() + "/v1")
			.apiKey(TestClients.SECRET_KEY)
			.model("claude-sonnet-4-5")
			.build()).build()) {
			StepVerifier.create(anthropic.embed("Hello"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmBadRequestException.class)
					.hasMessageStartingWith("Anthropic has no embeddings API")
					.hasMessageContaining("llm.clients.embeddings.provider=openai")
					.satisfies((ex) -> assertThat(((LlmBadRequestException) ex).provider()).isEqualTo("anthropic")))
				.verify(WAIT);
			// not even an empty list pretends to work, and no embedding model is asked for first
			StepVerifier.create(anthropic.embed(List.of()))
				.expectErrorSatisfies((error) -> assertThat(error).hasMessageStartingWith("Anthropic has no embeddings API"))
				.verify(WAIT);
		}
		this.wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	private static LlmTemplate azure(String baseUrl) {
		return LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.baseUrl(baseUrl)
			.apiKey(AZURE_KEY)
			.model("gpt-4o-prod")
			.embeddingModel("embed-prod")
			.retry(TestClients.fastRetries(0))
			.build()).build();
	}

}
