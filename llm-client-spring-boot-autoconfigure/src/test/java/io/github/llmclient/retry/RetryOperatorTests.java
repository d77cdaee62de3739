package io.github.llmclient.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.metrics.CallObserver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry operator on virtual time: delays, Retry-After, the budget, and streams. */
class RetryOperatorTests {

	private final List<Duration> delays = new ArrayList<>();

	private final List<String> reasons = new ArrayList<>();

	private final CallObserver observer = new CallObserver() {
		@Override
		public void onRetry(String reason, Duration delay) {
			RetryOperatorTests.this.reasons.add(reason);
			RetryOperatorTests.this.delays.add(delay);
		}
	};

	@Test
	void backsOffExponentiallyAndSucceeds() {
		RetrySettings settings = settings(3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ZERO);
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() < 4) ? Mono.error(status(503, null))
				: Mono.just("ok"));
		StepVerifier.withVirtualTime(() -> call.retryWhen(operator(settings).spec(() -> false, this.observer, "id")))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(3499))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.delays).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(this.reasons).containsExactly("503", "503", "503");
	}

	@Test
	void capsEachDelayAtMaxBackoffAndSpreadsItWithJitter() {
		RetrySettings settings = settings(6, Duration.ofMillis(1000), Duration.ofMillis(3000), Duration.ofMillis(250));
		Mono<String> call = Mono.error(status(503, null));
		StepVerifier.withVirtualTime(() -> call.retryWhen(operator(settings).spec(() -> false, this.observer, "id")))
			.thenAwait(Duration.ofMinutes(1))
			.expectError(LlmServerException.class)
			.verify();
		assertThat(this.delays).hasSize(6);
		assertThat(this.delays.get(0).toMillis()).isBetween(750L, 1250L);
		// Spring's ExponentialBackOff spreads each delay by the jitter (scaled with the multiplier)
		// and never exceeds max-backoff.
		assertThat(this.delays).allSatisfy((delay) -> assertThat(delay.toMillis()).isBetween(750L, 3000L));
		assertThat(this.delays.subList(3, 6)).allSatisfy((delay) -> assertThat(delay.toMillis()).isGreaterThan(1500L));
		assertThat(new java.util.HashSet<>(this.delays)).as("jitter varies the delays").hasSizeGreaterThan(2);
	}

	@Test
	void surfacesTheOriginalErrorWhenRetriesAreExhausted() {
		RetrySettings settings = settings(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
		AtomicInteger attempts = new AtomicInteger();
		LlmException last = status(429, null);
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(last);
		});
		StepVerifier.withVirtualTime(() -> call.retryWhen(operator(settings).spec(() -> false, this.observer, "id")))
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorSatisfies((error) -> assertThat(error).isSameAs(last))
			.verify();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void honoursTheServersRequestedWait() {
		RetrySettings settings = settings(3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ZERO);
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() == 1)
				? Mono.error(status(429, Duration.ofSeconds(7))) : Mono.just("ok"));
		StepVerifier.withVirtualTime(() -> call.retryWhen(operator(settings).spec(() -> false, this.observer, "id")))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(6999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.delays).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void failsAtOnceWhenTheRequestedWaitExceedsTheCap() {
		RetrySettings settings = settings(3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ZERO);
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(status(429, Duration.ofHours(1)));
		});
		StepVerifier.create(call.retryWhen(operator(settings).spec(() -> false, this.observer, "id")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(LlmRateLimitException.class);
				assertThat(((LlmException) error).retryAfter()).contains(Duration.ofHours(1));
			})
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(1);
		assertThat(this.delays).isEmpty();
	}

	@Test
	void startsNoRetryThatWouldEndPastTheBudget() {
		RetrySettings settings = new RetrySettings(10, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ZERO,
				RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofSeconds(5));
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(status(503, null));
		});
		// delays 1s, 2s (ends at 3s), then 4s would end at 7s > 5s: stop after 3 attempts at t=3s
		StepVerifier.withVirtualTime(() -> call.retryWhen(operator(settings).spec(() -> false, this.observer, "id")))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(3))
			.expectError(LlmServerException.class)
			.verify();
		assertThat(attempts).hasValue(3);
		assertThat(this.delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	@Test
	void neverRetriesWhatThePolicyRejects() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new LlmBadRequestException("HTTP 400", details(400, null, false), null));
		});
		StepVerifier.create(call.retryWhen(operator(settings(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
			.spec(() -> false, this.observer, "id"))).expectError(LlmBadRequestException.class).verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aUsersRetryPolicyDecides() {
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(1)
			.delay(Duration.ofMillis(10))
			.predicate((error) -> error instanceof LlmBadRequestException)
			.build();
		RetryOperator operator = new RetryOperator(policy, RetrySettings.defaults(), "default");
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new LlmBadRequestException("HTTP 400", details(400, null, false), null));
		});
		StepVerifier.withVirtualTime(() -> call.retryWhen(operator.spec(() -> false, this.observer, "id")))
			.thenAwait(Duration.ofSeconds(1))
			.expectError(LlmBadRequestException.class)
			.verify();
		assertThat(attempts).hasValue(2);
	}

	@Test
	void retriesAStreamOnlyUntilContentIsDelivered() {
		RetrySettings settings = settings(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
		AtomicInteger attempts = new AtomicInteger();
		AtomicBoolean delivered = new AtomicBoolean();
		Flux<String> stream = Flux.defer(() -> (attempts.incrementAndGet() == 1) ? Flux.error(status(503, null))
				: Flux.concat(Flux.just("a", "b"), Flux.error(status(503, null))));
		StepVerifier.withVirtualTime(() -> stream.doOnNext((chunk) -> delivered.set(true))
			.retryWhen(operator(settings).spec(delivered::get, this.observer, "id")))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("a", "b")
			.expectError(LlmServerException.class)
			.verify();
		assertThat(attempts).hasValue(2);
	}

	@Test
	void eachSubscriptionStartsAFreshBackoffAndBudget() {
		RetrySettings settings = settings(1, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ZERO);
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() % 2 == 1) ? Mono.error(status(503, null))
				: Mono.just("ok"));
		Mono<String> retried = call.retryWhen(operator(settings).spec(() -> false, this.observer, "id"));
		StepVerifier.withVirtualTime(() -> retried.then(retried)).thenAwait(Duration.ofSeconds(1)).expectNext("ok").verifyComplete();
		assertThat(attempts).hasValue(4);
	}

	private static RetryOperator operator(RetrySettings settings) {
		return new RetryOperator(RetryPolicies.fromSettings(settings), settings, "default");
	}

	private static RetrySettings settings(int maxRetries, Duration initial, Duration max, Duration jitter) {
		return new RetrySettings(maxRetries, initial, 2.0, max, jitter, RetrySettings.DEFAULT_STATUS_CODES,
				Duration.ofSeconds(60), Duration.ofMinutes(10));
	}

	private static LlmException status(int status, @Nullable Duration retryAfter) {
		ErrorDetails details = details(status, retryAfter, true);
		return (status == 429) ? new LlmRateLimitException("HTTP 429", details, null)
				: new LlmServerException("HTTP " + status, details, null);
	}

	private static ErrorDetails details(int status, @Nullable Duration retryAfter, boolean retryable) {
		return ErrorDetails.builder("openai").statusCode(status).retryAfter(retryAfter).retryable(retryable).build();
	}

}
