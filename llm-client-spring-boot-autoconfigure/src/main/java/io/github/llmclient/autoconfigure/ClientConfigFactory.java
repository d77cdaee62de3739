package io.github.llmclient.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.HttpVersion;
import io.github.llmclient.OpenAiApi;
import io.github.llmclient.Provider;
import io.github.llmclient.VertexSettings;
import io.github.llmclient.circuit.CircuitBreakerSettings;
import io.github.llmclient.provider.azure.AzureOpenAiAdapter;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.ratelimit.RateLimitStore;
import io.github.llmclient.retry.RetryQuotaSettings;
import io.github.llmclient.retry.RetrySettings;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link ClientProperties} into a validated {@link ClientConfig}: a named client's unset
 * values come from the top level, then the documented defaults. Every problem is reported as an
 * {@link LlmConfigurationException} naming the property.
 */
final class ClientConfigFactory {

	private static final Set<String> PUBLIC_HOSTS = Set.of("api.openai.com", "api.anthropic.com",
			"generativelanguage.googleapis.com");

	private ClientConfigFactory() {
	}

	/**
	 * The configuration of the top-level client.
	 * @param properties the {@code llm.*} properties
	 * @return the configuration
	 */
	static ClientConfig topLevel(LlmProperties properties) {
		return create(ClientConfig.DEFAULT_NAME, "llm.", properties, null);
	}

	/**
	 * The configuration of a named client.
	 * @param name the client's name
	 * @param properties the {@code llm.*} properties
	 * @return the configuration
	 */
	static ClientConfig named(String name, LlmProperties properties) {
		ClientProperties own = properties.getClients().get(name);
		if (own == null) {
			throw new IllegalArgumentException("No client named '" + name + "'");
		}
		return create(name, "llm.clients." + name + ".", own, properties);
	}

	/**
	 * Checks that every {@code fallback} names a known client and that no chain of fallbacks loops.
	 * @param properties the {@code llm.*} properties
	 */
	static void validateFallbacks(LlmProperties properties) {
		Map<String, String> fallbacks = new LinkedHashMap<>();
		if (properties.getFallback() != null) {
			fallbacks.put(ClientConfig.DEFAULT_NAME, properties.getFallback());
		}
		properties.getClients().forEach((name, client) -> {
			if (client.getFallback() != null) {
				fallbacks.put(name, client.getFallback());
			}
		});
		if (properties.getClients().containsKey(ClientConfig.DEFAULT_NAME)) {
			throw new LlmConfigurationException("llm.clients.default",
					"'default' is the name of the top-level client configured by llm.*",
					"Configure the default client with llm.* directly, or give this client another name");
		}
		Set<String> known = new LinkedHashSet<>();
		known.add(ClientConfig.DEFAULT_NAME);
		known.addAll(properties.getClients().keySet());
		fallbacks.forEach((name, target) -> {
			String property = property(name, "fallback");
			if (!known.contains(target)) {
				throw new LlmConfigurationException(property, "no client named '" + target + "'",
						"Set " + property + " to one of " + known + ", or configure llm.clients." + target);
			}
			List<String> chain = new java.util.ArrayList<>(List.of(name));
			String next = target;
			while (next != null) {
				if (chain.contains(next)) {
					chain.add(next);
					throw new LlmConfigurationException(property,
							"the fallbacks form a cycle: " + String.join(" -> ", chain),
							"Remove one fallback of the cycle so that every chain ends at a client without "
									+ "fallback");
				}
				chain.add(next);
				next = fallbacks.get(next);
			}
		});
	}

	private static String property(String client, String name) {
		return ClientConfig.DEFAULT_NAME.equals(client) ? "llm." + name : "llm.clients." + client + "." + name;
	}

	private static ClientConfig create(String name, String prefix, ClientProperties own,
			@Nullable ClientProperties parent) {
		Resolver r = new Resolver(prefix, own, parent);
		Provider provider = r.value(ClientProperties::getProvider, Provider.OPENAI);
		ClientConfig.Builder builder = ClientConfig.builder(provider).name(name);
		String apiKey = r.value(ClientProperties::getApiKey, null);
		VertexSettings vertex = vertex(r, provider, apiKey);
		String bedrockRegion = (provider == Provider.BEDROCK) ? bedrockRegion(r) : null;
		URI baseUrl = r.value(ClientProperties::getBaseUrl, (provider == Provider.VERTEX_AI)
				? VertexSettings.baseUrl(vertex.location()) : (bedrockRegion != null)
						? ClientConfig.bedrockBaseUrl(bedrockRegion) : ClientConfig.defaultBaseUrl(provider));
		if (baseUrl == null) {
			throw new LlmConfigurationException(prefix + "base-url",
					"the " + provider.propertyValue() + " provider has no default endpoint",
					"Set " + prefix + "base-url to your resource's endpoint, e.g. https://my-resource.openai.azure.com");
		}
		validateUrl(prefix + "base-url", baseUrl);
		Map<String, String> headers = new LinkedHashMap<>();
		if (parent != null) {
			headers.putAll(parent.getHeaders());
		}
		headers.putAll(own.getHeaders());
		boolean keyInHeaders = headers.keySet().stream().anyMatch((header) -> header.equalsIgnoreCase("Authorization")
				|| header.equalsIgnoreCase("api-key") || header.equalsIgnoreCase("x-api-key")
				|| header.equalsIgnoreCase("x-goog-api-key"));
		if ((apiKey == null || apiKey.isBlank()) && !keyInHeaders
				&& (PUBLIC_HOSTS.contains(baseUrl.getHost()) || provider == Provider.AZURE_OPENAI)) {
			throw new LlmConfigurationException(prefix + "api-key",
					"no API key is set for " + baseUrl.getHost() + ", which requires one",
					"Set " + prefix + "api-key, for example from an environment variable: " + prefix + "api-key: ${"
							+ envName(provider) + "}. For a local server (Ollama, vLLM…), point " + prefix
							+ "base-url at it instead.");
		}
		Integer maxTokens = r.value(ClientProperties::getMaxTokens, (provider == Provider.ANTHROPIC) ? 1024 : null);
		if (maxTokens != null && maxTokens < 1) {
			throw invalidCount(prefix + "max-tokens", maxTokens, 1);
		}
		builder.apiKey((apiKey == null || apiKey.isBlank()) ? null : apiKey.strip())
			.baseUrl(baseUrl)
			.model(r.value(ClientProperties::getModel, null))
			.maxTokens(maxTokens)
			.timeout(r.positive("timeout", ClientProperties::getTimeout, Duration.ofSeconds(60)))
			.firstChunkTimeout(r.positive("first-chunk-timeout", ClientProperties::getFirstChunkTimeout,
					Duration.ofSeconds(60)))
			.streamIdleTimeout(r.positive("stream-idle-timeout", ClientProperties::getStreamIdleTimeout,
					Duration.ofSeconds(30)))
			.connectTimeout(r.positive("connect-timeout", ClientProperties::getConnectTimeout, Duration.ofSeconds(10)))
			.maxConcurrent(r.count("max-concurrent", ClientProperties::getMaxConcurrent, 10, 1))
			.maxQueued(r.count("max-queued", ClientProperties::getMaxQueued, 1000, 0))
			.retry(retry(r))
			.rateLimit(rateLimit(r))
			.proxy(ProxySettingsFactory.create(prefix, own.getProxy(), (parent != null) ? parent.getProxy() : null))
			.httpVersion(r.value(ClientProperties::getHttpVersion, HttpVersion.HTTP1_1))
			.circuitBreaker(circuitBreaker(r))
			.vertex(vertex)
			.anthropicVersion(r.value((p) -> p.getAnthropic().getVersion(), ClientConfig.DEFAULT_ANTHROPIC_VERSION))
			.azureApiVersion(r.value((p) -> p.getAzure().getApiVersion(), ClientConfig.DEFAULT_AZURE_API_VERSION))
			.headers(headers)
			.streamUsage(r.value(ClientProperties::getStreamUsage, true))
			.openAiApi(openAiApi(r, provider, baseUrl))
			.openAiStore(r.value((p) -> p.getOpenai().getStore(), false))
			.embeddingModel(blankToNull(r.value(ClientProperties::getEmbeddingModel, null)))
			.embeddingBatchSize(r.count("embedding-batch-size", ClientProperties::getEmbeddingBatchSize,
					ClientConfig.DEFAULT_EMBEDDING_BATCH_SIZE, 1))
			.embeddingDimensions(embeddingDimensions(r))
			.bedrockRegion(bedrockRegion)
			// fallback is never inherited: a named client would otherwise fall back to itself
			.fallback(own.getFallback());
		return builder.build();
	}

	/**
	 * {@code llm.openai.api}: the Responses API exists on OpenAI and on Azure's v1 route only
	 * (Azure's deployments route has no {@code /responses}).
	 */
	private static OpenAiApi openAiApi(Resolver r, Provider provider, URI baseUrl) {
		OpenAiApi api = r.value((p) -> p.getOpenai().getApi(), OpenAiApi.CHAT_COMPLETIONS);
		if (api == OpenAiApi.RESPONSES && provider == Provider.AZURE_OPENAI && !AzureOpenAiAdapter.isV1Route(baseUrl)) {
			throw new LlmConfigurationException(r.prefix + "openai.api",
					"the Responses API is not served on Azure OpenAI's deployments route (" + baseUrl + ")",
					"Point " + r.prefix + "base-url at the v1 route, e.g. https://my-resource.openai.azure.com/openai/v1, "
							+ "or set " + r.prefix + "openai.api to chat-completions");
		}
		return api;
	}

	private static @Nullable Integer embeddingDimensions(Resolver r) {
		Integer dimensions = r.value(ClientProperties::getEmbeddingDimensions, null);
		if (dimensions != null && dimensions < 1) {
			throw invalidCount(r.prefix + "embedding-dimensions", dimensions, 1);
		}
		return dimensions;
	}

	/** {@code llm.bedrock.region}, else the AWS default region chain; neither fails naming the property. */
	private static String bedrockRegion(Resolver r) {
		String region = blankToNull(r.value((p) -> p.getBedrock().getRegion(), null));
		if (region == null) {
			region = AwsRegions.defaultRegion();
		}
		if (region == null) {
			throw new LlmConfigurationException(r.prefix + "bedrock.region",
					"no AWS region is set for the bedrock provider, and the AWS default region chain found none",
					"Set " + r.prefix + "bedrock.region, e.g. us-east-1 (or the AWS_REGION environment variable)");
		}
		if (!region.matches("[a-z0-9-]+")) {
			throw new LlmConfigurationException(r.prefix + "bedrock.region", "'" + region + "' is not an AWS region",
					"Set " + r.prefix + "bedrock.region to a region id such as us-east-1");
		}
		return region;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * The Vertex AI project and location: a vertex-ai client needs a project unless an API key
	 * selects express mode; the location must be a plain region name (it becomes part of the host).
	 */
	private static VertexSettings vertex(Resolver r, Provider provider, @Nullable String apiKey) {
		String project = blankToNull(r.value((p) -> p.getVertex().getProject(), null));
		String location = blankToNull(r.value((p) -> p.getVertex().getLocation(), null));
		if (location == null) {
			location = VertexSettings.DEFAULT_LOCATION;
		}
		if (provider != Provider.VERTEX_AI) {
			return new VertexSettings(project, location);
		}
		if (!location.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
			throw new LlmConfigurationException(r.prefix + "vertex.location", "'" + location
					+ "' is not a Google Cloud location",
					"Set " + r.prefix + "vertex.location to a region such as us-central1 or europe-west4, or to global");
		}
		if (project == null && (apiKey == null || apiKey.isBlank())) {
			throw new LlmConfigurationException(r.prefix + "vertex.project",
					"the vertex-ai provider needs the Google Cloud project to call",
					"Set " + r.prefix + "vertex.project to your project id (e.g. ${GOOGLE_CLOUD_PROJECT}), or set "
							+ r.prefix + "api-key to use Vertex AI express mode");
		}
		return new VertexSettings(project, location);
	}

	private static RetrySettings retry(Resolver r) {
		RetrySettings defaults = RetrySettings.defaults();
		int maxRetries = r.count("max-retries", ClientProperties::getMaxRetries, defaults.maxRetries(), 0);
		Duration initial = r.nonNegative("retry.initial-backoff", (p) -> p.getRetry().getInitialBackoff(),
				defaults.initialBackoff());
		double multiplier = r.value((p) -> p.getRetry().getMultiplier(), defaults.multiplier());
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new LlmConfigurationException(r.prefix + "retry.multiplier", "must be at least 1, was " + multiplier,
					"Set " + r.prefix + "retry.multiplier to 1 (a fixed delay) or more, e.g. 2.0");
		}
		Duration maxBackoff = r.nonNegative("retry.max-backoff", (p) -> p.getRetry().getMaxBackoff(),
				defaults.maxBackoff());
		if (maxBackoff.compareTo(initial) < 0) {
			throw new LlmConfigurationException(r.prefix + "retry.max-backoff",
					"is shorter than retry.initial-backoff (" + maxBackoff + " < " + initial + ")",
					"Set " + r.prefix + "retry.max-backoff to at least " + r.prefix + "retry.initial-backoff");
		}
		Duration jitter = r.nonNegative("retry.jitter", (p) -> p.getRetry().getJitter(), defaults.jitter());
		List<Integer> codes = r.value((p) -> p.getRetry().getStatusCodes(), null);
		Set<Integer> statusCodes = (codes != null) ? new LinkedHashSet<>(codes) : defaults.statusCodes();
		for (Integer code : statusCodes) {
			if (code == null || code < 100 || code > 599) {
				throw new LlmConfigurationException(r.prefix + "retry.status-codes", "'" + code
						+ "' is not an HTTP status", "Set " + r.prefix + "retry.status-codes to HTTP statuses between 100 and 599, e.g. 429, 500, 503");
			}
		}
		Duration maxRetryAfter = r.nonNegative("retry.max-retry-after", (p) -> p.getRetry().getMaxRetryAfter(),
				defaults.maxRetryAfter());
		Duration maxElapsed = r.positive("retry.max-elapsed", (p) -> p.getRetry().getMaxElapsed(),
				defaults.maxElapsed());
		return new RetrySettings(maxRetries, initial, multiplier, maxBackoff, jitter, statusCodes, maxRetryAfter,
				maxElapsed, retryQuota(r));
	}

	private static RetryQuotaSettings retryQuota(Resolver r) {
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
	private static int quotaCost(Resolver r, String name, Function<ClientProperties, @Nullable Integer> getter,
			int defaultValue, int capacity) {
		int cost = r.count("retry.quota." + name, getter, defaultValue, 1);
		if (cost > capacity) {
			String property = r.prefix + "retry.quota." + name;
			throw new LlmConfigurationException(property,
					"is more than retry.quota.capacity (" + cost + " > " + capacity + "), so no retry could ever be paid",
					"Set " + property + " to at most " + capacity + ", or raise " + r.prefix + "retry.quota.capacity");
		}
		return cost;
	}

	private static RateLimitSettings rateLimit(Resolver r) {
		Integer requests = r.value((p) -> p.getRateLimit().getRequestsPerMinute(), null);
		if (requests != null && requests < 1) {
			throw invalidCount(r.prefix + "rate-limit.requests-per-minute", requests, 1);
		}
		Integer tokens = r.value((p) -> p.getRateLimit().getTokensPerMinute(), null);
		if (tokens != null && tokens < 1) {
			throw invalidCount(r.prefix + "rate-limit.tokens-per-minute", tokens, 1);
		}
		RateLimitStore store = r.value((p) -> p.getRateLimit().getStore(), RateLimitStore.LOCAL);
		String key = blankToNull(r.value((p) -> p.getRateLimit().getKey(), null));
		Duration maxWait = r.nonNegative("rate-limit.max-wait", (p) -> p.getRateLimit().getMaxWait(),
				RateLimitSettings.DEFAULT_MAX_WAIT);
		Duration storeTimeout = r.positive("rate-limit.store-timeout", (p) -> p.getRateLimit().getStoreTimeout(),
				RateLimitSettings.DEFAULT_STORE_TIMEOUT);
		int outputTokens = r.count("rate-limit.default-output-tokens", (p) -> p.getRateLimit().getDefaultOutputTokens(),
				RateLimitSettings.DEFAULT_OUTPUT_TOKENS, 0);
		boolean fromHeaders = r.value((p) -> p.getRateLimit().getFromHeaders(), true);
		return new RateLimitSettings(requests, tokens, store, key, maxWait, storeTimeout, outputTokens, fromHeaders);
	}

	private static CircuitBreakerSettings circuitBreaker(Resolver r) {
		String prefix = r.prefix + "circuit-breaker.";
		float threshold = r.value((p) -> p.getCircuitBreaker().getFailureRateThreshold(),
				CircuitBreakerSettings.DEFAULT_FAILURE_RATE_THRESHOLD);
		if (!(threshold > 0 && threshold <= 100)) {
			throw new LlmConfigurationException(prefix + "failure-rate-threshold",
					"must be more than 0 and at most 100 (percent), was " + threshold,
					"Set " + prefix + "failure-rate-threshold to a percentage such as 50");
		}
		int minimumCalls = r.count("circuit-breaker.minimum-calls", (p) -> p.getCircuitBreaker().getMinimumCalls(),
				CircuitBreakerSettings.DEFAULT_MINIMUM_CALLS, 1);
		Duration window = r.positive("circuit-breaker.window", (p) -> p.getCircuitBreaker().getWindow(),
				CircuitBreakerSettings.DEFAULT_WINDOW);
		if (window.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new LlmConfigurationException(prefix + "window", "must be at least 1s (the window counts whole seconds), was " + window,
					"Set " + prefix + "window to 1s or more, e.g. 60s");
		}
		Duration openDuration = r.positive("circuit-breaker.open-duration",
				(p) -> p.getCircuitBreaker().getOpenDuration(), CircuitBreakerSettings.DEFAULT_OPEN_DURATION);
		boolean enabled = r.value((p) -> p.getCircuitBreaker().getEnabled(), false);
		return new CircuitBreakerSettings(enabled, threshold, minimumCalls, window, openDuration);
	}

	private static void validateUrl(String property, URI url) {
		String scheme = url.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| url.getHost() == null || url.getHost().isEmpty()) {
			throw new LlmConfigurationException(property, "'" + url + "' is not an absolute http(s) URL",
					"Set " + property + " to an absolute URL with scheme and host, e.g. http://localhost:11434/v1");
		}
	}

	private static String envName(Provider provider) {
		return switch (provider) {
			case OPENAI -> "OPENAI_API_KEY";
			case ANTHROPIC -> "ANTHROPIC_API_KEY";
			case AZURE_OPENAI -> "AZURE_OPENAI_API_KEY";
			case GEMINI -> "GEMINI_API_KEY";
			case VERTEX_AI -> "GOOGLE_API_KEY";
			case BEDROCK -> "AWS_BEARER_TOKEN_BEDROCK";
		};
	}

	private static LlmConfigurationException invalidCount(String property, int value, int min) {
		return new LlmConfigurationException(property, "must be at least " + min + ", was " + value,
				"Set " + property + " to " + min + " or more");
	}

	/** Looks a value up in the client's own properties, then the top level, then the default. */
	private static final class Resolver {

		private final String prefix;

		private final ClientProperties own;

		private final @Nullable ClientProperties parent;

		Resolver(String prefix, ClientProperties own, @Nullable ClientProperties parent) {
			this.prefix = prefix;
			this.own = own;
			this.parent = parent;
		}

		<T> T value(Function<ClientProperties, @Nullable T> getter, T defaultValue) {
			T value = getter.apply(this.own);
			if (value == null && this.parent != null) {
				value = getter.apply(this.parent);
			}
			return (value != null) ? value : defaultValue;
		}

		/** A duration as it would be written in application.yml: 30s, 150ms. */
		private static String example(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}

		Duration positive(String name, Function<ClientProperties, @Nullable Duration> getter, Duration defaultValue) {
			Duration value = value(getter, defaultValue);
			if (value.isNegative() || value.isZero()) {
				throw new LlmConfigurationException(this.prefix + name, "must be positive, was " + value,
						"Set " + this.prefix + name + " to a positive duration, e.g. " + example(defaultValue));
			}
			return value;
		}

		Duration nonNegative(String name, Function<ClientProperties, @Nullable Duration> getter,
				Duration defaultValue) {
			Duration value = value(getter, defaultValue);
			if (value.isNegative()) {
				throw new LlmConfigurationException(this.prefix + name, "must not be negative, was " + value,
						"Set " + this.prefix + name + " to 0 or a positive duration, e.g. " + defaultValue.toMillis()
								+ "ms");
			}
			return value;
		}

		int count(String name, Function<ClientProperties, @Nullable Integer> getter, int defaultValue, int min) {
			int value = value(getter, defaultValue);
			if (value < min) {
				throw invalidCount(this.prefix + name, value, min);
			}
			return value;
		}

	}

}
