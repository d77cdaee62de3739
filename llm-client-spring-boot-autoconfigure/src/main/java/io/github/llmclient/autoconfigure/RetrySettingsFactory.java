package io.github.llmclient.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.github.llmclient.retry.RetryQuotaSettings;
import io.github.llmclient.retry.RetrySettings;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code llm.retry.*} and {@code llm.max-retries} (or a named client's own, inheriting the
 * top level) into validated {@link RetrySettings}, its retry quota included.
 */
final class RetrySettingsFactory {

	private RetrySettingsFactory() {
	}

	static RetrySettings create(ClientPropertyResolver r) {
		RetrySettings defaults = RetrySettings.defaults();
		int maxRetries = r.count("max-retries", ClientProperties::getMaxRetries, defaults.maxRetries(), 0);
		Duration initial = r.nonNegative("retry.initial-backoff", (p) -> p.getRetry().getInitialBackoff(),
				defaults.initialBackoff());
		double multiplier = r.value((p) -> p.getRetry().getMultiplier(), defaults.multiplier());
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new LlmConfigurationException(r.prefix() + "retry.multiplier", "must be at least 1, was " + multiplier,
					"Set " + r.prefix() + "retry.multiplier to 1 (a fixed delay) or more, e.g. 2.0");
		}
		Duration maxBackoff = r.nonNegative("retry.max-backoff", (p) -> p.getRetry().getMaxBackoff(),
				defaults.maxBackoff());
		if (maxBackoff.compareTo(initial) < 0) {
			throw new LlmConfigurationException(r.prefix() + "retry.max-backoff",
					"is shorter than retry.initial-backoff (" + maxBackoff + " < " + initial + ")",
					"Set " + r.prefix() + "retry.max-backoff to at least " + r.prefix() + "retry.initial-backoff");
		}
		Duration jitter = r.nonNegative("retry.jitter", (p) -> p.getRetry().getJitter(), defaults.jitter());
		List<Integer> codes = r.value((p) -> p.getRetry().getStatusCodes(), null);
		Set<Integer> statusCodes = (codes != null) ? new LinkedHashSet<>(codes) : defaults.statusCodes();
		for (Integer code : statusCodes) {
			if (code == null || code < 100 || code > 599) {
				throw new LlmConfigurationException(r.prefix() + "retry.status-codes", "'" + code
						+ "' is not an HTTP status", "Set " + r.prefix() + "retry.status-codes to HTTP statuses between 100 and 599, e.g. 429, 500, 503");
			}
		}
		Duration maxRetryAfter = r.nonNegative("retry.max-retry-after", (p) -> p.getRetry().getMaxRetryAfter(),
				defaults.maxRetryAfter());
		Duration maxElapsed = r.positive("retry.max-elapsed", (p) -> p.getRetry().getMaxElapsed(),
				defaults.maxElapsed());
		return new RetrySettings(maxRetries, initial, multiplier, maxBackoff, jitter, statusCodes, maxRetryAfter,
				maxElapsed, retryQuota(r));
	}

	private static RetryQuotaSettings retryQuota(ClientPropertyResolver r) {
		boolean enabled = r.value((p) -> p.getRetry().getQuota().getEnabled(), true);
		int capacity = r.count("retry.quota.capacity", (p) -> p.getRetry().getQuota().getCapacity(),
				RetryQuotaSettings.DEFAULT_CAPACITY, 1);
		int retryCost = quotaCost(r, "retry-cost", (p) -> p.getRetry().getQuota().getRetryCost(),
				RetryQuotaSettings.DEFAULT_RETRY_COST, capacity);
		int timeoutCost = quotaCost(r, "timeout-cost", (p) -> p.getRetry().getQuota().getTimeoutCost(),
				RetryQuotaSettings.DEFAULT_TIMEOUT_COST, capacity);
		int successRefund = r.count("retry.quota.success-refund", (p) -> p.getRetry().getQuota().getSuccessRefund(),
				RetryQuotaSettings.DEFAULT_SUCCESS_REFUND, 0);
		return new RetryQuotaSettings(enabled, capacity, retryCost, timeoutCost, successRefund);
	}

	/** A retry cost: at least 1 (a free retry is no quota), at most the capacity (else no retry could ever be paid). */
	private static int quotaCost(ClientPropertyResolver r, String name, Function<ClientProperties, @Nullable Integer> getter,
			int defaultValue, int capacity) {
		int cost = r.count("retry.quota." + name, getter, defaultValue, 1);
		if (cost > capacity) {
			String property = r.prefix() + "retry.quota." + name;
			throw new LlmConfigurationException(property,
					"is more than retry.quota.capacity (" + cost + " > " + capacity + "), so no retry could ever be paid",
					"Set " + property + " to at most " + capacity + ", or raise " + r.prefix() + "retry.quota.capacity");
		}
		return cost;
	}

}
