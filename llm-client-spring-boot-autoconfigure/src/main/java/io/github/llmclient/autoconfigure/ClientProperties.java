package io.github.llmclient.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.llmclient.HttpVersion;
import io.github.llmclient.OpenAiApi;
import io.github.llmclient.Provider;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The properties of one client. Unset values are {@code null} so that a named client
 * ({@code llm.clients.<name>.*}) can inherit them from the top level; the documented defaults are
 * applied when the properties are turned into a {@link io.github.llmclient.ClientConfig}.
 */
public class ClientProperties {

	/** Wire protocol: openai (also any OpenAI-compatible server), anthropic, azure-openai, gemini, vertex-ai or bedrock. Default: openai. */
	private @Nullable Provider provider;

	/** API key. Required for the providers' public endpoints; optional when base-url points elsewhere. */
	private @Nullable String apiKey;

	/** API root, e.g. http://localhost:11434/v1. Default: https://api.openai.com/v1 (openai), https://api.anthropic.com/v1 (anthropic), https://generativelanguage.googleapis.com/v1beta (gemini), the llm.vertex.location's endpoint (vertex-ai), https://bedrock-runtime.{region}.amazonaws.com (bedrock); required for azure-openai. */
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

	/** Length of the embedding model's vectors, declared so that Spring AI's EmbeddingModel.dimensions() needs no call; never sent (a request asks for a length with EmbeddingRequest.dimensions). */
	private @Nullable Integer embeddingDimensions;

	/**
	 * HTTP version: http1.1, or http2 (h2 over TLS with ALPN for https base URLs, h2c with prior
	 * knowledge for http ones; calls then share a few multiplexed connections). Default: http1.1.
	 */
	private @Nullable HttpVersion httpVersion;

	/** Extra headers sent on every request, e.g. OpenAI-Organization. */
	private final Map<String, String> headers = new LinkedHashMap<>();

	@NestedConfigurationProperty
	private final RetryProperties retry = new RetryProperties();

	private final Anthropic anthropic = new Anthropic();

	private final Azure azure = new Azure();

	private final OpenAi openai = new OpenAi();

	@NestedConfigurationProperty
	private final VertexProperties vertex = new VertexProperties();

	@NestedConfigurationProperty
	private final RateLimitProperties rateLimit = new RateLimitProperties();

	@NestedConfigurationProperty
	private final ProxyProperties proxy = new ProxyProperties();

	@NestedConfigurationProperty
	private final SslProperties ssl = new SslProperties();

	@NestedConfigurationProperty
	private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

	@NestedConfigurationProperty
	private final BedrockProperties bedrock = new BedrockProperties();

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

	public @Nullable Integer getEmbeddingDimensions() {
		return this.embeddingDimensions;
	}

	public void setEmbeddingDimensions(@Nullable Integer embeddingDimensions) {
		this.embeddingDimensions = embeddingDimensions;
	}

	public @Nullable HttpVersion getHttpVersion() {
		return this.httpVersion;
	}

	public void setHttpVersion(@Nullable HttpVersion httpVersion) {
		this.httpVersion = httpVersion;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public RetryProperties getRetry() {
		return this.retry;
	}

	public Anthropic getAnthropic() {
		return this.anthropic;
	}

	public Azure getAzure() {
		return this.azure;
	}

	public OpenAi getOpenai() {
		return this.openai;
	}

	public VertexProperties getVertex() {
		return this.vertex;
	}

	public RateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

	public ProxyProperties getProxy() {
		return this.proxy;
	}

	public SslProperties getSsl() {
		return this.ssl;
	}

	public CircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public BedrockProperties getBedrock() {
		return this.bedrock;
	}

	@Override
	public String toString() {
		return "ClientProperties[provider=" + this.provider + ", apiKey=" + ((this.apiKey != null) ? "******" : "none")
				+ ", baseUrl=" + this.baseUrl + ", model=" + this.model + "]";
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

	/** OpenAI settings ({@code llm.openai.*}), for the openai and azure-openai providers. */
	public static class OpenAi {

		/** The OpenAI API spoken: chat-completions or responses (Azure: on the /openai/v1 route only). Default: chat-completions. */
		private @Nullable OpenAiApi api;

		/** Whether the Responses API stores responses (sent as store); when false, reasoning comes back encrypted so that it can be replayed. Default: false. */
		private @Nullable Boolean store;

		public @Nullable OpenAiApi getApi() {
			return this.api;
		}

		public void setApi(@Nullable OpenAiApi api) {
			this.api = api;
		}

		public @Nullable Boolean getStore() {
			return this.store;
		}

		public void setStore(@Nullable Boolean store) {
			this.store = store;
		}

	}

}
