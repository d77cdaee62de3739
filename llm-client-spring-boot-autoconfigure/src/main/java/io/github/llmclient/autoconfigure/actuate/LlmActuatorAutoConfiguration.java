package io.github.llmclient.autoconfigure.actuate;

import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import io.github.llmclient.autoconfigure.LlmProperties;

import io.github.llmclient.metrics.LlmMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Actuator view of the clients, when Spring Boot Actuator is on the classpath: the endpoint
 * {@code llm} ({@link LlmEndpoint}, exposed like any endpoint through
 * {@code management.endpoints.web.exposure.include}) and the health contributor {@code llm}
 * ({@link LlmHealthIndicator}, {@code management.health.llm.enabled}). Neither sends anything
 * to a provider.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean({ LlmTemplates.class, LlmProperties.class })
public final class LlmActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		LlmEndpoint llmEndpoint(LlmTemplates templates, LlmProperties properties, ObjectProvider<LlmMetrics> metrics) {
			return new LlmEndpoint(templates, properties.getGroups(), metrics.getIfUnique(() -> LlmMetrics.NOOP));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("llm")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "llmHealthIndicator")
		LlmHealthIndicator llmHealthIndicator(LlmTemplates templates, LlmProperties properties) {
			return new LlmHealthIndicator(templates, properties.getGroups());
		}

	}

}
