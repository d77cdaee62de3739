package io.github.llmclient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.github.llmclient.circuit.CircuitBreakerSettings;
import io.github.llmclient.provider.gemini.VertexSettings;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.retry.RetrySettings;
import org.jspecify.annotations.Nullable;

/**
 * The resolved, validated, immutable configuration of one client. {@link #toString()} never
 * shows the API key.
 *
 * @param name the client's name ({@code default} for the top-level {@code llm.*} client)
 * @param provider the wire protocol
 * @param apiKey the API key, or null when the server needs none
 * @param baseUrl the API root
 * @param model the default model (Azure: deployment), or null
 * @param maxTokens the default {@code max_tokens}, or null
 * @param timeout time allowed for a whole non-streaming response, per attempt
 * @param firstChunkTimeout time allowed until a stream's first event, per attempt
 * @param streamIdleTimeout longest silence allowed between two stream events
 * @param connectTimeout TCP and TLS connect timeout
 * @param maxConcurrent requests in flight at once
 * @param maxQueued waiting requests beyond which new ones fail at once
 * @param retry the retry rules
 * @param anthropicVersion the {@code anthropic-version} header
 * @param azureApiVersion the Azure {@code api-version} query parameter
 * @param headers extra headers sent on every request
 * @param streamUsage whether OpenAI-format streams ask for the usage chunk
 * @param fallback the client that takes over calls this one cannot serve, or null
 * @param embeddingModel the default model of {@code embed} (Azure: its deployment), or null
 * @param embeddingBatchSize the most inputs one embeddings request carries
 * @param embeddingDimensions the length of the embedding model's vectors as declared by
 * {@code llm.embedding-dimensions} (not sent; read by the Spring AI bridge), or null when unknown
 * @param rateLimit the client-side rate limits ({@code llm.rate-limit.*})
 * @param proxy the outbound proxy ({@code llm.proxy.*})
 * @param httpVersion the HTTP version spoken ({@code llm.http-version})
 * @param circuitBreaker the circuit breaker ({@code llm.circuit-breaker.*})
 * @param openAiApi the OpenAI API spoken by {@code openai} and {@code azure-openai} clients
 * ({@code llm.openai.api})
 * @param openAiStore whether the Responses API stores responses ({@code llm.openai.store})
 * @param vertex the Vertex AI project and location ({@code llm.vertex.*})
 * @param bedrockRegion the AWS region of a Bedrock client ({@code llm.bedrock.region}, else the AWS
 * default region chain), null for other providers
 */
public record ClientConfig(String name, Provider provider, @Nullable String apiKey, URI baseUrl, @Nullable String model,
		@Nullable Integer maxTokens, Duration timeout, Duration firstChunkTimeout, Duration streamIdleTimeout,
		Duration connectTimeout, int maxConcurrent, int maxQueued, RetrySettings retry, String anthropicVersion,
		String azureApiVersion, Map<String, String> headers, boolean streamUsage, @Nullable String fallback,
		@Nullable String embeddingModel, int embeddingBatchSize, @Nullable Integer embeddingDimensions,
		RateLimitSettings rateLimit, ProxySettings proxy, HttpVersion httpVersion, CircuitBreakerSettings circuitBreaker,
		OpenAiApi openAiApi, boolean openAiStore, VertexSettings vertex, @Nullable String bedrockRegion) {

	/** The name of the client configured by the top-level {@code llm.*} properties. */
	public static final String DEFAULT_NAME = "default";

	/** The default {@code llm.anthropic.version}. */
	public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

	/** The default {@code llm.azure.api-version}. */
	public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

	/** The default {@code llm.embedding-batch-size}. */
	public static final int DEFAULT_EMBEDDING_BATCH_SIZE = 512;

	public ClientConfig {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(provider, "provider must not be null");
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		Objects.requireNonNull(timeout, "timeout must not be null");
		Objects.requireNonNull(firstChunkTimeout, "firstChunkTimeout must not be null");
		Objects.requireNonNull(streamIdleTimeout, "streamIdleTimeout must not be null");
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		Objects.requireNonNull(retry, "retry must not be null");
		Objects.requireNonNull(anthropicVersion, "anthropicVersion must not be null");
		Objects.requireNonNull(azureApiVersion, "azureApiVersion must not be null");
		Objects.requireNonNull(rateLimit, "rateLimit must not be null");
		Objects.requireNonNull(proxy, "proxy must not be null");
		Objects.requireNonNull(httpVersion, "httpVersion must not be null");
		Objects.requireNonNull(circuitBreaker, "circuitBreaker must not be null");
		Objects.requireNonNull(openAiApi, "openAiApi must not be null");
		Objects.requireNonNull(vertex, "vertex must not be null");
		headers = Map.copyOf(headers);
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("maxQueued must not be negative, was " + maxQueued);
		}
		if (embeddingBatchSize < 1) {
			throw new IllegalArgumentException("embeddingBatchSize must be at least 1, was " + embeddingBatchSize);
		}
		if (embeddingDimensions != null && embeddingDimensions < 1) {
			throw new IllegalArgumentException("embeddingDimensions must be at least 1, was " + embeddingDimensions);
		}
	}

	/**
	 * A builder with the documented defaults, for the given provider.
	 * @param provider the provider
	 * @return a new builder
	 */
	public static Builder builder(Provider provider) {
		return new Builder(provider);
	}

	/**
	 * A builder pre-filled with this configuration.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder(this.provider);
		builder.name = this.name;
		builder.apiKey = this.apiKey;
		builder.baseUrl = this.baseUrl;
		builder.model = this.model;
		builder.maxTokens = this.maxTokens;
		builder.timeout = this.timeout;
		builder.firstChunkTimeout = this.firstChunkTimeout;
		builder.streamIdleTimeout = this.streamIdleTimeout;
		builder.connectTimeout = this.connectTimeout;
		builder.maxConcurrent = this.maxConcurrent;
		builder.maxQueued = this.maxQueued;
		builder.retry = this.retry;
		builder.anthropicVersion = this.anthropicVersion;
		builder.azureApiVersion = this.azureApiVersion;
		builder.headers = this.headers;
		builder.streamUsage = this.streamUsage;
		builder.fallback = this.fallback;
		builder.embeddingModel = this.embeddingModel;
		builder.embeddingBatchSize = this.embeddingBatchSize;
		builder.embeddingDimensions = this.embeddingDimensions;
		builder.rateLimit = this.rateLimit;
		builder.proxy = this.proxy;
		builder.httpVersion = this.httpVersion;
		builder.circuitBreaker = this.circuitBreaker;
		builder.openAiApi = this.openAiApi;
		builder.openAiStore = this.openAiStore;
		builder.vertex = this.vertex;
		builder.bedrockRegion = this.bedrockRegion;
		return builder;
	}

	/**
	 * The provider's public API root.
	 * @param provider the provider
	 * @return its default base URL, or null when it has none (Azure)
	 */
	public static @Nullable URI defaultBaseUrl(Provider provider) {
		return switch (provider) {
			case OPENAI -> URI.create("https://api.openai.com/v1");
			case ANTHROPIC -> URI.create("https://api.anthropic.com/v1");
			case AZURE_OPENAI, BEDROCK -> null;
			case GEMINI -> URI.create("https://generativelanguage.googleapis.com/v1beta");
			case VERTEX_AI -> VertexSettings.baseUrl(VertexSettings.DEFAULT_LOCATION);
		};
	}

	/**
	 * The Bedrock runtime endpoint of a region.
	 * @param region the AWS region, e.g. {@code us-east-1}
	 * @return {@code https://bedrock-runtime.{region}.amazonaws.com}
	 */
	public static URI bedrockBaseUrl(String region) {
		return URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
	}

	@Override
	public String toString() {
		return "ClientConfig[name=" + this.name + ", provider=" + this.provider.propertyValue() + ", apiKey="
				+ ((this.apiKey != null) ? "******" : "none") + ", baseUrl=" + this.baseUrl + ", model=" + this.model
				+ ", maxTokens=" + this.maxTokens + ", timeout=" + this.timeout + ", firstChunkTimeout="
				+ this.firstChunkTimeout + ", streamIdleTimeout=" + this.streamIdleTimeout + ", connectTimeout="
				+ this.connectTimeout + ", maxConcurrent=" + this.maxConcurrent + ", maxQueued=" + this.maxQueued
				+ ", retry=" + this.retry + ", anthropicVersion=" + this.anthropicVersion + ", azureApiVersion="
				+ this.azureApiVersion + ", headers=" + this.headers.keySet() + ", streamUsage=" + this.streamUsage
				+ ", fallback=" + this.fallback + ", embeddingModel=" + this.embeddingModel + ", embeddingBatchSize="
				+ this.embeddingBatchSize + ", embeddingDimensions=" + this.embeddingDimensions + ", rateLimit="
				+ this.rateLimit + ", proxy=" + this.proxy + ", httpVersion=" + this.httpVersion.propertyValue()
				+ ", circuitBreaker=" + this.circuitBreaker + ", openAiApi=" + this.openAiApi.propertyValue()
				+ ", openAiStore=" + this.openAiStore
				+ ((this.provider == Provider.VERTEX_AI) ? ", vertex=" + this.vertex : "")
				+ ((this.bedrockRegion != null) ? ", bedrockRegion=" + this.bedrockRegion : "") + "]";
	}

	/** Builds a {@link ClientConfig}, starting from the documented defaults. */
	public static final class Builder {

		private final Provider provider;

		private String name = DEFAULT_NAME;

		private @Nullable String apiKey;

		private @Nullable URI baseUrl;

		private @Nullable String model;

		private @Nullable Integer maxTokens;

		private Duration timeout = Duration.ofSeconds(60);

		private Duration firstChunkTimeout = Duration.ofSeconds(60);

		private Duration streamIdleTimeout = Duration.ofSeconds(30);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private int maxConcurrent = 10;

		private int maxQueued = 1000;

		private RetrySettings retry = RetrySettings.defaults();

		private String anthropicVersion = DEFAULT_ANTHROPIC_VERSION;

		private String azureApiVersion = DEFAULT_AZURE_API_VERSION;

		private Map<String, String> headers = Map.of();

		private boolean streamUsage = true;

		private @Nullable String fallback;

		private @Nullable String embeddingModel;

		private int embeddingBatchSize = DEFAULT_EMBEDDING_BATCH_SIZE;

		private @Nullable Integer embeddingDimensions;

		private RateLimitSettings rateLimit = RateLimitSettings.defaults();

		private ProxySettings proxy = ProxySettings.none();
		private HttpVersion httpVersion = HttpVersion.HTTP1_1;
		private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.defaults();

		private OpenAiApi openAiApi = OpenAiApi.CHAT_COMPLETIONS;

		private boolean openAiStore;

		private VertexSettings vertex = VertexSettings.defaults();

		private @Nullable String bedrockRegion;

		private Builder(Provider provider) {
			this.provider = Objects.requireNonNull(provider, "provider must not be null");
			this.baseUrl = defaultBaseUrl(provider);
			if (provider == Provider.ANTHROPIC) {
				this.maxTokens = 1024;
			}
		}

		/** @param name the client name @return this builder */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/** @param apiKey the API key, or null @return this builder */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/** @param baseUrl the API root @return this builder */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/** @param baseUrl the API root @return this builder */
		public Builder baseUrl(String baseUrl) {
			return baseUrl(URI.create(baseUrl));
		}

		/** @param model the default model, or null @return this builder */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/** @param maxTokens the default max tokens, or null @return this builder */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/** @param timeout the non-streaming response timeout @return this builder */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/** @param firstChunkTimeout the first-event timeout of streams @return this builder */
		public Builder firstChunkTimeout(Duration firstChunkTimeout) {
			this.firstChunkTimeout = firstChunkTimeout;
			return this;
		}

		/** @param streamIdleTimeout the idle timeout of streams @return this builder */
		public Builder streamIdleTimeout(Duration streamIdleTimeout) {
			this.streamIdleTimeout = streamIdleTimeout;
			return this;
		}

		/** @param connectTimeout the connect timeout @return this builder */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** @param maxConcurrent requests in flight at once @return this builder */
		public Builder maxConcurrent(int maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
			return this;
		}

		/** @param maxQueued waiting requests allowed @return this builder */
		public Builder maxQueued(int maxQueued) {
			this.maxQueued = maxQueued;
			return this;
		}

		/** @param retry the retry rules @return this builder */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/** @param anthropicVersion the anthropic-version header @return this builder */
		public Builder anthropicVersion(String anthropicVersion) {
			this.anthropicVersion = anthropicVersion;
			return this;
		}

		/** @param azureApiVersion the Azure api-version @return this builder */
		public Builder azureApiVersion(String azureApiVersion) {
			this.azureApiVersion = azureApiVersion;
			return this;
		}

		/** @param headers extra headers on every request @return this builder */
		public Builder headers(Map<String, String> headers) {
			this.headers = headers;
			return this;
		}

		/** @param streamUsage whether streams ask for usage @return this builder */
		public Builder streamUsage(boolean streamUsage) {
			this.streamUsage = streamUsage;
			return this;
		}

		/** @param fallback the fallback client's name, or null @return this builder */
		public Builder fallback(@Nullable String fallback) {
			this.fallback = fallback;
			return this;
		}

		/** @param embeddingModel the default embedding model, or null @return this builder */
		public Builder embeddingModel(@Nullable String embeddingModel) {
			this.embeddingModel = embeddingModel;
			return this;
		}

		/** @param embeddingBatchSize the most inputs per embeddings request @return this builder */
		public Builder embeddingBatchSize(int embeddingBatchSize) {
			this.embeddingBatchSize = embeddingBatchSize;
			return this;
		}

		/**
		 * @param embeddingDimensions the declared length of the embedding model's vectors, or null
		 * @return this builder
		 */
		public Builder embeddingDimensions(@Nullable Integer embeddingDimensions) {
			this.embeddingDimensions = embeddingDimensions;
			return this;
		}

		/** @param rateLimit the client-side rate limits @return this builder */
		public Builder rateLimit(RateLimitSettings rateLimit) {
			this.rateLimit = rateLimit;
			return this;
		}

		/** @param proxy the outbound proxy @return this builder */
		public Builder proxy(ProxySettings proxy) {
			this.proxy = proxy;
			return this;
		}

		/** @param httpVersion the HTTP version spoken @return this builder */
		public Builder httpVersion(HttpVersion httpVersion) {
			this.httpVersion = httpVersion;
			return this;
		}

		/** @param openAiApi the OpenAI API spoken @return this builder */
		public Builder openAiApi(OpenAiApi openAiApi) {
			this.openAiApi = openAiApi;
			return this;
		}

		/** @param openAiStore whether the Responses API stores responses @return this builder */
		public Builder openAiStore(boolean openAiStore) {
			this.openAiStore = openAiStore;
			return this;
		}

		/** @param circuitBreaker the circuit breaker @return this builder */
		public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
			this.circuitBreaker = circuitBreaker;
			return this;
		}

		/** @param vertex the Vertex AI project and location @return this builder */
		public Builder vertex(VertexSettings vertex) {
			this.vertex = vertex;
			return this;
		}

		/**
		 * The AWS region of a Bedrock client; without a base URL of its own, the client calls
		 * the region's runtime endpoint ({@link ClientConfig#bedrockBaseUrl(String)}).
		 * @param bedrockRegion the region, e.g. {@code us-east-1}
		 * @return this builder
		 */
		public Builder bedrockRegion(@Nullable String bedrockRegion) {
			this.bedrockRegion = bedrockRegion;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws IllegalStateException when no base URL is known (Azure needs one)
		 */
		public ClientConfig build() {
			if (this.baseUrl == null && this.provider == Provider.BEDROCK && this.bedrockRegion != null) {
				this.baseUrl = bedrockBaseUrl(this.bedrockRegion);
			}
			if (this.baseUrl == null) {
				throw new IllegalStateException("A base URL is required for provider " + this.provider.propertyValue());
			}
			return new ClientConfig(this.name, this.provider, this.apiKey, this.baseUrl, this.model, this.maxTokens,
					this.timeout, this.firstChunkTimeout, this.streamIdleTimeout, this.connectTimeout,
					this.maxConcurrent, this.maxQueued, this.retry, this.anthropicVersion, this.azureApiVersion,
					this.headers, this.streamUsage, this.fallback, this.embeddingModel, this.embeddingBatchSize,
					this.embeddingDimensions, this.rateLimit, this.proxy, this.httpVersion, this.circuitBreaker,
					this.openAiApi, this.openAiStore, this.vertex, this.bedrockRegion);
		}

	}

}
