package io.github.llmclient.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.GroupStrategy;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.circuit.CircuitState;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.groups.*} and {@code llm.circuit-breaker.*}: beans, inheritance, meters and startup failures. */
class GroupsAndCircuitBreakersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2",
				"llm.clients.east.base-url=http://east.example.com/v1", "llm.clients.west.base-url=http://west.example.com/v1");

	@Test
	void aGroupIsAQualifiedTemplateBeanAndInTheRegistry() {
		this.contextRunner.withUserConfiguration(Injection.class)
			.withPropertyValues("llm.groups.pool.clients=east,west", "llm.groups.busy.clients=default,east",
					"llm.groups.busy.strategy=least-busy")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				LlmTemplate pool = context.getBean(Injection.class).pool;
				assertThat(pool).isSameAs(templates.get("pool"));
				assertThat(pool.config().name()).isEqualTo("pool");
				assertThat(templates.names()).containsExactly("default", "east", "west");
				assertThat(templates.groupNames()).containsExactly("pool", "busy");
				assertThat(templates.members("pool")).containsExactly("east", "west");
				assertThat(templates.members("busy")).containsExactly("default", "east");
				assertThat(context.getBean(LlmTemplate.class)).isSameAs(templates.get("default"));
				LlmProperties properties = context.getBean(LlmProperties.class);
				assertThat(properties.getGroups().get("pool").getStrategy()).isEqualTo(GroupStrategy.ROUND_ROBIN);
				assertThat(properties.getGroups().get("busy").getStrategy()).isEqualTo(GroupStrategy.LEAST_BUSY);
			});
	}

	@Test
	void circuitBreakerSettingsAreInheritedByNamedClients() {
		this.contextRunner
			.withPropertyValues("llm.circuit-breaker.enabled=true", "llm.circuit-breaker.minimum-calls=5",
					"llm.clients.west.circuit-breaker.enabled=false", "llm.clients.east.circuit-breaker.open-duration=5s")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.get("default").circuitState()).isEqualTo(CircuitState.CLOSED);
				assertThat(templates.get("east").circuitState()).isEqualTo(CircuitState.CLOSED);
				assertThat(templates.get("east").config().circuitBreaker().minimumCalls()).isEqualTo(5);
				assertThat(templates.get("east").config().circuitBreaker().openDuration()).hasSeconds(5);
				assertThat(templates.get("west").circuitState()).isEqualTo(CircuitState.DISABLED);
			});
	}

	@Test
	void theBreakersAreMeteredByClientName() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, LlmAutoConfiguration.class, LlmMetricsAutoConfiguration.class))
			.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.circuit-breaker.enabled=true",
					"llm.clients.east.base-url=http://east.example.com/v1")
			.run((context) -> {
				context.getBean(LlmTemplates.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "default").gauges()).isNotEmpty();
				assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "east").gauges()).isNotEmpty();
			});
	}

	@Test
	void anApplicationsOwnCircuitBreakerRegistryStaysTheOneInjected() {
		this.contextRunner.withUserConfiguration(OwnRegistry.class)
			.withPropertyValues("llm.circuit-breaker.enabled=true")
			.run((context) -> {
				context.getBean(LlmTemplates.class);
				CircuitBreakerRegistry own = context.getBean(CircuitBreakerRegistry.class);
				assertThat(own).isSameAs(context.getBean(OwnRegistry.class).registry);
				assertThat(own.getAllCircuitBreakers()).isEmpty();
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"unknown member | llm.groups.pool.clients=east,north | llm.groups.pool.clients | 'north'",
			"empty group | llm.groups.pool.strategy=least-busy | llm.groups.pool.clients | no members",
			"group named like a client | llm.groups.east.clients=west | llm.groups.east | already the name of a client",
			"group named default | llm.groups.default.clients=west | llm.groups.default | already the name of a client",
			"threshold 0 | llm.circuit-breaker.failure-rate-threshold=0 | llm.circuit-breaker.failure-rate-threshold | at most 100",
			"threshold above 100 | llm.clients.east.circuit-breaker.failure-rate-threshold=101 | llm.clients.east.circuit-breaker.failure-rate-threshold | at most 100",
			"minimum-calls 0 | llm.circuit-breaker.minimum-calls=0 | llm.circuit-breaker.minimum-calls | at least 1",
			"zero window | llm.circuit-breaker.window=0s | llm.circuit-breaker.window | positive",
			"sub-second window | llm.circuit-breaker.window=500ms | llm.circuit-breaker.window | at least 1s",
			"zero open-duration | llm.clients.west.circuit-breaker.open-duration=0s | llm.clients.west.circuit-breaker.open-duration | positive" })
	void failsAtStartupNamingTheProperty(String description, String property, String named, String reason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			FailureAnalysis analysis = ConfigurationFailures.analysis(context);
			assertThat(analysis.getDescription()).contains(named).contains(reason);
			assertThat(analysis.getAction()).contains(named);
		});
	}

	@Test
	void theNewPropertiesAreDescribed() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("llm.circuit-breaker.") || name.equals("llm.groups")) {
				names.add(name);
				assertThat(property.path("description").asString("")).as(name).isNotBlank();
			}
		}
		assertThat(names).contains("llm.groups", "llm.circuit-breaker.enabled", "llm.circuit-breaker.failure-rate-threshold",
				"llm.circuit-breaker.minimum-calls", "llm.circuit-breaker.window", "llm.circuit-breaker.open-duration");
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

		@Bean
		CircuitBreakerRegistry applicationCircuitBreakerRegistry() {
			return this.registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Injection {

		LlmTemplate pool;

		@Bean
		String injected(@Qualifier("pool") LlmTemplate pool) {
			this.pool = pool;
			return "ok";
		}

	}

}
