package io.github.llmclient.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.error.LlmBadRequestException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.llmclient.EmbeddingStubs.base64Response;
import static io.github.llmclient.EmbeddingStubs.batchStartingWith;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The meters and observation of {@code embed} calls: one operation per call, however many batch requests it made. */
class EmbeddingsMetricsTests {

	private static final String PATH = "/v1/embeddings";

	private static final List<String> TEXTS = List.of("a", "bb", "ccc", "dddd", "eeeee");

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl())
		.embeddingModel("text-embedding-3-small")
		.embeddingBatchSize(2)
		.build()).metrics(new MicrometerLlmMetrics(this.meters, this.observations)).build();

	@AfterEach
	void close() {
		this.template.close();
	}

	@Test
	void recordsOneEmbeddingsOperationWithInputTokensAndARequestPerBatch() {
		stubBatches();

		StepVerifier.create(this.template.embed(TEXTS)).expectNextCount(1).verifyComplete();

		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(tags(duration)).containsEntry("gen_ai.operation.name", "embeddings")
			.containsEntry("gen_ai.request.model", "text-embedding-3-small")
			.containsEntry("gen_ai.response.model", "text-embedding-3-small-v1")
			.containsEntry("gen_ai.provider.name", "openai")
			.containsEntry("llm.stream", "false")
			.containsEntry("error.type", "none");
		assertThat(this.meters.get(LlmMetricNames.TOKEN_USAGE).tag("gen_ai.token.type", "input").summary().totalAmount())
			.isEqualTo(5);
		assertThat(this.meters.get(LlmMetricNames.TOKEN_USAGE).tag("gen_ai.token.type", "input").summary().count())
			.isEqualTo(1);
		assertThat(this.meters.find(LlmMetricNames.TOKEN_USAGE).tag("gen_ai.token.type", "output").summaries())
			.as("embeddings have no output tokens").isEmpty();
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).tag("status", "200").counter().count()).isEqualTo(3);
		assertThat(this.meters.get(LlmMetricNames.QUEUE_WAIT).timer().count()).isEqualTo(3);
		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(LlmMetricNames.OBSERVATION, 1)
			.hasObservationWithNameEqualTo(LlmMetricNames.OBSERVATION)
			.that()
			.hasContextualNameEqualTo("embeddings text-embedding-3-small")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "embeddings")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "5");
	}

	@Test
	void countsEveryAttemptOfARetriedBatchUnderOneOperation() {
		stubBatches();
		server.stubFor(batchStartingWith(PATH, "ccc").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
		server.stubFor(batchStartingWith(PATH, "ccc").inScenario("flaky").whenScenarioStateIs("ok")
			.willReturn(okJson(base64Response("text-embedding-3-small-v1", List.of("ccc", "dddd")))));

		StepVerifier.create(this.template.embed(TEXTS)).expectNextCount(1).verifyComplete();

		assertThat(this.meters.get(LlmMetricNames.OPERATION_DURATION).timer().count()).isEqualTo(1);
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).tag("status", "200").counter().count()).isEqualTo(3);
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).tag("status", "503").counter().count()).isEqualTo(1);
		assertThat(this.meters.get(LlmMetricNames.RETRIES).tag("reason", "503").counter().count()).isEqualTo(1);
		assertThat(this.meters.get(LlmMetricNames.RETRY_DELAY).timer().count()).isEqualTo(1);
	}

	@Test
	void aFailedCallTagsItsErrorAndRecordsNoTokens() {
		stubBatches();
		server.stubFor(batchStartingWith(PATH, "eeeee").willReturn(aResponse().withStatus(400)));

		StepVerifier.create(this.template.embed(TEXTS)).expectError(LlmBadRequestException.class).verify(Duration.ofSeconds(10));

		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(tags(duration)).containsEntry("gen_ai.operation.name", "embeddings").containsEntry("error.type", "400");
		assertThat(this.meters.find(LlmMetricNames.TOKEN_USAGE).summaries()).isEmpty();
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).tag("status", "400").counter().count()).isEqualTo(1);
	}

	@Test
	void anEmptyListIsNoOperation() {
		StepVerifier.create(this.template.embed(List.of())).expectNext(List.of()).verifyComplete();
		assertThat(this.meters.find(LlmMetricNames.OPERATION_DURATION).timers()).isEmpty();
		assertThat(this.meters.find(LlmMetricNames.REQUESTS).counters()).isEmpty();
	}

	private static void stubBatches() {
		server.stubFor(batchStartingWith(PATH, "a").willReturn(okJson(base64Response("text-embedding-3-small-v1", List.of("a", "bb")))));
		server.stubFor(batchStartingWith(PATH, "ccc").willReturn(okJson(base64Response("text-embedding-3-small-v1", List.of("ccc", "dddd")))));
		server.stubFor(batchStartingWith(PATH, "eeeee").willReturn(okJson(base64Response("text-embedding-3-small-v1", List.of("eeeee")))));
	}

	private static Map<String, String> tags(Meter meter) {
		Map<String, String> tags = new LinkedHashMap<>();
		meter.getId().getTags().forEach((tag) -> tags.put(tag.getKey(), tag.getValue()));
		return tags;
	}

}
