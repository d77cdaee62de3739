package io.github.llmclient.ratelimit;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The client-side rate limits of one client ({@code llm.rate-limit.*}).
 *
 * @param requestsPerMinute the request budget, or null for none
 * @param tokensPerMinute the token budget, or null for none
 * @param store where the budgets are kept
 * @param key the budget's key in a shared store, or null for {@code llm:<client name>}
 * @param maxWait the longest a call waits for budget or a header-announced pause before failing
 * @param storeTimeout the longest one operation on a shared store may take
 * @param defaultOutputTokens the output reserved for a chat call without {@code max_tokens}
 * @param fromHeaders whether the provider's rate-limit headers pause new calls
 */
public record RateLimitSettings(@Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute,
		RateLimitStore store, @Nullable String key, Duration maxWait, Duration storeTimeout, int defaultOutputTokens,
		boolean fromHeaders) {

	/** The default {@code llm.rate-limit.max-wait}. */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

	/** The default {@code llm.rate-limit.store-timeout}. */
	public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofMillis(500);

	/** The default {@code llm.rate-limit.default-output-tokens}. */
	public static final int DEFAULT_OUTPUT_TOKENS = 1024;

	private static final RateLimitSettings DEFAULTS = new RateLimitSettings(null, null, RateLimitStore.LOCAL, null,
			DEFAULT_MAX_WAIT, DEFAULT_STORE_TIMEOUT, DEFAULT_OUTPUT_TOKENS, true);

	public RateLimitSettings {
		Objects.requireNonNull(store, "store must not be null");
		Objects.requireNonNull(maxWait, "maxWait must not be null");
		Objects.requireNonNull(storeTimeout, "storeTimeout must not be null");
		if (requestsPerMinute != null && requestsPerMinute < 1) {
			throw new IllegalArgumentException("requestsPerMinute must be at least 1, was " + requestsPerMinute);
		}
		if (tokensPerMinute != null && tokensPerMinute < 1) {
			throw new IllegalArgumentException("tokensPerMinute must be at least 1, was " + tokensPerMinute);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
		}
		if (defaultOutputTokens < 0) {
			throw new IllegalArgumentException("defaultOutputTokens must not be negative, was " + defaultOutputTokens);
		}
	}

	/**
	 * No budget, headers honoured, the documented defaults.
	 * @return the defaults
	 */
	public static RateLimitSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Whether a request or token budget is configured.
	 * @return true when either is set
	 */
	public boolean hasBudget() {
		return this.requestsPerMinute != null || this.tokensPerMinute != null;
	}

	/**
	 * The key of the budget of the given client in a shared store.
	 * @param clientName the client's name
	 * @return {@link #key()}, or {@code llm:<client name>}
	 */
	public String keyFor(String clientName) {
		return (this.key != null && !this.key.isBlank()) ? this.key : "llm:" + clientName;
	}

}
