package io.github.llmclient.autoconfigure;

import io.github.llmclient.autoconfigure.actuate.LlmActuatorAutoConfiguration;
import io.github.llmclient.autoconfigure.actuate.LlmEndpoint;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.github.llmclient.pricing.ModelPrice;
import io.github.llmclient.pricing.Pricing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.pricing.*}: bound to the cost meter's prices, checked at startup, shown by the endpoint. */
class PricingPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmMetricsAutoConfiguration.class, LlmAutoConfiguration.class,
				LlmActuatorAutoConfiguration.class))
		.withUserConfiguration(Registry.class)
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2",
				"management.endpoints.web.exposure.include=llm");

	@Test
	void bindsPricesByModelIdsWithDotsCurrencyAndDiscount() {
		this.contextRunner
			.withPropertyValues("llm.pricing.gpt-4.1.input=2", "llm.pricing.gpt-4.1.cached-input=0.5",
					"llm.pricing.gpt-4.1.output=8", "llm.pricing.claude-sonnet-4.input=3",
					"llm.pricing.claude-sonnet-4.cache-write=3.75", "llm.pricing.claude-sonnet-4.output=15",
					"llm.pricing.currency=EUR", "llm.pricing.batch-discount=0.4")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Pricing pricing = PricingFactory.create(context.getBean(LlmProperties.class).getPricing());
				assertThat(pricing.price("gpt-4.1-2025-04-14")).isEqualTo(new ModelPrice(2, 0.5, null, 8));
				assertThat(pricing.price("claude-sonnet-4-5")).isEqualTo(new ModelPrice(3, null, 3.75, 15));
				assertThat(pricing.currency()).isEqualTo("EUR");
				assertThat(pricing.batchDiscount()).isEqualTo(0.4);
				assertThat(context.getBean(MicrometerLlmMetrics.class).currency()).isEqualTo("EUR");
				LlmEndpoint.CostDescriptor cost = context.getBean(LlmEndpoint.class).llm().clients().get("default").cost();
				assertThat(cost).isEqualTo(new LlmEndpoint.CostDescriptor(0, "EUR"));
			});
	}

	@Test
	void withoutPricesTheEndpointShowsNoCost() {
		this.contextRunner.run((context) -> assertThat(context.getBean(LlmEndpoint.class).llm().clients().get("default").cost())
			.isNull());
	}

	@Test
	void aPriceThatIsNotANumberFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("llm.pricing.gpt-4o.input=cheap", "llm.pricing.gpt-4o.output=10")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LlmConfigurationException.class)
				.hasMessageContaining("llm.pricing.gpt-4o.input"));
	}

	@Test
	void anUnknownKindOfPriceFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("llm.pricing.gpt-4o.inputs=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LlmConfigurationException.class)
				.hasMessageContaining("llm.pricing.gpt-4o.inputs"));
	}

	@Test
	void aModelWithoutAnOutputPriceFailsNamingIt() {
		this.contextRunner.withPropertyValues("llm.pricing.gpt-4o.input=2.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("llm.pricing.gpt-4o.output"));
	}

	@Test
	void aDiscountAboveOneFails() {
		this.contextRunner.withPropertyValues("llm.pricing.batch-discount=50")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("llm.pricing.batch-discount"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
