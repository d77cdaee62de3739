package io.github.llmclient.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.HttpVersion;
import io.github.llmclient.Provider;
import io.github.llmclient.provider.gemini.VertexSettings;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link ClientProperties} into a validated {@link ClientConfig}: a named client's unset
 * values come from the top level, then the documented defaults. Every problem is reported as an
 * {@link LlmConfigurationException} naming the property. The settings of one concern are
 * resolved by their own factory (retry, rate limit, circuit breaker, proxy, provider settings).
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

	private static ClientConfig create(String name, String prefix, ClientProperties own,
			@Nullable ClientProperties parent) {
		ClientPropertyResolver r = new ClientPropertyResolver(prefix, own, parent);
		Provider provider = r.value(ClientProperties::getProvider, Provider.OPENAI);
		ClientConfig.Builder builder = ClientConfig.builder(provider).name(name);
		String apiKey = r.value(ClientProperties::getApiKey, null);
		VertexSettings vertex = ProviderSettingsFactory.vertex(r, provider, apiKey);
		String bedrockRegion = (provider == Provider.BEDROCK) ? ProviderSettingsFactory.bedrockRegion(r) : null;
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
			throw ClientPropertyResolver.invalidCount(prefix + "max-tokens", maxTokens, 1);
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
			.retry(RetrySettingsFactory.create(r))
			.rateLimit(RateLimitSettingsFactory.create(r))
			.proxy(ProxySettingsFactory.create(prefix, own.getProxy(), (parent != null) ? parent.getProxy() : null))
			.httpVersion(r.value(ClientProperties::getHttpVersion, HttpVersion.HTTP1_1))
			.circuitBreaker(CircuitBreakerSettingsFactory.create(r))
			.vertex(vertex)
			.anthropicVersion(r.value((p) -> p.getAnthropic().getVersion(), ClientConfig.DEFAULT_ANTHROPIC_VERSION))
			.azureApiVersion(r.value((p) -> p.getAzure().getApiVersion(), ClientConfig.DEFAULT_AZURE_API_VERSION))
			.headers(headers)
			.streamUsage(r.value(ClientProperties::getStreamUsage, true))
			.openAiApi(ProviderSettingsFactory.openAiApi(r, provider, baseUrl))
			.openAiStore(r.value((p) -> p.getOpenai().getStore(), false))
			.embeddingModel(ClientPropertyResolver.blankToNull(r.value(ClientProperties::getEmbeddingModel, null)))
			.embeddingBatchSize(r.count("embedding-batch-size", ClientProperties::getEmbeddingBatchSize,
					ClientConfig.DEFAULT_EMBEDDING_BATCH_SIZE, 1))
			.embeddingDimensions(embeddingDimensions(r))
			.bedrockRegion(bedrockRegion)
			// fallback is never inherited: a named client would otherwise fall back to itself
			.fallback(own.getFallback());
		return builder.build();
	}

	private static @Nullable Integer embeddingDimensions(ClientPropertyResolver r) {
		Integer dimensions = r.value(ClientProperties::getEmbeddingDimensions, null);
		if (dimensions != null && dimensions < 1) {
			throw ClientPropertyResolver.invalidCount(r.prefix() + "embedding-dimensions", dimensions, 1);
		}
		return dimensions;
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

}
