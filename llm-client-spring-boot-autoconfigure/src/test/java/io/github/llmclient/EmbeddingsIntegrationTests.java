package io.github.llmclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.LlmMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.llmclient.EmbeddingStubs.base64Response;
import static io.github.llmclient.EmbeddingStubs.batchStartingWith;
import static io.github.llmclient.EmbeddingStubs.vectorOf;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code embed} against an OpenAI-compatible WireMock server: the request, both encodings, batching, retries, failures. */
class EmbeddingsIntegrationTests {

	private static final String PATH = "/v1/embeddings";

	private static final String MODEL = "text-embedding-3-small";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final List<String> retryReasons = new CopyOnWriteArrayList<>();

	private LlmTemplate template;

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.template = template(2);
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.wireMock.stop();
	}

	private LlmTemplate template(int batchSize) {
		LlmMetrics retries = (info) -> new CallObserver() {
			@Override
			public void onRetry(String reason, Duration delay) {
				EmbeddingsIntegrationTests.this.retryReasons.add(reason);
			}
		};
		return LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
			.embeddingModel(MODEL)
			.embeddingBatchSize(batchSize)
			.build()).metrics(retries).build();
	}

	@Test
	void sendsTheModelTheInputsBase64EncodingAndDimensionsToTheEmbeddingsEndpoint() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(base64Response(MODEL, List.of("Hello", "world")))));
		EmbeddingRequest request = EmbeddingRequest.builder()
			.model("text-embedding-3-large")
			.input("Hello")
			.input("world")
			.dimensions(3)
			.build();

		EmbeddingResponse response = this.template.embed(request).block(WAIT);

		assertThat(response.embeddings()).containsExactly(vectorOf("Hello"), vectorOf("world"));
		assertThat(response.model()).isEqualTo(MODEL);
		assertThat(response.usage()).isEqualTo(new Usage(2, 0, 2));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(PATH))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", matching("application/json.*"))
			.withHeader("X-Client-Request-Id", matching("[0-9a-f-]{36}"))
			.withRequestBody(equalToJson("""
					{"model":"text-embedding-3-large","input":["Hello","world"],"encoding_format":"base64","dimensions":3}""")));
	}

	@Test
	void embedsOneTextWithTheEmbeddingModelNotTheChatModel() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(base64Response(MODEL, List.of("Hello")))));

		StepVerifier.create(this.template.embed("Hello"))
			.assertNext((vector) -> assertThat(vector).containsExactly(vectorOf("Hello")))
			.verifyComplete();

		this.wireMock.verify(postRequestedFor(urlEqualTo(PATH))
			.withRequestBody(matchingJsonPath("$.model", equalTo(MODEL))));
	}

	@Test
	void readsJsonArraysFromServersThatIgnoreTheEncoding() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(EmbeddingStubs.floatResponse("nomic-embed-text", List.of("a", "bc")))));

		StepVerifier.create(this.template.embed(List.of("a", "bc")))
			.assertNext((vectors) -> assertThat(vectors).containsExactly(vectorOf("a"), vectorOf("bc")))
			.verifyComplete();
	}

	@Test
	void splitsLongListsIntoBatchesJoinedInInputOrderWhateverOrderTheyAnswerIn() {
		// the first batch answers last
		this.wireMock.stubFor(batchStartingWith(PATH, "a").willReturn(okJson(base64Response(MODEL, List.of("a", "bb"))).withFixedDelay(300)));
		this.wireMock.stubFor(batchStartingWith(PATH, "ccc").willReturn(okJson(base64Response(MODEL, List.of("ccc", "dddd")))));
		this.wireMock.stubFor(batchStartingWith(PATH, "eeeee").willReturn(okJson(base64Response(MODEL, List.of("eeeee")))));
		List<String> texts = List.of("a", "bb", "ccc", "dddd", "eeeee");

		EmbeddingResponse response = this.template.embed(EmbeddingRequest.of(texts)).block(WAIT);

		assertThat(response.embeddings()).containsExactly(texts.stream().map(EmbeddingStubs::vectorOf).toArray(float[][]::new));
		assertThat(response.usage()).isEqualTo(new Usage(5, 0, 5));
		List<LoggedRequest> requests = this.wireMock.findAll(postRequestedFor(urlEqualTo(PATH)));
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting((request) -> request.getBodyAsString().replaceAll(".*\"input\":(\\[[^]]*]).*", "$1"))
			.containsExactlyInAnyOrder("[\"a\",\"bb\"]", "[\"ccc\",\"dddd\"]", "[\"eeeee\"]");
		assertThat(requests).extracting((request) -> request.getHeader("X-Client-Request-Id"))
			.as("one logical call").containsOnly(requests.get(0).getHeader("X-Client-Request-Id"));
	}

	@Test
	void retriesOnlyTheBatchThatFailed() {
		stubAllBatches();
		this.wireMock.stubFor(batchStartingWith(PATH, "ccc").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
		this.wireMock.stubFor(batchStartingWith(PATH, "ccc").inScenario("flaky").whenScenarioStateIs("recovered")
			.willReturn(okJson(base64Response(MODEL, List.of("ccc", "dddd")))));

		List<float[]> vectors = this.template.embed(List.of("a", "bb", "ccc", "dddd", "eeeee")).block(WAIT);

		assertThat(vectors).containsExactly(vectorOf("a"), vectorOf("bb"), vectorOf("ccc"), vectorOf("dddd"), vectorOf("eeeee"));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", equalTo("a"))));
		this.wireMock.verify(2, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", equalTo("ccc"))));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", equalTo("eeeee"))));
		assertThat(this.retryReasons).containsExactly("503");
	}

	@Test
	void aBatchThatStillFailsAfterItsRetriesFailsTheWholeCallWithItsError() {
		stubAllBatches();
		this.wireMock.stubFor(batchStartingWith(PATH, "ccc").willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"The engine is currently overloaded\",\"type\":\"server_error\"}}")));

		StepVerifier.create(this.template.embed(List.of("a", "bb", "ccc", "dddd", "eeeee")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmServerException.class)
				.hasMessageContaining("HTTP 503")
				.hasMessageContaining("The engine is currently overloaded"))
			.verify(WAIT);

		// TestClients retries 3 times
		this.wireMock.verify(4, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", equalTo("ccc"))));
	}

	@Test
	void aRejectedBatchFailsTheCallAtOnce() {
		stubAllBatches();
		this.wireMock.stubFor(batchStartingWith(PATH, "eeeee").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"'$.input' is invalid\",\"type\":\"invalid_request_error\"}}")));

		StepVerifier.create(this.template.embed(List.of("a", "bb", "ccc", "dddd", "eeeee")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmBadRequestException.class)
				.hasMessageContaining("'$.input' is invalid"))
			.verify(WAIT);
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.input[0]", equalTo("eeeee"))));
	}

	@Test
	void aResponseWithFewerVectorsThanInputsIsAProtocolErrorNotAShortList() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(base64Response(MODEL, List.of("a")))));

		StepVerifier.create(this.template.embed(List.of("a", "bb")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("1 embeddings for 2 inputs"))
			.verify(WAIT);
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void failsBeforeAnyRequestNamingThePropertyWhenNoEmbeddingModelIsSet() {
		try (LlmTemplate noModel = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build()).build();
				LlmTemplate named = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").name("search").build()).build()) {
			StepVerifier.create(noModel.embed("Hello"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmBadRequestException.class)
					.hasMessageContaining("llm.embedding-model")
					.hasMessageContaining("EmbeddingRequest.builder().model(...)"))
				.verify(WAIT);
			StepVerifier.create(named.embed(List.of()))
				.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("llm.clients.search.embedding-model"))
				.verify(WAIT);
		}
		this.wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void anEmptyListGivesAnEmptyResponseWithoutARequest() {
		StepVerifier.create(this.template.embed(EmbeddingRequest.of(List.of())))
			.assertNext((response) -> {
				assertThat(response.embeddings()).isEmpty();
				assertThat(response.model()).isEqualTo(MODEL);
				assertThat(response.usage()).isEqualTo(Usage.of(0, 0));
			})
			.verifyComplete();
		this.wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void isLazyAndSendsAgainOnEachSubscription() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(base64Response(MODEL, List.of("Hello")))));
		var embedding = this.template.embed("Hello");
		this.wireMock.verify(0, anyRequestedFor(anyUrl()));
		embedding.block(WAIT);
		embedding.block(WAIT);
		this.wireMock.verify(2, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void fallsBackWithAllInputsToTheFallbackClientsOwnEmbeddingModel() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		this.wireMock.stubFor(post("/backup/embeddings").willReturn(okJson(base64Response("backup-embed", List.of("a", "bb")))));
		try (LlmTemplate backup = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/backup")
			.name("backup").embeddingModel("backup-embed").build()).build();
				LlmTemplate primary = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
					.embeddingModel(MODEL).embeddingBatchSize(1).retry(TestClients.fastRetries(1)).fallback("backup").build())
					.fallback(() -> backup).build()) {
			EmbeddingResponse response = primary.embed(EmbeddingRequest.builder().model("text-embedding-3-large").input("a").input("bb").build())
				.block(WAIT);
			assertThat(response.embeddings()).containsExactly(vectorOf("a"), vectorOf("bb"));
			assertThat(response.model()).isEqualTo("backup-embed");
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/backup/embeddings"))
			.withRequestBody(equalToJson("{\"model\":\"backup-embed\",\"input\":[\"a\",\"bb\"],\"encoding_format\":\"base64\"}")));
	}

	private void stubAllBatches() {
		this.wireMock.stubFor(batchStartingWith(PATH, "a").willReturn(okJson(base64Response(MODEL, List.of("a", "bb")))));
		this.wireMock.stubFor(batchStartingWith(PATH, "ccc").willReturn(okJson(base64Response(MODEL, List.of("ccc", "dddd")))));
		this.wireMock.stubFor(batchStartingWith(PATH, "eeeee").willReturn(okJson(base64Response(MODEL, List.of("eeeee")))));
	}

}
