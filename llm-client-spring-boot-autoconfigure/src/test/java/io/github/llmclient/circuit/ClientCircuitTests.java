package io.github.llmclient.circuit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LogCapture;
import io.github.llmclient.TestClients;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The breaker of one client on its own, without HTTP: what counts as a failure, that every
 * permission is given back (a cancelled probe included), what a refusal says, and the WARN line of
 * each state change.
 */
class ClientCircuitTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of(ClientCircuit.class).atLevel(Level.INFO);

	@Test
	void cancelledProbeUnderHalfOpenGivesItsPermissionBackAndTheCircuitRecovers() {
		ClientCircuit circuit = circuit(1, Duration.ofMinutes(5), null);
		openByOneFailure(circuit);
		circuit.breaker().transitionToHalfOpenState();
		assertThat(circuit.state()).isEqualTo(CircuitState.HALF_OPEN);

		// the one probe permission of the half-open state is taken by a call that is then cancelled
		Disposable probe = circuit.protect(Flux.never()).subscribe();
		probe.dispose();

		// the permission came back: the next call is the probe, succeeds and closes the circuit
		StepVerifier.create(circuit.protect(Flux.just("answer"))).expectNext("answer").verifyComplete();
		assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void probeInFlightRefusesTheNextCallNamingTheHalfOpenState() {
		ClientCircuit circuit = circuit(1, Duration.ofMinutes(5), null);
		openByOneFailure(circuit);
		circuit.breaker().transitionToHalfOpenState();
		Sinks.One<String> pending = Sinks.one();
		AtomicInteger subscribed = new AtomicInteger();
		Disposable probe = circuit.protect(pending.asMono().flux()).subscribe();
		try {
			StepVerifier.create(circuit.protect(Flux.defer(() -> {
				subscribed.incrementAndGet();
				return Flux.just("never sent");
			}))).expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmCircuitOpenException.class)
				.hasMessage("Circuit breaker of LLM client 'c1' is half-open with all its probe calls in flight; not sent"))
				.verify();
			assertThat(subscribed).hasValue(0);
		}
		finally {
			probe.dispose();
		}
	}

	@Test
	void openCircuitRefusesWithoutSubscribingAndSaysWhenProbesGoThrough() {
		ClientCircuit circuit = circuit(1, Duration.ofMinutes(5), null);
		openByOneFailure(circuit);
		assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
		assertThat(circuit.refusing()).isTrue();
		AtomicInteger subscribed = new AtomicInteger();
		StepVerifier.create(circuit.protect(Mono.fromCallable(() -> {
			subscribed.incrementAndGet();
			return "never sent";
		}))).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(LlmCircuitOpenException.class)
				.hasMessageStartingWith("Circuit breaker of LLM client 'c1' is open; probe calls go through in ")
				.hasMessageEndingWith("ms; not sent");
			long millis = Long.parseLong(error.getMessage().replaceAll(".* in (\\d+)ms; not sent", "$1"));
			assertThat(millis).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
			LlmCircuitOpenException open = (LlmCircuitOpenException) error;
			assertThat(open.errorType()).isEqualTo("circuit_open");
			assertThat(open.statusCode()).isZero();
			assertThat(open.isRetryable()).isFalse();
			assertThat(open.provider()).isEqualTo("openai");
		}).verify();
		assertThat(subscribed).hasValue(0);
	}

	@Test
	void forcedOpenThroughTheRegistryIsNoticedAndRefused() {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		ClientCircuit circuit = circuit(10, Duration.ofMinutes(5), registry);
		assertThat(circuit.refusing()).isFalse();
		registry.circuitBreaker("c1").transitionToForcedOpenState();
		assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
		assertThat(circuit.refusing()).isTrue();
		StepVerifier.create(circuit.protect(Flux.just("never sent")))
			.expectErrorMessage("Circuit breaker of LLM client 'c1' is forced open through its CircuitBreakerRegistry; "
					+ "not sent")
			.verify();
		assertThat(warnings()).containsExactly("LLM client 'c1' circuit breaker: closed -> forced-open (state changed)");
		registry.circuitBreaker("c1").transitionToClosedState();
		assertThat(circuit.refusing()).isFalse();
	}

	@Test
	void theRegistryHoldsTheClientsBreakerAndABreakerBuiltAgainReplacesIt() {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		ClientCircuit first = circuit(10, Duration.ofMinutes(5), registry);
		assertThat(registry.circuitBreaker("c1")).isSameAs(first.breaker());
		ClientCircuit second = circuit(3, Duration.ofMinutes(5), registry);
		assertThat(registry.circuitBreaker("c1")).isSameAs(second.breaker()).isNotSameAs(first.breaker());
		assertThat(second.breaker().getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(3);
	}

	@Test
	void halfOpenLetsAsManyProbesAsMinimumCallsButNeverMoreThanTen() {
		assertThat(circuit(3, Duration.ofMinutes(5), null).breaker()
			.getCircuitBreakerConfig()
			.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
		assertThat(circuit(50, Duration.ofMinutes(5), null).breaker()
			.getCircuitBreakerConfig()
			.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(10);
	}

	@Test
	void onlyTheProvidersFailuresCount() {
		assertThat(ClientCircuit.counts(new LlmServerException("503", details(503), null))).isTrue();
		assertThat(ClientCircuit.counts(new LlmRateLimitException("429", details(429), null))).isTrue();
		assertThat(ClientCircuit.counts(new LlmTimeoutException("slow", LlmTimeoutException.Phase.RESPONSE,
				details(0), null))).isTrue();
		assertThat(ClientCircuit.counts(new LlmTransportException("reset", details(0), null))).isTrue();
		// the client's own rate limit sent nothing
		assertThat(ClientCircuit.counts(new LlmRateLimitException("budget", details(0), null))).isFalse();
		assertThat(ClientCircuit.counts(new LlmBadRequestException("400", details(400), null))).isFalse();
		assertThat(ClientCircuit.counts(new LlmProtocolException("bad json", details(200), null))).isFalse();
		assertThat(ClientCircuit.counts(new IllegalStateException("bug"))).isFalse();
	}

	@Test
	void ignoredErrorsNeverOpenTheCircuit() {
		ClientCircuit circuit = circuit(1, Duration.ofMinutes(5), null);
		StepVerifier.create(circuit.protect(Mono.error(new LlmBadRequestException("400", details(400), null))))
			.expectError(LlmBadRequestException.class)
			.verify();
		assertThat(circuit.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(circuit.breaker().getMetrics().getNumberOfBufferedCalls()).isZero();
	}

	@Test
	void aStreamCancelledAfterChunksCountsAsNeitherSuccessNorFailure() {
		ClientCircuit circuit = circuit(1, Duration.ofMinutes(5), null);
		StepVerifier.create(circuit.protect(Flux.just("a", "b", "c")).take(1)).expectNext("a").verifyComplete();
		CircuitBreaker.Metrics metrics = circuit.breaker().getMetrics();
		assertThat(metrics.getNumberOfSuccessfulCalls()).isZero();
		assertThat(metrics.getNumberOfFailedCalls()).isZero();
		assertThat(metrics.getNumberOfBufferedCalls()).isZero();
	}

	@Test
	void aSuccessfulCallIsRecordedOnceAsASuccess() {
		ClientCircuit circuit = circuit(5, Duration.ofMinutes(5), null);
		StepVerifier.create(circuit.protect(Mono.just("answer"))).expectNext("answer").verifyComplete();
		StepVerifier.create(circuit.protect(Flux.just("a", "b"))).expectNext("a", "b").verifyComplete();
		assertThat(circuit.breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
		assertThat(circuit.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
		// recorded with the calls' own durations, well under the breaker's slow-call threshold
		assertThat(circuit.breaker().getMetrics().getNumberOfSlowSuccessfulCalls()).isZero();
	}

	@Test
	void aFailedStreamIsRecordedOnceAsAFailure() {
		ClientCircuit circuit = circuit(5, Duration.ofMinutes(5), null);
		StepVerifier.create(circuit.protect(Flux.concat(Flux.just("a"), Flux.error(serverError()))))
			.expectNext("a")
			.expectError(LlmServerException.class)
			.verify();
		assertThat(circuit.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
		assertThat(circuit.breaker().getMetrics().getNumberOfSuccessfulCalls()).isZero();
		// recorded with the call's own duration, well under the breaker's slow-call threshold
		assertThat(circuit.breaker().getMetrics().getNumberOfSlowFailedCalls()).isZero();
	}

	@Test
	void eachStateChangeIsLoggedOnceWithItsReason() {
		ClientCircuit circuit = circuit(1, Duration.ofMinutes(5), null);
		openByOneFailure(circuit);
		circuit.refusing();
		circuit.state();
		circuit.breaker().transitionToHalfOpenState();
		StepVerifier.create(circuit.protect(Flux.error(serverError()))).expectError().verify();
		circuit.breaker().transitionToHalfOpenState();
		StepVerifier.create(circuit.protect(Flux.just("ok"))).expectNext("ok").verifyComplete();
		assertThat(warnings()).containsExactly(
				"LLM client 'c1' circuit breaker: closed -> open (failure rate 100.0% of 1 calls, threshold 50.0%; "
						+ "calls fail at once for 300000ms)",
				"LLM client 'c1' circuit breaker: open -> half-open (open-duration of 300000ms over; letting probe "
						+ "calls through)",
				"LLM client 'c1' circuit breaker: half-open -> open (probe calls failed: failure rate 100.0% of 1 "
						+ "calls, threshold 50.0%; calls fail at once for 300000ms)",
				"LLM client 'c1' circuit breaker: open -> half-open (open-duration of 300000ms over; letting probe "
						+ "calls through)",
				"LLM client 'c1' circuit breaker: half-open -> closed (the probe calls' failure rate stayed below the "
						+ "threshold)");
	}

	@Test
	void withoutABreakerEveryCallPassesUntouched() {
		ClientConfig config = TestClients.openAi("http://localhost:1").name("c1").build();
		ClientCircuit circuit = ClientCircuit.of(config, CircuitBreakerRegistry.ofDefaults());
		Flux<String> call = Flux.just("a");
		Mono<String> single = Mono.just("b");
		assertThat(circuit.protect(call)).isSameAs(call);
		assertThat(circuit.protect(single)).isSameAs(single);
		assertThat(circuit.state()).isEqualTo(CircuitState.DISABLED);
		assertThat(circuit.refusing()).isFalse();
		assertThat(circuit.breaker()).isNull();
	}

	private void openByOneFailure(ClientCircuit circuit) {
		StepVerifier.create(circuit.protect(Mono.error(serverError()))).expectError(LlmServerException.class).verify();
		assertThat(circuit.state()).isEqualTo(CircuitState.OPEN);
	}

	private List<String> warnings() {
		return this.logs.messages(Level.WARN);
	}

	private static ClientCircuit circuit(int minimumCalls, Duration openDuration, CircuitBreakerRegistry registry) {
		CircuitBreakerSettings settings = new CircuitBreakerSettings(true, 50, minimumCalls, Duration.ofSeconds(60),
				openDuration);
		ClientConfig config = TestClients.openAi("http://localhost:1").name("c1").circuitBreaker(settings).build();
		return ClientCircuit.of(config, registry);
	}

	private static LlmServerException serverError() {
		return new LlmServerException("HTTP 503 from openai", details(503), null);
	}

	private static ErrorDetails details(int status) {
		return ErrorDetails.builder("openai").statusCode(status).build();
	}

}
