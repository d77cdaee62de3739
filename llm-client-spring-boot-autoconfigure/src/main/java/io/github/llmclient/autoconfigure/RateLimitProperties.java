package io.github.llmclient.autoconfigure;

import java.time.Duration;

import io.github.llmclient.ratelimit.RateLimitStore;
import org.jspecify.annotations.Nullable;

/** Client-side rate limits ({@code llm.rate-limit.*}); everything is off unless set, except from-headers. */
public class RateLimitProperties {

	/** Requests allowed per minute (a token bucket of this capacity refilled continuously); unset: no request budget. */
	private @Nullable Integer requestsPerMinute;

	/** Tokens (prompt estimate plus max_tokens, reconciled with the reported usage) allowed per minute; unset: no token budget. */
	private @Nullable Integer tokensPerMinute;

	/** Where the budgets are kept: local (this process) or redis (shared by every instance through spring.data.redis.*). Default: local. */
	private @Nullable RateLimitStore store;

	/** Key of the budget in a shared store; instances with the same key share one budget. Default: "llm:" followed by the client name. */
	private @Nullable String key;

	/** Longest wait for budget or for a pause the provider's headers announced; a longer one fails at once, unsent, with LlmRateLimitException. Default: 30s. */
	private @Nullable Duration maxWait;

	/** Longest one operation on the shared store may take before the call goes on under the local budget. Default: 500ms. */
	private @Nullable Duration storeTimeout;

	/** Output tokens reserved for a chat call that sets no max_tokens. Default: 1024. */
	private @Nullable Integer defaultOutputTokens;

	/** Whether new calls wait for the reset the provider's rate-limit headers announce when a remaining count reaches 0. Default: true. */
	private @Nullable Boolean fromHeaders;

	public @Nullable Integer getRequestsPerMinute() {
		return this.requestsPerMinute;
	}

	public void setRequestsPerMinute(@Nullable Integer requestsPerMinute) {
		this.requestsPerMinute = requestsPerMinute;
	}

	public @Nullable Integer getTokensPerMinute() {
		return this.tokensPerMinute;
	}

	public void setTokensPerMinute(@Nullable Integer tokensPerMinute) {
		this.tokensPerMinute = tokensPerMinute;
	}

	public @Nullable RateLimitStore getStore() {
		return this.store;
	}

	public void setStore(@Nullable RateLimitStore store) {
		this.store = store;
	}

	public @Nullable String getKey() {
		return this.key;
	}

	public void setKey(@Nullable String key) {
		this.key = key;
	}

	public @Nullable Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(@Nullable Duration maxWait) {
		this.maxWait = maxWait;
	}

	public @Nullable Duration getStoreTimeout() {
		return this.storeTimeout;
	}

	public void setStoreTimeout(@Nullable Duration storeTimeout) {
		this.storeTimeout = storeTimeout;
	}

	public @Nullable Integer getDefaultOutputTokens() {
		return this.defaultOutputTokens;
	}

	public void setDefaultOutputTokens(@Nullable Integer defaultOutputTokens) {
		this.defaultOutputTokens = defaultOutputTokens;
	}

	public @Nullable Boolean getFromHeaders() {
		return this.fromHeaders;
	}

	public void setFromHeaders(@Nullable Boolean fromHeaders) {
		this.fromHeaders = fromHeaders;
	}

}
