package io.github.llmclient.provider.azure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests of the Azure OpenAI provider through {@link LlmTemplate} against a WireMock server. */
class AzureOpenAiIntegrationTests {

	private static final String API_KEY = "azure-integration-secret-0123456789";

	private static final String CHAT = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String COMPLETION = """
			{"id":"chatcmpl-AZ1","object":"chat.completion","created":1727000000,"model":"gpt-4o-2024-08-06",
			 "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}],
			 "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
			             "message":{"role":"assistant","content":"Hello from Azure","refusal":null},
			             "content_filter_results":{}}],
			 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12},"system_fingerprint":"fp_1"}""";

	/** Azure's shape: a prompt-filter chunk with an empty id and model, then OpenAI's chunks. */
	private static final String STREAM = """
			data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

			data: {"choices":[{"content_filter_results":{},"delta":{"content":"","refusal":null,"role":"assistant"},"finish_reason":null,"index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZ2","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{"content":"Hello"},"finish_reason":null,"index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZ2","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{"content":" from Azure"},"finish_reason":null,"index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZ2","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"stop","index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZ2","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[],"created":1727000000,"id":"chatcmpl-AZ2","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1","usage":{"completion_tokens":3,"prompt_tokens":9,"total_tokens":12}}

			data: [DONE]

			""";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = template(server.baseUrl());
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	private static LlmTemplate template(String baseUrl) {
		return LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.apiKey(API_KEY)
			.baseUrl(baseUrl)
			.model("gpt-4o-prod")
			.retry(TestClients.fastRetries(2))
			.build()).build();
	}

	@Test
	void chatCallsTheDeploymentWithApiKeyAndNoModelInBody() {
		server.stubFor(post(CHAT).willReturn(okJson(COMPLETION)));

		StepVerifier.create(this.template.chat(ChatRequest.builder().system("Be brief.").user("Hi").build()))
			.expectNext(new ChatResponse("chatcmpl-AZ1", "gpt-4o-2024-08-06", "Hello from Azure", "stop",
					new Usage(9, 3, 12)))
			.expectComplete()
			.verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("api-key", equalTo(API_KEY))
			.withHeader("Authorization", absent())
			.withRequestBody(equalToJson("""
					{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}""")));
	}

	@Test
	void requestModelChoosesTheDeployment() {
		String other = "/openai/deployments/gpt-4o-mini-eval/chat/completions?api-version=2024-10-21";
		server.stubFor(post(other).willReturn(okJson(COMPLETION)));

		StepVerifier.create(this.template.chat(ChatRequest.builder().model("gpt-4o-mini-eval").user("Hi").build()))
			.expectNextMatches((response) -> response.content().equals("Hello from Azure"))
			.expectComplete()
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(other)));
	}

	@Test
	void streamsAzureChunksServedInPieces() {
		byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
		server.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(body)
			.withChunkedDribbleDelay(body.length / 7, 100)));

		StepVerifier.create(this.template.stream(ChatRequest.of("Hi")).collectList()).assertNext((chunks) -> {
			assertThat(chunks).extracting(ChatChunk::content).containsExactly("Hello", " from Azure", "", "");
			assertThat(chunks).allSatisfy((chunk) -> {
				assertThat(chunk.id()).isEqualTo("chatcmpl-AZ2");
				assertThat(chunk.model()).isEqualTo("gpt-4o-2024-08-06");
			});
			assertThat(chunks.get(2).finishReason()).isEqualTo("stop");
			assertThat(chunks.get(3).usage()).isEqualTo(new Usage(9, 3, 12));
		}).expectComplete().verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("api-key", equalTo(API_KEY))
			.withRequestBody(equalToJson("""
					{"messages":[{"role":"user","content":"Hi"}],"stream":true,
					 "stream_options":{"include_usage":true}}""")));
	}

	@Test
	void deliversInStreamErrorAfterContent() {
		String stream = STREAM.substring(0, STREAM.indexOf("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},"))
				+ "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}\n\n";
		server.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(stream)));

		StepVerifier.create(this.template.stream("Hi"))
			.expectNext("Hello", " from Azure")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmServerException.class)
				.hasMessageContaining("The server had an error")
				.extracting((e) -> ((LlmException) e).errorType())
				.isEqualTo("server_error"))
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void modelsListsTheResourceModels() {
		server.stubFor(get("/openai/models?api-version=2024-10-21").willReturn(okJson("""
				{"data":[{"status":"succeeded","capabilities":{"chat_completion":true},"lifecycle_status":"generally-available",
				          "id":"gpt-4o-2024-08-06","created_at":1723075200,"object":"model"},
				         {"status":"succeeded","id":"text-embedding-3-large","created_at":1706140800,"object":"model"}],
				 "object":"list"}""")));

		StepVerifier.create(this.template.models())
			.expectNext(List.of("gpt-4o-2024-08-06", "text-embedding-3-large"))
			.expectComplete()
			.verify(WAIT);

		server.verify(getRequestedFor(urlEqualTo("/openai/models?api-version=2024-10-21"))
			.withHeader("api-key", equalTo(API_KEY))
			.withHeader("Authorization", absent()));
	}

	@Test
	void v1RouteSendsModelInBodyWithoutApiVersion() {
		this.template.close();
		this.template = template(server.baseUrl() + "/openai/v1");
		server.stubFor(post("/openai/v1/chat/completions").willReturn(okJson(COMPLETION)));
		server.stubFor(get("/openai/v1/models").willReturn(okJson("""
				{"object":"list","data":[{"id":"gpt-4o-prod","object":"model"}]}""")));

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hello from Azure").expectComplete().verify(WAIT);
		StepVerifier.create(this.template.models()).expectNext(List.of("gpt-4o-prod")).expectComplete().verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo("/openai/v1/chat/completions")).withHeader("api-key", equalTo(API_KEY))
			.withHeader("Authorization", absent())
			.withRequestBody(equalToJson("""
					{"model":"gpt-4o-prod","messages":[{"role":"user","content":"Hi"}]}""")));
	}

	@Test
	void unknownDeploymentIsBadRequestWithAzureErrorCode() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "b3c1c8a4-azure")
			.withBody("""
					{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}""")));

		StepVerifier.create(this.template.chat("Hi")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmBadRequestException.class)
				.hasMessageContaining("HTTP 404")
				.hasMessageContaining("azure-openai")
				.hasMessageContaining("deployment for this resource does not exist");
			LlmException llm = (LlmException) ex;
			assertThat(llm.errorType()).isEqualTo("DeploymentNotFound");
			assertThat(llm.requestId()).isEqualTo("b3c1c8a4-azure");
		}).verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void invalidKeyIsAuthenticationError() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint."}}""")));

		StepVerifier.create(this.template.chat("Hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmAuthenticationException.class)
				.hasMessageContaining("Access denied")
				.hasMessageNotContaining(API_KEY))
			.verify(WAIT);
	}

}
