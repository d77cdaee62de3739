package io.github.llmclient;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.circuit.CircuitBreakerSettings;
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmServerException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client's circuit breaker: what counts, when it opens, what an open circuit does, how it closes again. */
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerIntegrationTests {

	static final String ANSWER = "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";

	static final String PATH = "/v1/chat/completions";

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

	private LlmTemplate template;

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.template = template("primary", 0, Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.wireMock.stop();
	}

	/** A client of the stub whose breaker opens at 50% failures over 4 calls. */
	private LlmTemplate template(String name, int maxRetries, Duration openDuration) {
		return LlmTemplate
			.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
				.name(name)
				.retry(TestClients.fastRetries(maxRetries))
				.circuitBreaker(breaker(4, openDuration))
				.build())
			.circuitBreakerRegistry(this.registry)
			.build();
	}

	static CircuitBreakerSettings breaker(int minimumCalls, Duration openDuration) {
		return new CircuitBreakerSettings(true, 50, minimumCalls, Duration.ofSeconds(60), openDuration);
	}

	private CircuitBreaker.Metrics metrics() {
		return this.registry.circuitBreaker("primary").getMetrics();
	}

	private void failTimes(int calls) {
		for (int i = 0; i < calls; i++) {
			StepVerifier.create(this.template.chat("Hi")).expectError(LlmServerException.class).verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void opensAfterMinimumCallsWithFailuresThenFailsAtOnceUnsent(CapturedOutput output) {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		failTimes(3);
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.CLOSED);
		failTimes(1);
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.OPEN);
		StepVerifier.create(this.template.chat("Hi")).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(LlmCircuitOpenException.class)
				.hasMessageContaining("'primary'")
				.hasMessageContaining("probe calls go through in")
				.hasMessageContaining("not sent");
			assertThat(((LlmCircuitOpenException) error).statusCode()).isZero();
		}).verify(Duration.ofSeconds(30));
		this.wireMock.verify(4, postRequestedFor(urlEqualTo(PATH)));
		assertThat(output).containsOnlyOnce("LLM client 'primary' circuit breaker: closed -> open (failure rate 100.0% of 4 calls");
		assertThat(output).doesNotContain(TestClients.SECRET_KEY);
	}

	@Test
	void aCallAndItsRetriesAreOneOutcome() {
		this.template.close();
		this.template = template("primary", 2, Duration.ofSeconds(30));
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		failTimes(2);
		this.wireMock.verify(6, postRequestedFor(urlEqualTo(PATH)));
		assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(2);
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void badRequestsAreNeitherSuccessNorFailure() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}")));
		for (int i = 0; i < 6; i++) {
			StepVerifier.create(this.template.chat("Hi")).expectError(LlmBadRequestException.class).verify(Duration.ofSeconds(30));
		}
		assertThat(metrics().getNumberOfBufferedCalls()).isZero();
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.CLOSED);
		this.wireMock.verify(6, postRequestedFor(urlEqualTo(PATH)));
	}

	@Test
	void rateLimitsCountAsFailures() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
		for (int i = 0; i < 4; i++) {
			StepVerifier.create(this.template.chat("Hi")).expectError().verify(Duration.ofSeconds(30));
		}
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void aCancelledCallIsNotCounted() {
		this.wireMock.stubFor(post(PATH).willReturn(okJson(ANSWER).withFixedDelay(5000)));
		Disposable call = this.template.chat("Hi").subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.template.activeRequests() == 1);
		call.dispose();
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"}}]}\n\n").withChunkedDribbleDelay(2, 3000)));
		StepVerifier.create(this.template.stream("Hi").take(1)).expectNext("one").verifyComplete();
		assertThat(metrics().getNumberOfBufferedCalls()).isZero();
		assertThat(metrics().getNumberOfNotPermittedCalls()).isZero();
	}

	@Test
	void aStreamCountsWhenItCompletesOrFails() {
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")));
		StepVerifier.create(this.template.stream("Hi")).expectNext("one").verifyComplete();
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(502)));
		StepVerifier.create(this.template.stream("Hi")).expectError(LlmServerException.class).verify(Duration.ofSeconds(30));
		assertThat(metrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
		assertThat(metrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void closesAgainAfterHalfOpenProbesSucceed(CapturedOutput output) {
		this.template.close();
		this.template = template("primary", 0, Duration.ofMillis(200));
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		failTimes(4);
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.OPEN);
		this.wireMock.stubFor(post(PATH).willReturn(okJson(ANSWER)));
		// while open, calls fail unsent; once open-duration is over, the next call is a probe
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.template.chat("Hi").onErrorReturn(LlmCircuitOpenException.class, "open").block().equals("ok"));
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
		// minimum-calls (4) probes, all good, close it
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(this.template.chat("Hi")).expectNext("ok").verifyComplete();
		}
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.CLOSED);
		this.wireMock.verify(8, postRequestedFor(urlEqualTo(PATH)));
		assertThat(output).contains("circuit breaker: open -> half-open").contains("circuit breaker: half-open -> closed");
	}

	@Test
	void aFailedProbeOpensTheCircuitAgain() {
		this.template.close();
		this.template = template("primary", 0, Duration.ofMillis(200));
		this.wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		failTimes(4);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.template.chat("Hi")
				.onErrorResume(LlmCircuitOpenException.class, (ex) -> reactor.core.publisher.Mono.just("open"))
				.onErrorReturn(LlmServerException.class, "probe failed")
				.block()
				.equals("probe failed"));
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.HALF_OPEN);
		failTimes(3);
		assertThat(this.template.circuitState()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void theFallbackTakesAnOpenCircuit() {
		LlmTemplate backup = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/backup").name("backup").build()).build();
		this.template.close();
		this.template = LlmTemplate
			.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
				.name("primary")
				.retry(TestClients.fastRetries(0))
				.circuitBreaker(breaker(4, Duration.ofSeconds(30)))
				.fallback("backup")
				.build())
			.circuitBreakerRegistry(this.registry)
			.fallback(() -> backup)
			.build();
		this.registry.circuitBreaker("primary").transitionToOpenState();
		this.wireMock.stubFor(post("/backup/chat/completions").willReturn(okJson(ANSWER)));
		StepVerifier.create(this.template.chat(ChatRequest.of("Hi"))).assertNext((response) -> assertThat(response.content()).isEqualTo("ok")).verifyComplete();
		this.wireMock.verify(0, postRequestedFor(urlEqualTo(PATH)));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/backup/chat/completions")));
		backup.close();
	}

	@Test
	void aClientWithoutBreakerReportsDisabled() {
		try (LlmTemplate plain = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build()).build()) {
			assertThat(plain.circuitState()).isEqualTo(CircuitState.DISABLED);
		}
	}

}
