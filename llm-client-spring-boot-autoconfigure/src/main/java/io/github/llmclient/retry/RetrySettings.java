package io.github.llmclient.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The retry rules of one client ({@code llm.max-retries} and {@code llm.retry.*}).
 *
 * @param maxRetries retries after the first attempt
 * @param initialBackoff the first backoff delay
 * @param multiplier the exponential factor
 * @param maxBackoff the cap on one backoff delay
 * @param jitter the random spread added to each delay ({@link Duration#ZERO} for none)
 * @param statusCodes the HTTP statuses that are retried
 * @param maxRetryAfter the longest server-requested wait that is honoured
 * @param maxElapsed the retry budget of one logical call
 * @param quota the client-wide retry quota ({@code llm.retry.quota.*})
 */
public record RetrySettings(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff,
		Duration jitter, Set<Integer> statusCodes, Duration maxRetryAfter, Duration maxElapsed,
		RetryQuotaSettings quota) {

	/** The default status codes: {@code 408, 409, 429, 500, 502, 503, 504, 529}. */
	public static final Set<Integer> DEFAULT_STATUS_CODES = Set.of(408, 409, 429, 500, 502, 503, 504, 529);

	public RetrySettings {
		Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		Objects.requireNonNull(jitter, "jitter must not be null");
		Objects.requireNonNull(maxRetryAfter, "maxRetryAfter must not be null");
		Objects.requireNonNull(maxElapsed, "maxElapsed must not be null");
		Objects.requireNonNull(quota, "quota must not be null");
		statusCodes = Set.copyOf(statusCodes);
	}

	/**
	 * Retry rules with the default retry quota.
	 * @param maxRetries retries after the first attempt
	 * @param initialBackoff the first backoff delay
	 * @param multiplier the exponential factor
	 * @param maxBackoff the cap on one backoff delay
	 * @param jitter the random spread added to each delay ({@link Duration#ZERO} for none)
	 * @param statusCodes the HTTP statuses that are retried
	 * @param maxRetryAfter the longest server-requested wait that is honoured
	 * @param maxElapsed the retry budget of one logical call
	 */
	public RetrySettings(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff,
			Duration jitter, Set<Integer> statusCodes, Duration maxRetryAfter, Duration maxElapsed) {
		this(maxRetries, initialBackoff, multiplier, maxBackoff, jitter, statusCodes, maxRetryAfter, maxElapsed,
				RetryQuotaSettings.defaults());
	}

	/**
	 * These rules with another retry quota.
	 * @param quota the quota
	 * @return the copy
	 */
	public RetrySettings withQuota(RetryQuotaSettings quota) {
		return new RetrySettings(this.maxRetries, this.initialBackoff, this.multiplier, this.maxBackoff, this.jitter,
				this.statusCodes, this.maxRetryAfter, this.maxElapsed, quota);
	}

	/**
	 * The documented defaults: 3 retries, 500ms doubling to at most 30s with 250ms jitter, the
	 * default statuses, Retry-After honoured up to 60s, a 2-minute budget, the default retry
	 * quota ({@link RetryQuotaSettings#defaults()}).
	 * @return the defaults
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Duration.ofMillis(250),
				DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofMinutes(2));
	}

}
