package io.github.llmclient.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmHttpClientCustomizer;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.ratelimit.RateLimitStore;
import io.github.llmclient.ratelimit.RateLimiter;
import io.github.llmclient.ratelimit.RateLimiterFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures an {@link LlmTemplate} per configured client from the {@code llm.*} properties:
 * the top-level client ({@code default}, the {@code @Primary} template) and one per
 * {@code llm.clients.<name>} (qualified by its name), all reachable through {@link LlmTemplates}.
 * Every bean backs off when the application defines its own; a {@link RetryPolicy} bean replaces
 * the policy built from {@code llm.retry.*} for every client.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, HttpClient.class })
@EnableConfigurationProperties(LlmProperties.class)
@Import(VertexAuthConfiguration.class)
public final class LlmAutoConfiguration {

	@Bean
	static NamedClientsRegistrar llmNamedClientsRegistrar() {
		return new NamedClientsRegistrar();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientConfig llmClientConfig(LlmProperties properties) {
		FallbackValidator.validate(properties);
		return ClientConfigFactory.topLevel(properties);
	}

	/**
	 * The one Resilience4j registry of the clients' circuit breakers, each named after its client.
	 * Not a default candidate, so that it neither replaces nor blocks an application's own
	 * {@link CircuitBreakerRegistry}.
	 * @return the registry
	 */
	@Bean(name = CIRCUIT_BREAKER_REGISTRY, defaultCandidate = false)
	CircuitBreakerRegistry llmCircuitBreakerRegistry() {
		return CircuitBreakerRegistry.ofDefaults();
	}

	/** The bean name of the registry of the clients' circuit breakers. */
	static final String CIRCUIT_BREAKER_REGISTRY = "llmCircuitBreakerRegistry";

	@Bean
	@ConditionalOnMissingBean
	LlmTemplates llmTemplates(LlmProperties properties, ClientConfig defaultConfig,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<RetryPolicy> retryPolicy,
			ObjectProvider<LlmMetrics> metrics, ObjectProvider<RateLimiterFactory> rateLimiters,
			ObjectProvider<SslBundles> sslBundles, ObjectProvider<LlmHttpClientCustomizer> httpClientCustomizers,
			@Qualifier(CIRCUIT_BREAKER_REGISTRY) CircuitBreakerRegistry circuitBreakers,
			@Qualifier(VertexAuthConfiguration.BEAN_NAME) ObjectProvider<RequestAuth> vertexAuth,
			ObjectProvider<BedrockAuth.Signers> bedrockSigners, ResourceLoader resourceLoader) {
		FallbackValidator.validate(properties);
		GroupConfigs.validate(properties);
		Map<String, ClientConfig> configs = new LinkedHashMap<>();
		configs.put(ClientConfig.DEFAULT_NAME, defaultConfig);
		properties.getClients().keySet().forEach((name) -> configs.put(name, ClientConfigFactory.named(name, properties)));
		Map<String, LlmTemplate> templates = new LinkedHashMap<>();
		LlmTemplates[] registry = new LlmTemplates[1];
		configs.forEach((name, config) -> {
			LlmTemplate.Builder builder = LlmTemplate.builder(config)
				.webClientBuilder(webClientBuilder.getIfAvailable(WebClient::builder))
				.circuitBreakerRegistry(circuitBreakers);
			retryPolicy.ifUnique(builder::retryPolicy);
			metrics.ifUnique(builder::metrics);
			SslBundle sslBundle = SslBundleResolver.resolve(name, properties, sslBundles);
			if (sslBundle != null) {
				builder.sslBundle(sslBundle);
			}
			httpClientCustomizers.orderedStream().forEach(builder::httpClientCustomizer);
			if (BedrockAuth.signs(config)) {
				builder.requestAuth(BedrockAuth.signer(config, bedrockSigners.getIfAvailable(), resourceLoader.getClassLoader())
					.create(config));
			}
			RateLimiter rateLimiter = sharedRateLimiter(config, rateLimiters);
			if (rateLimiter != null) {
				builder.rateLimiter(rateLimiter);
			}
			RequestAuth auth = VertexClientAuth.forClient(config, vertexAuth.getIfAvailable());
			if (auth != null) {
				builder.requestAuth(auth);
			}
			if (config.fallback() != null) {
				String fallback = config.fallback();
				builder.fallback(() -> registry[0].get(fallback));
			}
			templates.put(name, builder.build());
		});
		Map<String, LlmTemplate> groups = new LinkedHashMap<>();
		properties.getGroups().forEach((name, group) -> groups.put(name, LlmTemplate.group(name,
				group.getStrategy(), group.getClients().stream().map(templates::get).toList())));
		registry[0] = new LlmTemplates(templates, groups);
		return registry[0];
	}

	/** The rate limit of a client whose budget lives in a shared store, or null for an in-process one. */
	private static @Nullable RateLimiter sharedRateLimiter(ClientConfig config,
			ObjectProvider<RateLimiterFactory> rateLimiters) {
		if (config.rateLimit().store() == RateLimitStore.LOCAL) {
			return null;
		}
		RateLimiterFactory factory = rateLimiters.getIfUnique();
		RateLimiter limiter = (factory != null) ? factory.create(config) : null;
		if (limiter == null) {
			String property = ClientConfig.DEFAULT_NAME.equals(config.name()) ? "llm.rate-limit.store"
					: "llm.clients." + config.name() + ".rate-limit.store";
			throw new LlmConfigurationException(property,
					"the redis store needs Spring Data Redis with Lettuce and a Redis connection",
					"Add spring-boot-starter-data-redis and configure spring.data.redis.*, or set " + property
							+ " to local");
		}
		return limiter;
	}

	/**
	 * Masks credentials passed as headers ({@code llm.headers.Authorization}, {@code api-key},
	 * {@code x-api-key}) and the proxy password ({@code llm.proxy.password}) in Actuator's {@code configprops} and {@code env} endpoints, even where
	 * values are shown; {@code llm.api-key} is masked by Boot's own rules.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizingConfiguration {

		@Bean
		SanitizingFunction llmCredentialHeadersSanitizingFunction() {
			return SanitizingFunction.sanitizeValue()
				.ifKeyMatchesIgnoringCase(String::endsWith, "authorization", "api-key", "apikey", "proxy.password");
		}

	}

	/**
	 * Binds the meters of the clients' circuit breakers ({@code resilience4j.circuitbreaker.*},
	 * tag {@code name} = the client) when Micrometer and {@code resilience4j-micrometer} are on the
	 * classpath; Boot binds the binder to its meter registries.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.core.instrument.binder.MeterBinder",
			"io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics" })
	static class CircuitBreakerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "llmCircuitBreakerMetrics")
		MeterBinder llmCircuitBreakerMetrics(@Qualifier(CIRCUIT_BREAKER_REGISTRY) CircuitBreakerRegistry circuitBreakers) {
			return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers);
		}

	}

	/**
	 * Signs the requests of Bedrock clients without an API key with AWS Signature V4, when the AWS
	 * SDK's signer ({@code software.amazon.awssdk:http-auth-aws}) and credentials
	 * ({@code software.amazon.awssdk:auth}) are on the classpath; an {@code AwsCredentialsProvider}
	 * bean replaces the SDK's default credentials chain.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { BedrockAuth.SIGNER_CLASS, BedrockAuth.CREDENTIALS_CLASS })
	static class BedrockSigV4Configuration {

		@Bean
		BedrockAuth.Signers llmBedrockSigners(
				ObjectProvider<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider> credentials) {
			return new BedrockSigners(credentials);
		}

	}

	@Bean(destroyMethod = "")
	@Primary
	@ConditionalOnMissingBean
	LlmTemplate llmTemplate(LlmTemplates templates) {
		return templates.get(ClientConfig.DEFAULT_NAME);
	}

}
