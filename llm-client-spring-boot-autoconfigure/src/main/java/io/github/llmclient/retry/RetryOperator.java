package io.github.llmclient.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.llmclient.error.LlmException;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.LlmMetricNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
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
 * {@code max-elapsed} budget, a stream's "content delivered" flag (once a chunk has reached
 * the subscriber, nothing is retried), and the client-wide {@link RetryQuota}: a retry takes its
 * cost from the quota, and when the quota cannot pay the failure is delivered at once.
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

	private final RetryQuota quota;

	/**
	 * Creates the operator for one client, with a full retry quota of its own.
	 * @param policy decides what is retried and how long to wait
	 * @param settings the client's retry settings ({@code max-retry-after}, {@code max-elapsed},
	 * the quota)
	 * @param clientName the client's name, for log lines
	 */
	public RetryOperator(RetryPolicy policy, RetrySettings settings, String clientName) {
		this.policy = policy;
		this.settings = settings;
		this.clientName = clientName;
		this.quota = new RetryQuota(settings.quota());
	}

	/**
	 * The retry policy in force.
	 * @return the policy
	 */
	public RetryPolicy policy() {
		return this.policy;
	}

	/**
	 * The client's retry quota, shared by every call this operator retries.
	 * @return the quota
	 */
	public RetryQuota quota() {
		return this.quota;
	}

	/**
	 * Retries one logical call: each subscription of the result is one call, whose attempts are
	 * subscriptions of {@code attempts}. Retries are paid from the client's {@link #quota()}; the
	 * first value (a stream's first chunk) or completion of an attempt makes the call a success,
	 * which gives back a successful retry's cost, or {@code success-refund} when no retry was
	 * needed.
	 * @param <T> the values
	 * @param attempts one attempt of the call
	 * @param contentDelivered true once the call's output has reached its subscriber
	 * @param observer receives each retry and each retry the quota refused
	 * @param clientRequestId the call's id, for log lines
	 * @return the retried call
	 */
	public <T> Flux<T> apply(Flux<T> attempts, BooleanSupplier contentDelivered, CallObserver observer,
			String clientRequestId) {
		return Flux.defer(() -> {
			CallState state = new CallState(now(), true);
			return attempts.doOnNext((value) -> state.succeeded(this.quota))
				.doOnComplete(() -> state.succeeded(this.quota))
				.retryWhen(retry(state, contentDelivered, observer, clientRequestId));
		});
	}

	/**
	 * Retries one logical call of at most one value; see {@link #apply(Flux, BooleanSupplier,
	 * CallObserver, String)}.
	 * @param <T> the value
	 * @param attempt one attempt of the call
	 * @param observer receives each retry and each retry the quota refused
	 * @param clientRequestId the call's id, for log lines
	 * @return the retried call
	 */
	public <T> Mono<T> apply(Mono<T> attempt, CallObserver observer, String clientRequestId) {
		return Mono.defer(() -> {
			CallState state = new CallState(now(), true);
			return attempt.doOnSuccess((value) -> state.succeeded(this.quota))
				.retryWhen(retry(state, () -> false, observer, clientRequestId));
		});
	}

	/**
	 * A Reactor retry spec for one logical call; use with {@code retryWhen}. Each subscription
	 * starts a fresh backoff and budget. A bare spec cannot see the call succeed, so it neither
	 * pays from nor refills the client's retry quota: prefer
	 * {@link #apply(Flux, BooleanSupplier, CallObserver, String)}.
	 * @param contentDelivered true once the call's output has reached its subscriber
	 * @param observer receives each retry
	 * @param clientRequestId the call's id, for log lines
	 * @return the spec
	 */
	public Retry spec(BooleanSupplier contentDelivered, CallObserver observer, String clientRequestId) {
		return Retry.from((signals) -> Mono.defer(() -> Mono.just(new CallState(now(), false)))
			.flatMapMany((state) -> signals
				.concatMap((signal) -> decide(signal.failure(), state, contentDelivered, observer, clientRequestId))));
	}

	private Retry retry(CallState state, BooleanSupplier contentDelivered, CallObserver observer,
			String clientRequestId) {
		return Retry.from((signals) -> signals
			.concatMap((signal) -> decide(signal.failure(), state, contentDelivered, observer, clientRequestId)));
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
		String reason = reason(failure);
		if (state.paysFromQuota && !payForRetry(failure, reason, state, observer, clientRequestId)) {
			return Mono.error(failure);
		}
		state.retries++;
		if (logger.isWarnEnabled()) {
			logger.warn("LLM client '" + this.clientName + "': attempt " + state.retries + "/"
					+ (this.settings.maxRetries() + 1) + " failed (" + reason + "), retrying in " + delay.toMillis()
					+ "ms [client request id " + clientRequestId + requestIdOf(failure) + "]");
		}
		observer.onRetry(reason, delay);
		return Mono.delay(delay);
	}

	/**
	 * Takes the retry's cost from the quota, or marks the failure as refused: a suppressed
	 * {@link RetryQuotaExhaustedException}, a {@code quota_exhausted} retry reason, and one WARN
	 * line each time the quota runs dry (DEBUG for the refusals that follow).
	 */
	private boolean payForRetry(Throwable failure, String reason, CallState state, CallObserver observer,
			String clientRequestId) {
		if (!this.quota.enabled()) {
			return true;
		}
		int cost = this.quota.costOf(failure);
		if (this.quota.tryAcquire(cost)) {
			state.lastRetryCost = cost;
			return true;
		}
		int available = this.quota.available();
		failure.addSuppressed(new RetryQuotaExhaustedException(this.clientName, available, this.quota.capacity(), cost));
		observer.onRetryRefused(LlmMetricNames.QUOTA_EXHAUSTED);
		boolean firstRefusal = this.quota.markRefused();
		if (firstRefusal ? logger.isWarnEnabled() : logger.isDebugEnabled()) {
			String line = prefix(state) + " failed (" + reason + ") and the retry quota is empty (" + available + " of "
					+ this.quota.capacity() + " tokens left, this retry costs " + cost
					+ "): not retrying; calls fail at once until successes refill it [client request id "
					+ clientRequestId + requestIdOf(failure) + "]";
			if (firstRefusal) {
				logger.warn(line);
			}
			else {
				logger.debug(line);
			}
		}
		return false;
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

	/** The retry state of one logical call. */
	private static final class CallState {

		private final long startMillis;

		/** False for a bare {@link #spec}, which cannot see the call succeed. */
		private final boolean paysFromQuota;

		private BackOffExecution backOff;

		private int retries;

		/** What the latest retry took from the quota, given back if it succeeds. */
		private int lastRetryCost;

		/** Set by the first value or completion of an attempt: the call succeeded. */
		private boolean succeeded;

		CallState(long startMillis, boolean paysFromQuota) {
			this.startMillis = startMillis;
			this.paysFromQuota = paysFromQuota;
		}

		BackOffExecution backOff(RetryPolicy policy) {
			if (this.backOff == null) {
				this.backOff = policy.getBackOff().start();
			}
			return this.backOff;
		}

		/** Refunds the quota once per call: a successful retry's cost, else the first-attempt refund. */
		void succeeded(RetryQuota quota) {
			if (this.succeeded) {
				return;
			}
			this.succeeded = true;
			if (this.retries == 0) {
				quota.refundFirstAttemptSuccess();
			}
			else {
				quota.refundRetry(this.lastRetryCost);
			}
		}

	}

}
