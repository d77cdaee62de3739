package io.github.llmclient.autoconfigure;

import java.time.Duration;

import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.ratelimit.RateLimitStore;

/**
 * Turns {@code llm.rate-limit.*} (or a named client's own, inheriting the top level) into
 * validated {@link RateLimitSettings}.
 */
final class RateLimitSettingsFactory {

	private RateLimitSettingsFactory() {
	}

	static RateLimitSettings create(ClientPropertyResolver r) {
		Integer requests = r.value((p) -> p.getRateLimit().getRequestsPerMinute(), null);
		if (requests != null && requests < 1) {
			throw ClientPropertyResolver.invalidCount(r.prefix() + "rate-limit.requests-per-minute", requests, 1);
		}
		Integer tokens = r.value((p) -> p.getRateLimit().getTokensPerMinute(), null);
		if (tokens != null && tokens < 1) {
			throw ClientPropertyResolver.invalidCount(r.prefix() + "rate-limit.tokens-per-minute", tokens, 1);
		}
		RateLimitStore store = r.value((p) -> p.getRateLimit().getStore(), RateLimitStore.LOCAL);
		String key = ClientPropertyResolver.blankToNull(r.value((p) -> p.getRateLimit().getKey(), null));
		Duration maxWait = r.nonNegative("rate-limit.max-wait", (p) -> p.getRateLimit().getMaxWait(),
				RateLimitSettings.DEFAULT_MAX_WAIT);
		Duration storeTimeout = r.positive("rate-limit.store-timeout", (p) -> p.getRateLimit().getStoreTimeout(),
				RateLimitSettings.DEFAULT_STORE_TIMEOUT);
		int outputTokens = r.count("rate-limit.default-output-tokens", (p) -> p.getRateLimit().getDefaultOutputTokens(),
				RateLimitSettings.DEFAULT_OUTPUT_TOKENS, 0);
		boolean fromHeaders = r.value((p) -> p.getRateLimit().getFromHeaders(), true);
		return new RateLimitSettings(requests, tokens, store, key, maxWait, storeTimeout, outputTokens, fromHeaders);
	}

}
