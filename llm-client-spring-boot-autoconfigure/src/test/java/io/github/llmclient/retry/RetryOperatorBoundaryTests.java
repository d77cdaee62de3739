package io.github.llmclient.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import io.github.llmclient.LogCapture;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.metrics.CallObserver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry operator at its edges: a server-requested wait exactly at the cap, a retry ending
 * exactly at the budget, a policy timeout shorter than the budget, the reason of a failure, and
 * what the WARN line of each retry says.
 */
class RetryOperatorBoundaryTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of(RetryOperator.class);

	@Test
	void honoursARequestedWaitExactlyAtTheCap() {
		assertThat(attemptsWithRequestedWait(Duration.ofSeconds(60))).isEqualTo(2);
	}

	@Test
	void refusesARequestedWaitOneMillisecondPastTheCap() {
		assertThat(attemptsWithRequestedWait(Duration.ofMillis(60_001))).isEqualTo(1);
		assertThat(warnings()).containsExactly("LLM client 'default': attempt 1/4 failed (429) and the server asked to "
				+ "wait 60001ms, more than llm.retry.max-retry-after (60000ms): not retrying [client request id call-1]");
	}

	@Test
	void retriesWhenTheRetryEndsExactlyAtTheBudget() {
		assertThat(attemptsWithinBudget(Duration.ofSeconds(10), Duration.ofSeconds(10))).isEqualTo(2);
	}

	@Test
	void refusesARetryThatWouldEndOneMillisecondPastTheBudget() {
		assertThat(attemptsWithinBudget(Duration.ofSeconds(10), Duration.ofMillis(10_001))).isEqualTo(1);
		assertThat(warnings()).containsExactly("LLM client 'default': attempt 1/4 failed (429); a retry in 10001ms "
				+ "would end past the retry budget of 10000ms: not retrying [client request id call-1]");
	}

	@Test
	void aPolicyTimeoutShorterThanMaxElapsedIsTheBudget() {
		RetrySettings settings = settings(Duration.ofMinutes(10));
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(3)
			.delay(Duration.ofMillis(10))
			.timeout(Duration.ofSeconds(5))
			.build();
		RetryOperator operator = new RetryOperator(policy, settings, "default");
		assertThat(attempts(operator, Duration.ofMillis(5_001))).isEqualTo(1);
		assertThat(warnings()).singleElement().asString().contains("would end past the retry budget of 5000ms");
		this.logs.clear();
		assertThat(attempts(operator, Duration.ofSeconds(5))).isEqualTo(2);
	}

	@Test
	void aPolicyTimeoutLongerThanMaxElapsedDoesNotExtendTheBudget() {
		RetrySettings settings = settings(Duration.ofSeconds(10));
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(3)
			.delay(Duration.ofMillis(10))
			.timeout(Duration.ofMinutes(5))
			.build();
		RetryOperator operator = new RetryOperator(policy, settings, "default");
		assertThat(attempts(operator, Duration.ofMillis(10_001))).isEqualTo(1);
		assertThat(warnings()).singleElement().asString().contains("would end past the retry budget of 10000ms");
	}

	@Test
	void eachRetryIsLoggedWithItsAttemptReasonDelayAndIds() {
		RetrySettings settings = settings(Duration.ofMinutes(10));
		RetryOperator operator = new RetryOperator(RetryPolicies.fromSettings(settings), settings, "default");
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() < 3)
				? Mono.error(new LlmServerException("HTTP 503", details(503, null, "req_" + attempts.get()), null))
				: Mono.just("ok"));
		StepVerifier.withVirtualTime(() -> operator.apply(call, CallObserver.NOOP, "call-7"))
			.thenAwait(Duration.ofMinutes(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(warnings()).containsExactly(
				"LLM client 'default': attempt 1/4 failed (503), retrying in 500ms [client request id call-7, request id req_1]",
				"LLM client 'default': attempt 2/4 failed (503), retrying in 1000ms [client request id call-7, request id req_2]");
	}

	@Test
	void aFailureIsNamedByItsStatusThenItsErrorTypeThenItsClass() {
		assertThat(RetryOperator.reason(new LlmServerException("x", details(300, null, null), null))).isEqualTo("300");
		assertThat(RetryOperator.reason(new LlmServerException("x", details(529, null, null), null))).isEqualTo("529");
		ErrorDetails inStream = ErrorDetails.builder("anthropic").statusCode(200).errorType("overloaded_error").build();
		assertThat(RetryOperator.reason(new LlmServerException("x", inStream, null))).isEqualTo("overloaded_error");
		ErrorDetails bare = ErrorDetails.builder("openai").statusCode(299).build();
		assertThat(RetryOperator.reason(new LlmServerException("x", bare, null))).isEqualTo("LlmServerException");
		assertThat(RetryOperator.reason(new IllegalStateException("x"))).isEqualTo("IllegalStateException");
	}

	private int attemptsWithRequestedWait(Duration wait) {
		RetrySettings settings = settings(Duration.ofMinutes(10));
		return attempts(new RetryOperator(RetryPolicies.fromSettings(settings), settings, "default"), wait);
	}

	private int attemptsWithinBudget(Duration budget, Duration wait) {
		RetrySettings settings = settings(budget);
		return attempts(new RetryOperator(RetryPolicies.fromSettings(settings), settings, "default"), wait);
	}

	/** Attempts of a call whose first attempt is a 429 asking for the given wait, the second a success. */
	private static int attempts(RetryOperator operator, Duration requestedWait) {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() == 1)
				? Mono.error(new LlmRateLimitException("HTTP 429", details(429, requestedWait, null), null))
				: Mono.just("ok"));
		StepVerifier.withVirtualTime(() -> operator.apply(call, CallObserver.NOOP, "call-1").onErrorReturn("failed"))
			.thenAwait(Duration.ofMinutes(2))
			.expectNextCount(1)
			.verifyComplete();
		return attempts.get();
	}

	private List<String> warnings() {
		return this.logs.messages(Level.WARN);
	}

	private static RetrySettings settings(Duration maxElapsed) {
		return new RetrySettings(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Duration.ZERO,
				RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), maxElapsed);
	}

	private static ErrorDetails details(int status, @Nullable Duration retryAfter, @Nullable String requestId) {
		return ErrorDetails.builder("openai")
			.statusCode(status)
			.retryAfter(retryAfter)
			.requestId(requestId)
			.retryable(true)
			.build();
	}

}
