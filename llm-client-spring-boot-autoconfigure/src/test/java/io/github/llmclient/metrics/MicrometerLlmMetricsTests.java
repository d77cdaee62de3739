package io.github.llmclient.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.provider.ProviderTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters and observation of real calls to a WireMock server, read from a
 * {@link SimpleMeterRegistry} and a {@link TestObservationRegistry}.
 */
class MicrometerLlmMetricsTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private LlmTemplate template = template(10);

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	@Test
	void successfulChatRecordsOneDurationTokensAndOneRequest() {
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
			.withBody(OpenAiStubs.CHAT_BODY));

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hello!").verifyComplete();

		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(tags(duration)).containsEntry("gen_ai.operation.name", "chat")
			.containsEntry("gen_ai.provider.name", "openai")
			.containsEntry("gen_ai.request.model", "gpt-4o-mini")
			.containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", Integer.toString(server.getPort()))
			.containsEntry("error.type", "none")
			.containsEntry("llm.client", "default")
			.containsEntry("llm.stream", "false")
			.hasSize(9);
		assertThat(tokens("input").totalAmount()).isEqualTo(12);
		assertThat(tokens("output").totalAmount()).isEqualTo(5);
		assertThat(tokens("input").getId().getBaseUnit()).isEqualTo("{token}");
		Counter requests = this.meters.get(LlmMetricNames.REQUESTS).counter();
		assertThat(requests.count()).isEqualTo(1);
		assertThat(tags(requests)).containsExactlyInAnyOrderEntriesOf(
				Map.of("llm.client", "default", "status", "200", "error.type", "none"));
		assertThat(this.meters.find(LlmMetricNames.RETRIES).counters()).isEmpty();
		assertThat(this.meters.get(LlmMetricNames.QUEUE_WAIT).timer().count()).isEqualTo(1);
		assertThat(this.meters.find(LlmMetricNames.TIME_TO_FIRST_CHUNK).timers()).isEmpty();
		assertGaugesAreZero();
	}

	@Test
	void errorResponseTagsTheStatusAsErrorType() {
		stubChat(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid model\",\"type\":\"invalid_request_error\"}}"));

		StepVerifier.create(this.template.chat("Hi")).expectError(LlmBadRequestException.class).verify();

		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(tags(duration)).containsEntry("error.type", "400").containsEntry("gen_ai.response.model", "none");
		Counter requests = this.meters.get(LlmMetricNames.REQUESTS).counter();
		assertThat(tags(requests)).containsEntry("status", "400").containsEntry("error.type", "400");
		assertThat(this.meters.find(LlmMetricNames.TOKEN_USAGE).summaries()).isEmpty();
		assertThat(this.meters.find(LlmMetricNames.RETRIES).counters()).isEmpty();
		assertThat(this.observations).hasObservationWithNameEqualTo(LlmMetricNames.OBSERVATION)
			.that()
			.hasError()
			.hasLowCardinalityKeyValue("error.type", "400");
	}

	@Test
	void failureWithoutResponseTagsTheExceptionName() {
		this.template.close();
		this.template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).retry(OpenAiStubs.noRetries()).build())
			.metrics(new MicrometerLlmMetrics(this.meters, this.observations))
			.build();
		stubChat(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		StepVerifier.create(this.template.chat("Hi")).expectError(LlmException.class).verify();

		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(tags(duration).get("error.type")).matches("Llm[A-Za-z]*Exception");
		Counter requests = this.meters.get(LlmMetricNames.REQUESTS).counter();
		assertThat(tags(requests)).containsEntry("status", "none")
			.containsEntry("error.type", tags(duration).get("error.type"));
	}

	@Test
	void retriedCallCountsEveryAttemptAndRecordsOneDuration() {
		OpenAiStubs.serviceUnavailableOnce(server);

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hello!").verifyComplete();

		server.verify(2, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH)));
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).tag("status", "503").tag("error.type", "503")
			.counter().count()).isEqualTo(1);
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).tag("status", "200").tag("error.type", "none")
			.counter().count()).isEqualTo(1);
		Counter retries = this.meters.get(LlmMetricNames.RETRIES).counter();
		assertThat(retries.count()).isEqualTo(1);
		assertThat(tags(retries)).containsEntry("reason", "503").containsEntry("llm.client", "default");
		Timer delay = this.meters.get(LlmMetricNames.RETRY_DELAY).tag("reason", "503").timer();
		assertThat(delay.count()).isEqualTo(1);
		assertThat(delay.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(10);
		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(tags(duration)).containsEntry("error.type", "none");
		assertThat(this.meters.get(LlmMetricNames.QUEUE_WAIT).timer().count()).isEqualTo(2);
		assertThat(this.observations).hasNumberOfObservationsWithNameEqualTo(LlmMetricNames.OBSERVATION, 1);
	}

	@Test
	void streamRecordsChunkTimersAndTokensFromTheUsageChunk() {
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
			.withBody(OpenAiStubs.STREAM_BODY));

		StepVerifier.create(this.template.stream("Hi")).expectNext("Hel", "lo", "!").verifyComplete();

		Timer firstChunk = this.meters.get(LlmMetricNames.TIME_TO_FIRST_CHUNK).timer();
		assertThat(firstChunk.count()).isEqualTo(1);
		assertThat(tags(firstChunk)).containsEntry("llm.stream", "true")
			.containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
			.doesNotContainKey("error.type");
		assertThat(this.meters.get(LlmMetricNames.TIME_PER_OUTPUT_CHUNK).timer().count()).isEqualTo(2);
		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(tags(duration)).containsEntry("llm.stream", "true").containsEntry("error.type", "none");
		assertThat(duration.totalTime(TimeUnit.NANOSECONDS))
			.isGreaterThanOrEqualTo(firstChunk.totalTime(TimeUnit.NANOSECONDS));
		assertThat(tokens("input").totalAmount()).isEqualTo(7);
		assertThat(tokens("output").totalAmount()).isEqualTo(3);
		assertThat(tags(tokens("input"))).containsEntry("llm.stream", "true");
		assertThat(this.meters.get(LlmMetricNames.REQUESTS).counter().count()).isEqualTo(1);
		assertGaugesAreZero();
	}

	@Test
	void recordedOpenAiStreamReportsItsUsage() {
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
			.withBody(ProviderTestSupport.fixture("openai-chat-stream-with-usage.sse")));

		StepVerifier.create(this.template.stream("Hi").then()).verifyComplete();

		assertThat(tokens("input").totalAmount()).isEqualTo(14);
		assertThat(tokens("output").totalAmount()).isEqualTo(30);
		assertThat(tags(tokens("output"))).containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06");
		assertThat(this.meters.get(LlmMetricNames.TIME_TO_FIRST_CHUNK).timer().count()).isEqualTo(1);
	}

	@Test
	void recordedAnthropicStreamReportsItsMergedUsage() {
		this.template.close();
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.apiKey(OpenAiStubs.API_KEY)
			.baseUrl(server.baseUrl() + "/v1")
			.model("claude-3-opus-latest")
			.build()).metrics(new MicrometerLlmMetrics(this.meters, this.observations)).build();
		server.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withBody(ProviderTestSupport.anthropicStream())));

		StepVerifier.create(this.template.stream("Hi")).expectNext("Hello", " there", "!").verifyComplete();

		assertThat(tokens("input").totalAmount()).isEqualTo(11);
		assertThat(tokens("output").totalAmount()).isEqualTo(6);
		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(tags(duration)).containsEntry("gen_ai.provider.name", "anthropic")
			.containsEntry("gen_ai.response.model", "claude-3-opus-latest")
			.containsEntry("llm.stream", "true")
			.containsEntry("error.type", "none");
		assertThat(this.meters.get(LlmMetricNames.TIME_PER_OUTPUT_CHUNK).timer().count()).isEqualTo(2);
	}

	@Test
	void gaugesFollowThePermitsAndReturnToZero() {
		this.template.close();
		this.template = template(1);
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
			.withBody(OpenAiStubs.STREAM_BODY));
		List<ChatChunk> received = new CopyOnWriteArrayList<>();
		BaseSubscriber<ChatChunk> slowReader = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				request(1);
			}

			@Override
			protected void hookOnNext(ChatChunk chunk) {
				received.add(chunk);
			}
		};
		this.template.stream(ChatRequest.of("Hi")).subscribe(slowReader);
		await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
		assertThat(gauge(LlmMetricNames.ACTIVE)).isEqualTo(1);

		// the first stream holds the only permit while its reader waits: the chat queues
		var chat = this.template.chat("Hi").toFuture();
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge(LlmMetricNames.QUEUED) == 1);
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
			.withBody(OpenAiStubs.CHAT_BODY));
		slowReader.cancel();

		assertThat(chat.join()).isEqualTo("Hello!");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertGaugesAreZero);
		assertThat(this.meters.get(LlmMetricNames.OPERATION_DURATION).tag("error.type", "cancelled")
			.tag("llm.stream", "true").timer().count()).isEqualTo(1);
		assertThat(this.meters.get(LlmMetricNames.QUEUE_WAIT).timer().count()).isEqualTo(2);
	}

	@Test
	void observationIsTheParentOfTheHttpClientObservation() {
		this.template.close();
		this.template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).build())
			.webClientBuilder(WebClient.builder().observationRegistry(this.observations))
			.metrics(new MicrometerLlmMetrics(this.meters, this.observations))
			.build();
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
			.withBody(OpenAiStubs.CHAT_BODY));

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hello!").verifyComplete();

		assertThat(this.observations).hasObservationWithNameEqualTo(LlmMetricNames.OBSERVATION)
			.that()
			.hasContextualNameEqualTo("chat gpt-4o-mini")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
			.hasLowCardinalityKeyValue("error.type", "none")
			.hasLowCardinalityKeyValue("llm.client", "default")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "12")
			.hasHighCardinalityKeyValueWithKey("llm.client.request_id")
			.doesNotHaveError()
			.hasBeenStarted()
			.hasBeenStopped();
		assertThat(this.observations).hasObservationWithNameEqualTo("http.client.requests")
			.that()
			.hasParentObservationContextMatching((parent) -> parent instanceof LlmObservationContext);
	}

	@Test
	void observationIsTheChildOfTheSubscribersObservation() {
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
			.withBody(OpenAiStubs.CHAT_BODY));
		Observation parent = Observation.start("caller", this.observations);

		StepVerifier
			.create(this.template.chat("Hi").contextWrite((context) -> context.put("micrometer.observation", parent)))
			.expectNext("Hello!")
			.verifyComplete();
		parent.stop();

		assertThat(this.observations).hasObservationWithNameEqualTo(LlmMetricNames.OBSERVATION)
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void modelsListingIsTaggedAsModelsWithoutARequestModel() {
		server.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type",
				"application/json").withBody("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"}]}")));

		StepVerifier.create(this.template.models()).expectNext(List.of("gpt-4o")).verifyComplete();

		Timer duration = this.meters.get(LlmMetricNames.OPERATION_DURATION).timer();
		assertThat(tags(duration)).containsEntry("gen_ai.operation.name", "models")
			.containsEntry("gen_ai.request.model", "none")
			.containsEntry("error.type", "none");
		assertThat(this.observations).hasObservationWithNameEqualTo(LlmMetricNames.OBSERVATION)
			.that()
			.hasContextualNameEqualTo("models");
	}

	@Test
	void recordsMetersWithoutAnObservationRegistry() {
		this.template.close();
		this.template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).build())
			.metrics(new MicrometerLlmMetrics(this.meters))
			.build();
		stubChat(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
			.withBody(OpenAiStubs.CHAT_BODY));

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hello!").verifyComplete();

		assertThat(this.meters.get(LlmMetricNames.OPERATION_DURATION).timer().count()).isEqualTo(1);
		assertThat(this.observations).doesNotHaveAnyObservation();
	}

	@Test
	void clientsSharingOneInstanceAreTaggedByName() {
		MicrometerLlmMetrics shared = new MicrometerLlmMetrics(this.meters);
		LlmTemplate other = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).name("other").build())
			.metrics(shared)
			.build();
		LlmTemplate main = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).build()).metrics(shared).build();
		try {
			stubChat(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
				.withBody(OpenAiStubs.CHAT_BODY));

			StepVerifier.create(other.chat("Hi")).expectNext("Hello!").verifyComplete();

			assertThat(this.meters.get(LlmMetricNames.OPERATION_DURATION).tag("llm.client", "other").timer().count())
				.isEqualTo(1);
			assertThat(this.meters.find(LlmMetricNames.OPERATION_DURATION).tag("llm.client", "default").timer())
				.isNull();
			assertThat(this.meters.find(LlmMetricNames.ACTIVE).gauges()).hasSize(2);
		}
		finally {
			other.close();
			main.close();
		}
	}

	private LlmTemplate template(int maxConcurrent) {
		return LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).maxConcurrent(maxConcurrent).build())
			.metrics(new MicrometerLlmMetrics(this.meters, this.observations))
			.build();
	}

	private static void stubChat(ResponseDefinitionBuilder response) {
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(response));
	}

	private DistributionSummary tokens(String type) {
		return this.meters.get(LlmMetricNames.TOKEN_USAGE).tag("gen_ai.token.type", type).summary();
	}

	private double gauge(String name) {
		return this.meters.get(name).tag("llm.client", "default").gauge().value();
	}

	private void assertGaugesAreZero() {
		assertThat(gauge(LlmMetricNames.ACTIVE)).isZero();
		assertThat(gauge(LlmMetricNames.QUEUED)).isZero();
	}

	private static Map<String, String> tags(Meter meter) {
		Map<String, String> tags = new LinkedHashMap<>();
		meter.getId().getTags().forEach((tag) -> tags.put(tag.getKey(), tag.getValue()));
		return tags;
	}

}
