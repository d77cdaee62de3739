package io.github.llmclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.retry.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Fault injection against a real HTTP server: what is retried, how long it waits, and what surfaces. */
class ResilienceIntegrationTests extends WireMockTestSupport {

	private static final String CHUNK = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n";

	private final List<Duration> retryDelays = new CopyOnWriteArrayList<>();

	private final List<String> retryReasons = new CopyOnWriteArrayList<>();

	private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

	private final LlmMetrics recordingMetrics = (info) -> new CallObserver() {
		@Override
		public void onAttempt(int status, @org.jspecify.annotations.Nullable Throwable error) {
			ResilienceIntegrationTests.this.attempts.incrementAndGet();
		}

		@Override
		public void onRetry(String reason, Duration delay) {
			ResilienceIntegrationTests.this.retryReasons.add(reason);
			ResilienceIntegrationTests.this.retryDelays.add(delay);
		}
	};

	@Test
	void retriesServiceUnavailableThenSucceedsWithOneClientRequestId() {
		sequence(aResponse().withStatus(503), aResponse().withStatus(503), okJson(OpenAiChatIntegrationTests.COMPLETION));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.chat("Hi")).expectNext("Hello there!").verifyComplete();
		}
		List<LoggedRequest> requests = this.wireMock.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(requests).hasSize(3);
		assertThat(requests).extracting((request) -> request.getHeader("X-Client-Request-Id")).doesNotContainNull().containsOnly(
				requests.get(0).getHeader("X-Client-Request-Id"));
		assertThat(this.retryReasons).containsExactly("503", "503");
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void neverRetriesOtherClientErrors(int status) {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(status)));
		try (LlmTemplate template = template(Function.identity())) {
			LlmException error = failure(template.chat("Hi"));
			assertThat(error.statusCode()).isEqualTo(status);
			assertThat(error).isInstanceOfAny(LlmBadRequestException.class, LlmAuthenticationException.class);
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void xShouldRetryOverridesTheStatusRule() {
		sequence(aResponse().withStatus(400).withHeader("x-should-retry", "true"), okJson(OpenAiChatIntegrationTests.COMPLETION));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.chat("Hi")).expectNext("Hello there!").verifyComplete();
		}
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void xShouldRetryFalseStopsARetryableStatus() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503).withHeader("x-should-retry", "false")));
		try (LlmTemplate template = template(Function.identity())) {
			assertThat(failure(template.chat("Hi"))).isInstanceOf(LlmServerException.class);
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void honoursRetryAfterMs() {
		sequence(aResponse().withStatus(429).withHeader("retry-after-ms", "120"), okJson(OpenAiChatIntegrationTests.COMPLETION));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.chat("Hi")).expectNext("Hello there!").verifyComplete();
		}
		assertThat(this.retryDelays).containsExactly(Duration.ofMillis(120));
	}

	@Test
	void honoursRetryAfterSeconds() {
		sequence(aResponse().withStatus(503).withHeader("Retry-After", "1"), okJson(OpenAiChatIntegrationTests.COMPLETION));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.chat("Hi")).expectNext("Hello there!").verifyComplete();
		}
		assertThat(this.retryDelays).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void failsFastWhenRetryAfterExceedsTheCap() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
		try (LlmTemplate template = template(Function.identity())) {
			LlmException error = failure(template.chat("Hi"));
			assertThat(error).isInstanceOf(LlmRateLimitException.class);
			assertThat(error.retryAfter()).contains(Duration.ofHours(1));
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		this.wireMock.resetAll();
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
		try (LlmTemplate template = template(Function.identity())) {
			LlmException error = failure(template.chat("Hi"));
			assertThat(error).isInstanceOf(LlmServerException.class);
			assertThat(error.retryAfter()).contains(Duration.ofHours(1));
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aRateLimitThatExhaustsRetriesIsARateLimitException() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"requests\"}}")));
		try (LlmTemplate template = template(Function.identity())) {
			assertThat(failure(template.chat("Hi"))).isInstanceOf(LlmRateLimitException.class)
				.hasMessageContaining("Rate limit reached for gpt-4o-mini");
		}
		this.wireMock.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE" })
	void retriesTransportFaultsThenSurfacesATransportError(Fault fault) {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withFault(fault)));
		try (LlmTemplate template = template(Function.identity())) {
			LlmException error = failure(template.chat("Hi"));
			assertThat(error).isInstanceOf(LlmTransportException.class);
			assertThat(error.statusCode()).isZero();
		}
		this.wireMock.verify(4, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aConnectionClosedBeforeAnyResponseByteIsRetried() {
		sequence(aResponse().withFault(Fault.EMPTY_RESPONSE), okJson(OpenAiChatIntegrationTests.COMPLETION));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.chat("Hi")).expectNext("Hello there!").verifyComplete();
		}
	}

	@Test
	void aSlowResponseTripsTheResponseTimeout() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiChatIntegrationTests.COMPLETION).withFixedDelay(2000)));
		try (LlmTemplate template = template((config) -> config.timeout(Duration.ofMillis(300)).retry(TestClients.fastRetries(1)))) {
			LlmException error = failure(template.chat("Hi"));
			assertThat(error).isInstanceOf(LlmTimeoutException.class).hasMessageContaining("llm.timeout");
			assertThat(((LlmTimeoutException) error).phase()).isEqualTo(LlmTimeoutException.Phase.RESPONSE);
			assertThat(template.activeRequests()).isZero();
		}
		// counted on the client: under load a cancelled attempt may not reach the server's journal
		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void aSlowStreamStartTripsTheFirstChunkTimeoutAndIsRetried() {
		try (DribbleServer server = DribbleServer.silent();
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl())
					.firstChunkTimeout(Duration.ofMillis(300))
					.retry(TestClients.fastRetries(1))
					.build()).metrics(this.recordingMetrics).build()) {
			LlmException error = failure(template.stream("Hi").then());
			assertThat(error).isInstanceOf(LlmTimeoutException.class).hasMessageContaining("llm.first-chunk-timeout");
			assertThat(((LlmTimeoutException) error).phase()).isEqualTo(LlmTimeoutException.Phase.FIRST_CHUNK);
			assertThat(this.attempts).hasValue(2);
			assertThat(server.requests.get()).isBetween(1, 2);
			assertThat(template.activeRequests()).isZero();
		}
	}

	@Test
	void keepAliveCommentsAloneDoNotStopTheFirstChunkTimeout() {
		try (DribbleServer server = DribbleServer.commentsOnly();
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl())
					.firstChunkTimeout(Duration.ofMillis(400))
					.retry(TestClients.fastRetries(0))
					.build()).build()) {
			LlmException error = failure(template.stream("Hi").then());
			assertThat(error).isInstanceOf(LlmTimeoutException.class);
			assertThat(((LlmTimeoutException) error).phase()).isEqualTo(LlmTimeoutException.Phase.FIRST_CHUNK);
		}
	}

	@Test
	void aStreamThatStallsAfterContentTripsTheIdleTimeoutAndIsNotRetried() {
		try (DribbleServer server = DribbleServer.stalling(CHUNK);
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl())
					.streamIdleTimeout(Duration.ofMillis(200))
					.build()).build()) {
			StepVerifier.create(template.stream("Hi"))
				.expectNext("Hello")
				.expectErrorSatisfies((error) -> {
					assertThat(error).isInstanceOf(LlmTimeoutException.class).hasMessageContaining("llm.stream-idle-timeout");
					assertThat(((LlmTimeoutException) error).phase()).isEqualTo(LlmTimeoutException.Phase.STREAM_IDLE);
				})
				.verify(Duration.ofSeconds(10));
			assertThat(server.requests).hasValue(1);
			assertThat(template.activeRequests()).isZero();
		}
	}

	@Test
	void aStreamThatStallsBeforeContentIsRetried() {
		try (DribbleServer server = DribbleServer.stalling(": keep-alive\n\n");
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl())
					.streamIdleTimeout(Duration.ofMillis(150))
					.retry(TestClients.fastRetries(2))
					.build()).build()) {
			StepVerifier.create(template.stream("Hi"))
				.expectError(LlmTimeoutException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(server.requests).hasValue(3);
		}
	}

	@Test
	void aStreamThatBreaksAfterItsFirstChunkIsNotRetried() {
		try (DribbleServer server = DribbleServer.closingAfter(CHUNK);
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			StepVerifier.create(template.stream("Hi"))
				.expectNext("Hello")
				.expectError(LlmException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void aStreamWithAnErrorEventBeforeContentIsRetriedAndSucceeds() {
		sequence(stream("data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\"}}\n\n"),
				stream(CHUNK + "data: [DONE]\n\n"));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.stream("Hi")).expectNext("Hello").verifyComplete();
		}
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		assertThat(this.retryReasons).containsExactly("server_error");
	}

	@Test
	void aStreamRejectedWithAStatusIsRetried() {
		sequence(aResponse().withStatus(502), stream(CHUNK + "data: [DONE]\n\n"));
		try (LlmTemplate template = template(Function.identity())) {
			StepVerifier.create(template.stream("Hi")).expectNext("Hello").verifyComplete();
		}
	}

	@Test
	void theRetryBudgetStopsRetriesThatWouldEndPastMaxElapsed() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503).withHeader("retry-after-ms", "300")));
		RetrySettings budget = new RetrySettings(5, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Duration.ZERO,
				RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofMillis(500));
		try (LlmTemplate template = template((config) -> config.retry(budget))) {
			assertThat(failure(template.chat("Hi"))).isInstanceOf(LlmServerException.class);
		}
		// the first retry ends at ~300ms; a second would end past 500ms
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void logsOneWarningPerRetryWithoutKeyOrPrompt() {
		LogCapture logs = LogCapture.of("io.github.llmclient");
		try (LogCapture started = logs.start();
				LlmTemplate template = template(Function.identity())) {
			sequence(aResponse().withStatus(503), okJson(OpenAiChatIntegrationTests.COMPLETION));
			template.chat("my secret prompt").block(Duration.ofSeconds(10));
		}
		assertThat(logs.messages(ch.qos.logback.classic.Level.WARN)).singleElement()
			.asString()
			.contains("LLM client 'default'", "attempt 1/4", "(503)", "retrying in", "client request id");
		assertThat(logs.events()).allSatisfy((event) -> assertThat(event.getFormattedMessage())
			.doesNotContain(TestClients.SECRET_KEY)
			.doesNotContain("my secret prompt"));
	}

	private void sequence(ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			this.wireMock.stubFor(post("/v1/chat/completions").inScenario("sequence")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "step" + i)
				.willSetStateTo("step" + (i + 1))
				.willReturn(responses[i]));
		}
	}

	private static ResponseDefinitionBuilder stream(String body) {
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	private LlmTemplate template(Function<ClientConfig.Builder, ClientConfig.Builder> customizer) {
		return LlmTemplate.builder(customizer.apply(TestClients.openAi(this.wireMock.baseUrl() + "/v1")).build())
			.metrics(this.recordingMetrics)
			.build();
	}

	private static LlmException failure(Mono<?> call) {
		return catchThrowableOfType(LlmException.class, () -> call.block(Duration.ofSeconds(20)));
	}

}
