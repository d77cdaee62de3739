package io.github.llmclient.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.Provider;
import io.github.llmclient.ratelimit.RateLimitStore;
import org.jspecify.annotations.Nullable;

/**
 * The properties of one client. Unset values are {@code null} so that a named client
 * ({@code llm.clients.<name>.*}) can inherit them from the top level; the documented defaults are
 * applied when the properties are turned into a {@link io.github.llmclient.ClientConfig}.
 */
public class ClientProperties {

	/** Wire protocol: openai (also any OpenAI-compatible server), anthropic or azure-openai. Default: openai. */
	private @Nullable Provider provider;

	/** API key. Required for the providers' public endpoints; optional when base-url points elsewhere. */
	private @Nullable String apiKey;

	/** API root, e.g. http://localhost:11434/v1. Default: https://api.openai.com/v1 (openai), https://api.anthropic.com/v1 (anthropic); required for azure-openai. */
	private @Nullable URI baseUrl;

	/** Default model (Azure: the deployment name), used when a request names none. */
	private @Nullable String model;

	/** Default max_tokens of a request. Default: none (anthropic: 1024, as its API requires one). */
	private @Nullable Integer maxTokens;

	/** Time allowed for a whole non-streaming response, per attempt. Default: 60s. */
	private @Nullable Duration timeout;

	/** Time allowed until a stream's first event, per attempt. Default: 60s. */
	private @Nullable Duration firstChunkTimeout;

	/**
	 * Longest silence allowed between two complete lines of a stream (events, keep-alive comments
	 * and pings count; bytes of an unfinished line do not). Default: 30s.
	 */
	private @Nullable Duration streamIdleTimeout;

	/** TCP and TLS connect timeout. Default: 10s. */
	private @Nullable Duration connectTimeout;

	/** Retries after the first attempt (so up to max-retries + 1 attempts). Default: 3. */
	private @Nullable Integer maxRetries;

	/** Requests in flight at once for this client; more wait in a queue without holding a thread. Default: 10. */
	private @Nullable Integer maxConcurrent;

	/** Waiting requests beyond which new ones fail at once with an LlmException. Default: 1000. */
	private @Nullable Integer maxQueued;

	/** Whether OpenAI-format streams ask for the usage chunk (stream_options.include_usage); turn off for servers that reject it. Default: true. */
	private @Nullable Boolean streamUsage;

	/** Name of the client that takes over a call this client could not serve. Never inherited by named clients. */
	private @Nullable String fallback;

	/** Default model of embed calls (Azure: the embedding deployment); llm.model, a chat model, is not used for embeddings. */
	private @Nullable String embeddingModel;

	/** Most inputs one embeddings request carries; longer lists are split into several requests, joined in order. Default: 512. */
	private @Nullable Integer embeddingBatchSize;

	/** Extra headers sent on every request, e.g. OpenAI-Organization. */
	private final Map<String, String> headers = new LinkedHashMap<>();

	private final Retry retry = new Retry();

	private final Anthropic anthropic = new Anthropic();

	private final Azure azure = new Azure();

	private final RateLimit rateLimit = new RateLimit();

	public @Nullable Provider getProvider() {
		return this.provider;
	}

	public void setProvider(@Nullable Provider provider) {
		this.provider = provider;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getModel() {
		return this.model;
	}

	public void setModel(@Nullable String model) {
		this.model = model;
	}

	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	public void setMaxTokens(@Nullable Integer maxTokens) {
		this.maxTokens = maxTokens;
	}

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable Duration getFirstChunkTimeout() {
		return this.firstChunkTimeout;
	}

	public void setFirstChunkTimeout(@Nullable Duration firstChunkTimeout) {
		this.firstChunkTimeout = firstChunkTimeout;
	}

	public @Nullable Duration getStreamIdleTimeout() {
		return this.streamIdleTimeout;
	}

	public void setStreamIdleTimeout(@Nullable Duration streamIdleTimeout) {
		this.streamIdleTimeout = streamIdleTimeout;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Integer getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(@Nullable Integer maxRetries) {
		this.maxRetries = maxRetries;
	}

	public @Nullable Integer getMaxConcurrent() {
		return this.maxConcurrent;
	}

	public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
		this.maxConcurrent = maxConcurrent;
	}

	public @Nullable Integer getMaxQueued() {
		return this.maxQueued;
	}

	public void setMaxQueued(@Nullable Integer maxQueued) {
		this.maxQueued = maxQueued;
	}

	public @Nullable Boolean getStreamUsage() {
		return this.streamUsage;
	}

	public void setStreamUsage(@Nullable Boolean streamUsage) {
		this.streamUsage = streamUsage;
	}

	public @Nullable String getFallback() {
		return this.fallback;
	}

	public void setFallback(@Nullable String fallback) {
		this.fallback = fallback;
	}

	public @Nullable String getEmbeddingModel() {
		return this.embeddingModel;
	}

	public void setEmbeddingModel(@Nullable String embeddingModel) {
		this.embeddingModel = embeddingModel;
	}

	public @Nullable Integer getEmbeddingBatchSize() {
		return this.embeddingBatchSize;
	}

	public void setEmbeddingBatchSize(@Nullable Integer embeddingBatchSize) {
		this.embeddingBatchSize = embeddingBatchSize;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Anthropic getAnthropic() {
		return this.anthropic;
	}

	public Azure getAzure() {
		return this.azure;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	@Override
	public String toString() {
		return "ClientProperties[provider=" + this.provider + ", apiKey=" + ((this.apiKey != null) ? "******" : "none")
				+ ", baseUrl=" + this.baseUrl + ", model=" + this.model + "]";
	}

	/** Retry settings ({@code llm.retry.*}). */
	public static class Retry {

		/** First backoff delay. Default: 500ms. */
		private @Nullable Duration initialBackoff;

		/** Exponential factor applied to each further backoff delay (at least 1). Default: 2.0. */
		private @Nullable Double multiplier;

		/** Cap on one backoff delay. Default: 30s. */
		private @Nullable Duration maxBackoff;

		/** Random spread applied to each backoff delay (0 disables). Default: 250ms. */
		private @Nullable Duration jitter;

		/** HTTP statuses that are retried. Default: 408, 409, 429, 500, 502, 503, 504, 529. */
		private @Nullable List<Integer> statusCodes;

		/** Longest server-requested wait (Retry-After, retry-after-ms) that is honoured; a longer one fails the call at once. Default: 60s. */
		private @Nullable Duration maxRetryAfter;

		/** Retry budget of one logical call: no retry starts whose delay would end past this time since the call began. Default: 2m. */
		private @Nullable Duration maxElapsed;

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public @Nullable Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(@Nullable Duration jitter) {
			this.jitter = jitter;
		}

		public @Nullable List<Integer> getStatusCodes() {
			return this.statusCodes;
		}

		public void setStatusCodes(@Nullable List<Integer> statusCodes) {
			this.statusCodes = statusCodes;
		}

		public @Nullable Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public @Nullable Duration getMaxElapsed() {
			return this.maxElapsed;
		}

		public void setMaxElapsed(@Nullable Duration maxElapsed) {
			this.maxElapsed = maxElapsed;
		}

	}

	/** Anthropic settings ({@code llm.anthropic.*}). */
	public static class Anthropic {

		/** The anthropic-version header. Default: 2023-06-01. */
		private @Nullable String version;

		public @Nullable String getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable String version) {
			this.version = version;
		}

	}

	/** Azure OpenAI settings ({@code llm.azure.*}). */
	public static class Azure {

		/** The api-version query parameter. Default: 2024-10-21. */
		private @Nullable String apiVersion;

		public @Nullable String getApiVersion() {
			return this.apiVersion;
		}

		public void setApiVersion(@Nullable String apiVersion) {
			this.apiVersion = apiVersion;
		}

	}

	/** Client-side rate limits ({@code llm.rate-limit.*}); everything is off unless set, except from-headers. */
	public static class RateLimit {

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

}
