package io.github.llmclient.provider.bedrock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.LlmBadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Bedrock embeddings through {@code invoke}: Titan one text per request, Cohere up to 96. */
class BedrockEmbeddingsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	static final String TITAN = "/model/amazon.titan-embed-text-v2%3A0/invoke";

	static final String COHERE = "/model/cohere.embed-english-v3/invoke";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template;

	@AfterEach
	void close() {
		this.template.close();
	}

	private LlmTemplate template(String embeddingModel) {
		this.template = LlmTemplate.builder(BedrockIntegrationTests.config(wm.baseUrl())
			.embeddingModel(embeddingModel)
			.maxConcurrent(4)
			.build()).build();
		return this.template;
	}

	@Test
	void titanSendsOneTextPerRequestConcurrentlyAndJoinsThemInOrder() {
		for (int i = 0; i < 5; i++) {
			wm.stubFor(post(urlEqualTo(TITAN)).withRequestBody(matchingJsonPath("$.inputText", equalTo("text " + i)))
				.willReturn(okJson("{\"embedding\":[" + i + ".0," + i + ".5],\"inputTextTokenCount\":3}")
					.withFixedDelay((5 - i) * 20)));
		}
		List<String> texts = IntStream.range(0, 5).mapToObj((i) -> "text " + i).toList();
		EmbeddingResponse response = template("amazon.titan-embed-text-v2:0")
			.embed(EmbeddingRequest.builder().inputs(texts).dimensions(256).build())
			.block(WAIT);
		assertThat(response.embeddings()).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(response.embeddings().get(i)).containsExactly(i, i + 0.5f);
		}
		assertThat(response.usage().inputTokens()).isEqualTo(15);
		assertThat(response.model()).isEqualTo("amazon.titan-embed-text-v2:0");
		wm.verify(5, postRequestedFor(urlEqualTo(TITAN))
			.withRequestBody(matchingJsonPath("$.normalize", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.dimensions", equalTo("256"))));
	}

	@Test
	void cohereSendsUpTo96TextsPerRequest() {
		wm.stubFor(post(urlEqualTo(COHERE)).willReturn(okJson(vectors(96))));
		wm.stubFor(post(urlEqualTo(COHERE)).withRequestBody(matchingJsonPath("$.texts[0]", equalTo("text 96")))
			.willReturn(okJson(vectors(4))));
		List<String> texts = IntStream.range(0, 100).mapToObj((i) -> "text " + i).toList();
		List<float[]> vectors = template("cohere.embed-english-v3").embed(texts).block(WAIT);
		assertThat(vectors).hasSize(100);
		wm.verify(2, postRequestedFor(urlEqualTo(COHERE))
			.withRequestBody(matchingJsonPath("$.input_type", equalTo("search_document"))));
		wm.verify(1, postRequestedFor(urlEqualTo(COHERE)).withRequestBody(matchingJsonPath("$.texts.length()",
				equalTo("96"))));
	}

	@Test
	void refusesAModelOfNeitherFamilyBeforeSending() {
		assertThatExceptionOfType(LlmBadRequestException.class)
			.isThrownBy(() -> template("meta.llama3-70b-instruct-v1:0").embed("hello").block(WAIT))
			.withMessageContaining("Titan");
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	private static String vectors(int count) {
		List<String> vectors = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			vectors.add("[0.1," + i + "]");
		}
		return "{\"id\":\"e1\",\"texts\":[],\"embeddings\":[" + String.join(",", vectors) + "]}";
	}

}
