package io.github.llmclient.autoconfigure;

import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.metrics.LlmObservationConvention;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Records the client's meters and observations (SPEC §7) when a {@link MeterRegistry} bean
 * exists, as Spring Boot Actuator provides; observations are opened when an
 * {@link ObservationRegistry} bean exists too. {@link LlmAutoConfiguration} hands the
 * {@link LlmMetrics} bean to each template.
 */
@AutoConfiguration(before = LlmAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(LlmProperties.class)
public final class LlmMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LlmMetrics.class)
	MicrometerLlmMetrics llmMetrics(MeterRegistry meterRegistry, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<LlmObservationConvention> convention, LlmProperties properties) {
		return new MicrometerLlmMetrics(meterRegistry, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				convention.getIfUnique(), PricingFactory.create(properties.getPricing()));
	}

	/**
	 * Denies the meters Spring Boot's observation handler would derive from the call
	 * observation, which repeat {@code gen_ai.client.operation.duration} under another name.
	 * @return the filter
	 */
	@Bean
	@ConditionalOnMissingBean(name = "llmObservationMeterFilter")
	static MeterFilter llmObservationMeterFilter() {
		return MicrometerLlmMetrics.observationMeterFilter();
	}

}
