package io.github.llmclient.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.llmclient.error.LlmException;
import io.github.llmclient.metrics.CallObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Applies a Spring {@link RetryPolicy} to a Reactor pipeline without blocking: the policy
 * decides whether a failure is retried and supplies the backoff; the wait runs on a Reactor
 * timer. On top of the policy it honours the server's requested wait (up to
 * {@code max-retry-after}, beyond which the call fails at once), the call's
 * {@code max-elapsed} budget, and a stream's "content delivered" flag: once a chunk has reached
 * the subscriber, nothing is retried.
 *
 * <p>
 * Spring Framework has no public adapter from {@code RetryPolicy} to Reactor's {@link Retry}
 * (its reactive {@code @Retryable} support builds one privately, surfaces
 * {@code RetryExhaustedException} and re-subscribes whole streams), hence this small operator.
 * When retries end, the last original failure is delivered.
 */
public final class RetryOperator {

	private static final Log logger = LogFactory.getLog(RetryOperator.class);

	private final RetryPolicy policy;

	private final RetrySettings settings;

	private final String clientName;

	/**
	 * Creates the operator for one client.
	 * @param policy decides what is retried and how long to wait
	 * @param settings the client's retry settings ({@code max-retry-after}, {@code max-elapsed})
	 * @param clientName the client's name, for log lines
	 */
	public RetryOperator(RetryPolicy policy, RetrySettings settings, String clientName) {
		this.policy = policy;
		this.settings = settings;
		this.clientName = clientName;
	}

	/**
	 * The retry policy in force.
	 * @return the policy
	 */
	public RetryPolicy policy() {
		return this.policy;
	}

	/**
	 * A Reactor retry spec for one logical call; use with {@code retryWhen}. Each subscription
	 * starts a fresh backoff and budget.
	 * @param contentDelivered true once the call's output has reached its subscriber
	 * @param observer receives each retry
	 * @param clientRequestId the call's id, for log lines
	 * @return the spec
	 */
	public Retry spec(BooleanSupplier contentDelivered, CallObserver observer, String clientRequestId) {
		return Retry.from((signals) -> Mono.defer(() -> Mono.just(new CallState(now())))
			.flatMapMany((state) -> signals
				.concatMap((signal) -> decide(signal.failure(), state, contentDelivered, observer, clientRequestId))));
	}

	private Mono<Long> decide(Throwable failure, CallState state, BooleanSupplier contentDelivered,
			CallObserver observer, String clientRequestId) {
		if (contentDelivered.getAsBoolean() || !this.policy.shouldRetry(failure)) {
			return Mono.error(failure);
		}
		Duration requested = (failure instanceof LlmException llm) ? llm.retryAfter().orElse(null) : null;
		if (requested != null && requested.compareTo(this.settings.maxRetryAfter()) > 0) {
			logger.warn(prefix(state) + " failed (" + reason(failure) + ") and the server asked to wait "
					+ requested.toMillis() + "ms, more than llm.retry.max-retry-after ("
					+ this.settings.maxRetryAfter().toMillis() + "ms): not retrying [client request id "
					+ clientRequestId + "]");
			return Mono.error(failure);
		}
		long backOff = state.backOff(this.policy).nextBackOff();
		if (backOff == BackOffExecution.STOP) {
			return Mono.error(failure);
		}
		Duration delay = (requested != null) ? requested : Duration.ofMillis(backOff);
		long elapsed = now() - state.startMillis;
		long budget = budgetMillis();
		if (elapsed + delay.toMillis() > budget) {
			logger.warn(prefix(state) + " failed (" + reason(failure) + "); a retry in " + delay.toMillis()
					+ "ms would end past the retry budget of " + budget + "ms: not retrying [client request id "
					+ clientRequestId + "]");
			return Mono.error(failure);
		}
		state.retries++;
		String reason = reason(failure);
		if (logger.isWarnEnabled()) {
			logger.warn("LLM client '" + this.clientName + "': attempt " + state.retries + "/"
					+ (this.settings.maxRetries() + 1) + " failed (" + reason + "), retrying in " + delay.toMillis()
					+ "ms [client request id " + clientRequestId + requestIdOf(failure) + "]");
		}
		observer.onRetry(reason, delay);
		return Mono.delay(delay);
	}

	private long budgetMillis() {
		long budget = this.settings.maxElapsed().toMillis();
		Duration timeout = this.policy.getTimeout();
		if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
			budget = Math.min(budget, timeout.toMillis());
		}
		return budget;
	}

	private String prefix(CallState state) {
		return "LLM client '" + this.clientName + "': attempt " + (state.retries + 1) + "/"
				+ (this.settings.maxRetries() + 1);
	}

	private static String requestIdOf(Throwable failure) {
		if (failure instanceof LlmException llm && llm.requestId() != null) {
			return ", request id " + llm.requestId();
		}
		return "";
	}

	/**
	 * A low-cardinality reason for a failure: the HTTP status, the provider's in-stream error
	 * type, or the exception's simple name.
	 * @param failure the failure
	 * @return the reason
	 */
	public static String reason(Throwable failure) {
		if (failure instanceof LlmException llm) {
			if (llm.statusCode() >= 300) {
				return Integer.toString(llm.statusCode());
			}
			if (llm.errorType() != null) {
				return llm.errorType();
			}
		}
		return failure.getClass().getSimpleName();
	}

	private static long now() {
		return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
	}

	/** The retry state of one subscription. */
	private static final class CallState {

		private final long startMillis;

		private BackOffExecution backOff;

		private int retries;

		CallState(long startMillis) {
			this.startMillis = startMillis;
		}

		BackOffExecution backOff(RetryPolicy policy) {
			if (this.backOff == null) {
				this.backOff = policy.getBackOff().start();
			}
			return this.backOff;
		}

	}

}
