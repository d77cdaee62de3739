package io.github.llmclient;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.github.llmclient.retry.RetryQuotaExhaustedException;
import io.github.llmclient.retry.RetryQuotaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-wide retry quota through the whole pipeline, against a real HTTP server: a failing
 * provider is not met with a retry storm, successes refill the quota, and nothing is lost.
 */
class RetryQuotaIntegrationTests extends WireMockTestSupport {

	private static final String PATH = "/v1/chat/completions";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ANSWER = """
			{"id":"c1","object":"chat.completion","model":"gpt-4o-mini",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

	private static final String STREAM = """
			data: {"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

			data: {"id":"c1","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

			data: [DONE]

			""";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void aProviderFailingEveryRequestGetsAboutOneAttemptPerCallOnceTheQuotaIsSpent() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		int calls = 100;
		try (LlmTemplate template = template("default", quota(50, 5, 10, 1), 3)) {
			int refused = 0;
			for (int i = 0; i < calls; i++) {
				LlmException failure = failure(template.chat(ChatRequest.of("call " + i)));
				assertThat(failure).as("the original failure, of its own type").isInstanceOf(LlmServerException.class);
				if (RetryQuotaExhaustedException.find(failure) != null) {
					refused++;
				}
			}
			int attempts = this.wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount();
			// the 50 tokens paid 10 retries of 5: calls 1-3 made 3 each, call 4 made 1 and was refused its second
			assertThat(attempts).isEqualTo(calls + 50 / 5);
			assertThat(refused).isEqualTo(calls - 3);
			assertThat(counter(LlmMetricNames.RETRIES, "default", "503")).isEqualTo(10);
			assertThat(counter(LlmMetricNames.RETRIES, "default", LlmMetricNames.QUOTA_EXHAUSTED)).isEqualTo(refused);
			assertThat(quotaGauge("default")).isZero();
		}
	}

	@Test
	void everyRefusedCallsExceptionNamesTheQuota() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		try (LlmTemplate template = template("default", quota(10, 5, 10, 1), 3)) {
			failure(template.chat(ChatRequest.of("drains the quota")));
			LlmException failure = failure(template.chat(ChatRequest.of("refused")));
			assertThat(failure.getMessage()).startsWith("HTTP 503");
			assertThat(failure.statusCode()).isEqualTo(503);
			assertThat(failure.getSuppressed()).singleElement()
				.isInstanceOf(RetryQuotaExhaustedException.class)
				.extracting(Throwable::getMessage)
				.asString()
				.contains("retry quota of LLM client 'default' was empty");
		}
	}

	@Test
	void withTheQuotaOffEveryCallMakesMaxRetriesPlusOneAttempts() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		int calls = 20;
		try (LlmTemplate template = template("default", RetryQuotaSettings.disabled(), 3)) {
			for (int i = 0; i < calls; i++) {
				assertThat(RetryQuotaExhaustedException.find(failure(template.chat(ChatRequest.of("call " + i))))).isNull();
			}
		}
		assertThat(this.wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount())
			.isEqualTo(calls * 4);
		assertThat(this.meters.find(LlmMetricNames.RETRY_QUOTA).gauge()).as("no gauge without a quota").isNull();
	}

	@Test
	void afterTheProviderHealsSuccessesRefillTheQuotaAndRetriesResume() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		try (LlmTemplate template = template("default", quota(10, 5, 10, 1), 3)) {
			failure(template.chat(ChatRequest.of("spends the quota")));
			assertThat(quotaGauge("default")).isZero();
			this.wireMock.resetAll();
			this.wireMock.stubFor(post(PATH).willReturn(okJson(ANSWER)));
			this.wireMock.stubFor(post(PATH).withRequestBody(containing("\"stream\":true"))
				.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
			for (int i = 0; i < 4; i++) {
				StepVerifier.create(template.chat("?")).expectNext("ok").expectComplete().verify(WAIT);
			}
			assertThat(quotaGauge("default")).isEqualTo(4);
			StepVerifier.create(template.stream(ChatRequest.of("?")).map(ChatChunk::content))
				.expectNext("Hel", "lo")
				.expectComplete()
				.verify(WAIT);
			assertThat(quotaGauge("default")).as("four chats and one stream, one token each").isEqualTo(5);
			this.wireMock.resetAll();
			this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
			failure(template.chat(ChatRequest.of("one retry again")));
			assertThat(this.wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount())
				.isEqualTo(2);
		}
	}

	@Test
	void aRetryThatSucceedsGivesItsCostBackSoOccasionalFailuresNeverEmptyTheQuota() {
		// every fifth attempt fails once, and its retry succeeds
		this.wireMock.stubFor(post(PATH).willReturn(okJson(ANSWER)));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#flaky"))
			.inScenario("flaky")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("failed"));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#flaky"))
			.inScenario("flaky")
			.whenScenarioStateIs("failed")
			.willReturn(okJson(ANSWER))
			.willSetStateTo(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED));
		try (LlmTemplate template = template("default", quota(10, 5, 10, 1), 3)) {
			// without the refunds of successful retries, the ninth flaky call (the 41st) would be refused
			for (int i = 0; i < 50; i++) {
				String prompt = (i % 5 == 0) ? "#flaky " + i : "steady " + i;
				StepVerifier.create(template.chat(prompt)).expectNext("ok").expectComplete().verify(WAIT);
			}
			assertThat(quotaGauge("default")).isEqualTo(10);
			assertThat(counter(LlmMetricNames.RETRIES, "default", "503")).isEqualTo(10);
			assertThat(counter(LlmMetricNames.RETRIES, "default", LlmMetricNames.QUOTA_EXHAUSTED)).isZero();
		}
	}

	@Test
	void aRetryAfterAConnectionFailureCostsMoreThanOneAfterAStatus() {
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#status")).willReturn(aResponse().withStatus(503)));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#reset"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		try (LlmTemplate statuses = template("statuses", quota(30, 5, 10, 1), 2);
				LlmTemplate resets = template("resets", quota(30, 5, 10, 1), 2)) {
			failure(statuses.chat(ChatRequest.of("#status")));
			failure(resets.chat(ChatRequest.of("#reset")));
			assertThat(quotaGauge("statuses")).isEqualTo(20);
			assertThat(quotaGauge("resets")).isEqualTo(10);
		}
	}

	@Test
	void aRetryAfterATimeoutCostsTheTimeoutCost() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(ANSWER).withFixedDelay(2000)));
		ClientConfig config = TestClients.openAi(this.wireMock.baseUrl() + "/v1")
			.name("slow")
			.timeout(Duration.ofMillis(150))
			.retry(TestClients.fastRetries(1).withQuota(quota(30, 5, 10, 1)))
			.build();
		try (LlmTemplate template = LlmTemplate.builder(config).metrics(new MicrometerLlmMetrics(this.meters)).build()) {
			assertThat(failure(template.chat(ChatRequest.of("?")))).isInstanceOf(LlmTimeoutException.class);
			assertThat(quotaGauge("slow")).isEqualTo(20);
		}
	}

	@Test
	void aRetryAfterDrivenRetryCostsTheSameAsAnyOther() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("retry-after-ms", "1")));
		try (LlmTemplate template = template("default", quota(30, 5, 10, 1), 2)) {
			failure(template.chat(ChatRequest.of("?")));
			assertThat(quotaGauge("default")).isEqualTo(20);
			assertThat(counter(LlmMetricNames.RETRIES, "default", "429")).isEqualTo(2);
		}
	}

	@Test
	void namedClientsHaveQuotasOfTheirOwn() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		try (LlmTemplate first = template("first", quota(10, 5, 10, 1), 3);
				LlmTemplate second = template("second", quota(10, 5, 10, 1), 3)) {
			failure(first.chat(ChatRequest.of("spends first's quota")));
			assertThat(quotaGauge("first")).isZero();
			assertThat(quotaGauge("second")).isEqualTo(10);
			assertThat(RetryQuotaExhaustedException.find(failure(second.chat(ChatRequest.of("?"))))).isNotNull();
			// second paid its own two retries
			assertThat(this.wireMock.countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount())
				.isEqualTo(3 + 3);
		}
	}

	@Test
	void underFaultsAndCancelsEveryCallIsAnsweredOrFailedAndEveryPermitReturned() {
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#ok")).willReturn(okJson(ANSWER)));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#ok"))
			.withRequestBody(containing("\"stream\":true"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#fail")).willReturn(aResponse().withStatus(503)));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#reset"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		this.wireMock.stubFor(post(PATH).withRequestBody(containing("#slow")).willReturn(okJson(ANSWER).withFixedDelay(400)));
		List<String> kinds = List.of("#ok", "#fail", "#reset", "#slow");
		Random random = new Random(25);
		int calls = 200;
		try (LlmTemplate template = template("soak", quota(40, 5, 10, 1), 3)) {
			List<Signal<String>> outcomes = Flux.range(0, calls).flatMap((i) -> {
				String kind = kinds.get(random.nextInt(kinds.size()));
				ChatRequest request = ChatRequest.of(kind + " call " + i);
				Mono<String> call = (i % 2 == 0) ? template.chat(request).map((response) -> response.content())
						: template.stream(request).map(ChatChunk::content).reduce("", String::concat);
				// a third of the callers give up after 100ms: their calls are cancelled mid-flight or mid-backoff
				if (i % 3 == 0) {
					call = call.timeout(Duration.ofMillis(100));
				}
				return call.materialize();
			}, 32).collectList().block(Duration.ofSeconds(60));
			assertThat(outcomes).as("every call ends, none hangs").hasSize(calls);
			assertThat(outcomes).allSatisfy((outcome) -> {
				if (outcome.isOnNext()) {
					assertThat(outcome.get()).isIn("ok", "Hello");
				}
				else {
					assertThat(outcome.isOnError()).as("a value or an error, never a silent empty end").isTrue();
					assertThat(outcome.getThrowable()).isInstanceOfAny(LlmException.class, TimeoutException.class);
				}
			});
			assertThat(outcomes).anySatisfy((outcome) -> assertThat(outcome.isOnNext()).isTrue());
			assertThat(outcomes).anySatisfy((outcome) -> assertThat(outcome.getThrowable()).isInstanceOf(TimeoutException.class));
			assertThat(gauge(LlmMetricNames.ACTIVE, "soak")).as("every permit returned").isZero();
			assertThat(gauge(LlmMetricNames.QUEUED, "soak")).isZero();
			assertThat(quotaGauge("soak")).isBetween(0, 40);
		}
	}

	private LlmTemplate template(String name, RetryQuotaSettings quota, int maxRetries) {
		ClientConfig config = TestClients.openAi(this.wireMock.baseUrl() + "/v1")
			.name(name)
			.retry(TestClients.fastRetries(maxRetries).withQuota(quota))
			.build();
		return LlmTemplate.builder(config).metrics(new MicrometerLlmMetrics(this.meters)).build();
	}

	private static RetryQuotaSettings quota(int capacity, int retryCost, int timeoutCost, int refund) {
		return new RetryQuotaSettings(true, capacity, retryCost, timeoutCost, refund);
	}

	private static LlmException failure(Mono<?> call) {
		LlmException[] failure = new LlmException[1];
		StepVerifier.create(call).expectErrorSatisfies((error) -> failure[0] = (LlmException) error).verify(WAIT);
		return failure[0];
	}

	private int quotaGauge(String client) {
		return gauge(LlmMetricNames.RETRY_QUOTA, client);
	}

	private int gauge(String name, String client) {
		Gauge gauge = this.meters.find(name).tag(LlmMetricNames.CLIENT_TAG, client).gauge();
		assertThat(gauge).as(name + " of " + client).isNotNull();
		return (int) gauge.value();
	}

	private double counter(String name, String client, String reason) {
		io.micrometer.core.instrument.Counter counter = this.meters.find(name)
			.tag(LlmMetricNames.CLIENT_TAG, client)
			.tag(LlmMetricNames.REASON_TAG, reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
