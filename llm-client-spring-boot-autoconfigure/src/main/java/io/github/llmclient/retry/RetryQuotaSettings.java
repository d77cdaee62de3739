package io.github.llmclient.retry;

/**
 * The client-wide retry quota of one client ({@code llm.retry.quota.*}), as the AWS SDKs'
 * standard retry mode has it: every retry takes its cost from the quota, a retry that succeeds
 * gives its cost back, a call that succeeds on its first attempt puts {@code successRefund}
 * back, and a retry the quota cannot pay is not made.
 *
 * @param enabled whether retries are bounded by the quota
 * @param capacity the tokens of a full quota (it starts full and never holds more)
 * @param retryCost what a retry takes (after an HTTP status, an in-stream error, any other
 * failure)
 * @param timeoutCost what a retry after a timeout or a connection failure takes
 * @param successRefund what a call that succeeds on its first attempt puts back
 */
public record RetryQuotaSettings(boolean enabled, int capacity, int retryCost, int timeoutCost, int successRefund) {

	/** The default {@code llm.retry.quota.capacity}, the AWS SDKs' figure. */
	public static final int DEFAULT_CAPACITY = 500;

	/** The default {@code llm.retry.quota.retry-cost}, the AWS SDKs' figure. */
	public static final int DEFAULT_RETRY_COST = 5;

	/** The default {@code llm.retry.quota.timeout-cost}, the AWS SDKs' figure. */
	public static final int DEFAULT_TIMEOUT_COST = 10;

	/** The default {@code llm.retry.quota.success-refund}, the AWS SDKs' figure. */
	public static final int DEFAULT_SUCCESS_REFUND = 1;

	private static final RetryQuotaSettings DEFAULTS = new RetryQuotaSettings(true, DEFAULT_CAPACITY,
			DEFAULT_RETRY_COST, DEFAULT_TIMEOUT_COST, DEFAULT_SUCCESS_REFUND);

	private static final RetryQuotaSettings DISABLED = new RetryQuotaSettings(false, DEFAULT_CAPACITY,
			DEFAULT_RETRY_COST, DEFAULT_TIMEOUT_COST, DEFAULT_SUCCESS_REFUND);

	public RetryQuotaSettings {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		if (retryCost < 1 || retryCost > capacity) {
			throw new IllegalArgumentException(
					"retryCost must be at least 1 and at most the capacity (" + capacity + "), was " + retryCost);
		}
		if (timeoutCost < 1 || timeoutCost > capacity) {
			throw new IllegalArgumentException(
					"timeoutCost must be at least 1 and at most the capacity (" + capacity + "), was " + timeoutCost);
		}
		if (successRefund < 0) {
			throw new IllegalArgumentException("successRefund must not be negative, was " + successRefund);
		}
	}

	/**
	 * The documented defaults: enabled, 500 tokens, 5 per retry, 10 per retry after a timeout
	 * or connection failure, 1 back per first-attempt success.
	 * @return the defaults
	 */
	public static RetryQuotaSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * No quota: every retry the policy allows is made.
	 * @return the settings of a disabled quota
	 */
	public static RetryQuotaSettings disabled() {
		return DISABLED;
	}

}
