package io.github.llmclient.autoconfigure.actuate;

import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LlmActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmActuatorAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2",
				"management.endpoints.web.exposure.include=health,llm");

	@Test
	void createsTheEndpointAndTheHealthContributorWithActuator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LlmEndpoint.class).hasSingleBean(LlmHealthIndicator.class);
			assertThat(context).hasBean("llmHealthIndicator");
			assertThat(context.getBean(LlmHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			assertThat(context.getBean(LlmEndpoint.class).llm().clients()).containsOnlyKeys("default");
		});
	}

	@Test
	void createsNeitherWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LlmEndpoint.class)
				.doesNotHaveBean(LlmHealthIndicator.class)
				.hasBean("llmTemplate"));
	}

	@Test
	void createsTheEndpointWithoutTheHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(LlmEndpoint.class)
				.doesNotHaveBean(LlmHealthIndicator.class));
	}

	@Test
	void leavesTheHealthContributorOutWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.llm.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(LlmEndpoint.class)
				.doesNotHaveBean(LlmHealthIndicator.class));
	}

	@Test
	void leavesTheEndpointOutWhenItIsNotExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmEndpoint.class)
				.hasSingleBean(LlmHealthIndicator.class));
	}

	@Test
	void listsGroupsWithTheirMembersAndStrategy() {
		this.contextRunner
			.withPropertyValues("llm.clients.east.base-url=http://east.example.com/v1",
					"llm.clients.west.base-url=http://west.example.com/v1", "llm.groups.both.clients=east,west",
					"llm.groups.both.strategy=least-busy")
			.run((context) -> {
				LlmEndpoint.LlmDescriptor view = context.getBean(LlmEndpoint.class).llm();
				assertThat(view.clients()).containsOnlyKeys("default", "east", "west");
				assertThat(view.groups()).containsOnlyKeys("both");
				assertThat(view.groups().get("both").clients()).containsExactly("east", "west");
				assertThat(view.groups().get("both").strategy()).isEqualTo("least-busy");
			});
	}

}
