package io.github.llmclient.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.github.llmclient.LogCapture;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTransportException;
import io.github.llmclient.metrics.CallObserver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry operator paying retries from the client's quota: what each outcome takes and gives
 * back, and a refused retry delivered at once, marked, of its own type.
 */
class RetryQuotaOperatorTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<String> retries = new ArrayList<>();

	private final List<String> refused = new ArrayList<>();

	private final CallObserver observer = new CallObserver() {
		@Override
		public void onRetry(String reason, Duration delay) {
			RetryQuotaOperatorTests.this.retries.add(reason);
		}

		@Override
		public void onRetryRefused(String reason) {
			RetryQuotaOperatorTests.this.refused.add(reason);
		}
	};

	@Test
	void aFirstAttemptSuccessPutsOneBack() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		operator.quota().tryAcquire(5);
		StepVerifier.create(operator.apply(Mono.just("ok"), this.observer, "id")).expectNext("ok").verifyComplete();
		assertThat(operator.quota().available()).isEqualTo(16);
		StepVerifier.create(operator.apply(Mono.empty(), this.observer, "id")).verifyComplete();
		assertThat(operator.quota().available()).as("an empty answer is a success too").isEqualTo(17);
	}

	@Test
	void aRetryThatSucceedsGivesBackItsCostAndTheFailedOnesStaySpent() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() < 3) ? Mono.error(status(503, null))
				: Mono.just("ok"));
		StepVerifier.create(operator.apply(call, this.observer, "id")).expectNext("ok").verifyComplete();
		// two retries took 10, the one that succeeded gave its 5 back; no first-attempt refund
		assertThat(operator.quota().available()).isEqualTo(15);
		assertThat(attempts).hasValue(3);
		assertThat(this.retries).containsExactly("503", "503");
		assertThat(this.refused).isEmpty();
	}

	@Test
	void aCallWhoseRetriesAllFailKeepsTheirCost() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		StepVerifier.create(operator.apply(Mono.error(status(503, null)), this.observer, "id"))
			.expectError(LlmServerException.class)
			.verify(WAIT);
		assertThat(operator.quota().available()).isEqualTo(5);
		assertThat(this.retries).hasSize(3);
	}

	@Test
	void whenTheQuotaCannotPayTheFailureIsDeliveredAtOnceOfItsOwnTypeNamingTheQuota() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		operator.quota().tryAcquire(16);
		AtomicInteger attempts = new AtomicInteger();
		LlmException last = status(503, null);
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(last);
		});
		// virtual time that never advances: a refused retry does not wait
		StepVerifier.withVirtualTime(() -> operator.apply(call, this.observer, "id"))
			.expectSubscription()
			.expectErrorSatisfies((error) -> {
				assertThat(error).isSameAs(last);
				RetryQuotaExhaustedException note = RetryQuotaExhaustedException.find(error);
				assertThat(note).isNotNull();
				assertThat(note.getMessage()).contains("retry quota of LLM client 'default' was empty")
					.contains("4 of 20 tokens left, this retry costs 5");
			})
			.verify(WAIT);
		assertThat(attempts).hasValue(1);
		assertThat(this.refused).containsExactly("quota_exhausted");
		assertThat(this.retries).isEmpty();
		assertThat(operator.quota().available()).isEqualTo(4);
	}

	@Test
	void retriesStopMidCallWhenTheQuotaRunsDry() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		operator.quota().tryAcquire(10);
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(status(503, null));
		});
		StepVerifier.create(operator.apply(call, this.observer, "id"))
			.expectErrorSatisfies((error) -> assertThat(RetryQuotaExhaustedException.find(error)).isNotNull())
			.verify(WAIT);
		// 10 tokens pay two retries of 5; the third is refused
		assertThat(attempts).hasValue(3);
		assertThat(this.retries).hasSize(2);
		assertThat(this.refused).hasSize(1);
		assertThat(operator.quota().available()).isZero();
	}

	@Test
	void oneWarningSaysTheQuotaRanDryNotOnePerRefusedCall() {
		LogCapture logs = LogCapture.of(RetryOperator.class);
		try (LogCapture started = logs.start()) {
			RetryOperator operator = operator(3, quota(5, 5, 5, 1));
			for (int call = 0; call < 5; call++) {
				StepVerifier.create(operator.apply(Mono.error(status(503, null)), this.observer, "id"))
					.expectError(LlmServerException.class)
					.verify(WAIT);
			}
		}
		assertThat(this.refused).hasSize(5);
		assertThat(logs.messages(Level.WARN)).filteredOn((line) -> line.contains("retry quota is empty"))
			.singleElement()
			.satisfies((line) -> assertThat(line)
				.contains("LLM client 'default': attempt 2/4 failed (503) and the retry quota is empty (0 of 5 tokens left, this retry costs 5)"));
	}

	@Test
	void aConnectionFailureCostsTheTimeoutCost() {
		RetryOperator operator = operator(1, quota(30, 5, 10, 1));
		LlmException reset = new LlmTransportException("connection reset",
				ErrorDetails.builder("openai").retryable(true).build(), null);
		StepVerifier.create(operator.apply(Mono.error(reset), this.observer, "id"))
			.expectError(LlmTransportException.class)
			.verify(WAIT);
		assertThat(operator.quota().available()).isEqualTo(20);
	}

	@Test
	void aRetryAfterDrivenRetryCostsTheSameAsAnyOther() {
		RetryOperator operator = operator(1, quota(30, 5, 10, 1));
		StepVerifier.withVirtualTime(() -> operator.apply(Mono.error(status(429, Duration.ofSeconds(3))), this.observer,
				"id"))
			.thenAwait(Duration.ofSeconds(3))
			.expectError(LlmRateLimitException.class)
			.verify(WAIT);
		assertThat(operator.quota().available()).isEqualTo(25);
	}

	@Test
	void withTheQuotaOffEveryRetryThePolicyAllowsIsMade() {
		RetryOperator operator = operator(3, new RetryQuotaSettings(false, 5, 5, 5, 1));
		for (int call = 0; call < 5; call++) {
			AtomicInteger attempts = new AtomicInteger();
			Mono<String> failing = Mono.defer(() -> {
				attempts.incrementAndGet();
				return Mono.error(status(503, null));
			});
			StepVerifier.create(operator.apply(failing, this.observer, "id"))
				.expectErrorSatisfies((error) -> assertThat(RetryQuotaExhaustedException.find(error)).isNull())
				.verify(WAIT);
			assertThat(attempts).hasValue(4);
		}
		assertThat(this.refused).isEmpty();
		assertThat(operator.quota().available()).isEqualTo(5);
	}

	@Test
	void aStreamSucceedsAtItsFirstChunkAndIsNotChargedForAFailureAfterIt() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		operator.quota().tryAcquire(10);
		AtomicInteger attempts = new AtomicInteger();
		AtomicBoolean delivered = new AtomicBoolean();
		Flux<String> stream = Flux.defer(() -> (attempts.incrementAndGet() == 1) ? Flux.error(status(503, null))
				: Flux.concat(Flux.just("a", "b"), Flux.error(status(503, null))));
		StepVerifier.create(operator.apply(stream.doOnNext((chunk) -> delivered.set(true)), delivered::get,
				this.observer, "id"))
			.expectNext("a", "b")
			.expectError(LlmServerException.class)
			.verify(WAIT);
		// 10 - 5 for the retry, + 5 back when its first chunk arrived; the later failure is not retried
		assertThat(operator.quota().available()).isEqualTo(10);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void aStreamThatSucceedsFirstTimePutsOneBackOnce() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		operator.quota().tryAcquire(10);
		StepVerifier.create(operator.apply(Flux.just("a", "b", "c"), () -> false, this.observer, "id"))
			.expectNext("a", "b", "c")
			.verifyComplete();
		assertThat(operator.quota().available()).isEqualTo(11);
	}

	@Test
	void aCancelledCallGivesNothingBack() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		operator.quota().tryAcquire(10);
		StepVerifier.create(operator.apply(Mono.never(), this.observer, "id"))
			.expectSubscription()
			.thenCancel()
			.verify(WAIT);
		assertThat(operator.quota().available()).isEqualTo(10);
	}

	@Test
	void theQuotaIsSharedByEveryCallOfTheOperator() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		for (int call = 0; call < 2; call++) {
			StepVerifier.create(operator.apply(Mono.error(status(503, null)), this.observer, "id"))
				.expectError(LlmServerException.class)
				.verify(WAIT);
		}
		// the first call spent 15, the second could pay one retry
		assertThat(this.retries).hasSize(4);
		assertThat(this.refused).hasSize(1);
		RetryOperator other = operator(3, quota(20, 5, 10, 1));
		assertThat(other.quota().available()).as("another client's quota is its own").isEqualTo(20);
	}

	@Test
	void aBareSpecNeitherPaysNorRefills() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		for (int call = 0; call < 3; call++) {
			StepVerifier.create(Mono.error(status(503, null)).retryWhen(operator.spec(() -> false, this.observer, "id")))
				.expectError(LlmServerException.class)
				.verify(WAIT);
		}
		assertThat(this.retries).hasSize(9);
		assertThat(operator.quota().available()).isEqualTo(20);
	}

	@Test
	void aNonRetryableFailureTakesNothing() {
		RetryOperator operator = operator(3, quota(20, 5, 10, 1));
		LlmException badRequest = new LlmServerException("HTTP 400",
				ErrorDetails.builder("openai").statusCode(400).retryable(false).build(), null);
		StepVerifier.create(operator.apply(Mono.error(badRequest), this.observer, "id"))
			.expectErrorSatisfies((error) -> assertThat(RetryQuotaExhaustedException.find(error)).isNull())
			.verify(WAIT);
		assertThat(operator.quota().available()).isEqualTo(20);
	}

	private static RetryOperator operator(int maxRetries, RetryQuotaSettings quota) {
		RetrySettings settings = new RetrySettings(maxRetries, Duration.ofMillis(1), 1.0, Duration.ofMillis(1),
				Duration.ZERO, RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofMinutes(10), quota);
		return new RetryOperator(RetryPolicies.fromSettings(settings), settings, "default");
	}

	private static RetryQuotaSettings quota(int capacity, int retryCost, int timeoutCost, int refund) {
		return new RetryQuotaSettings(true, capacity, retryCost, timeoutCost, refund);
	}

	private static LlmException status(int status, @Nullable Duration retryAfter) {
		ErrorDetails details = ErrorDetails.builder("openai")
			.statusCode(status)
			.retryAfter(retryAfter)
			.retryable(true)
			.build();
		return (status == 429) ? new LlmRateLimitException("HTTP 429", details, null)
				: new LlmServerException("HTTP " + status, details, null);
	}

}
