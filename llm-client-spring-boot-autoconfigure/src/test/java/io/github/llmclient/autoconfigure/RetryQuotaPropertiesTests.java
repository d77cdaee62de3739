package io.github.llmclient.autoconfigure;

import io.github.llmclient.LlmTemplates;
import io.github.llmclient.retry.RetryQuotaSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.retry.quota.*}: the defaults, the overrides, and named clients inheriting them. */
class RetryQuotaPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2");

	@Test
	void everyClientHasTheAwsSdksQuotaByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(LlmTemplates.class).get("default").config()
			.retry()
			.quota()).isEqualTo(new RetryQuotaSettings(true, 500, 5, 10, 1)));
	}

	@Test
	void theQuotaIsConfiguredAndNamedClientsInheritWhatTheyDoNotSet() {
		this.contextRunner
			.withPropertyValues("llm.retry.quota.capacity=2000", "llm.retry.quota.retry-cost=4",
					"llm.retry.quota.timeout-cost=8", "llm.retry.quota.success-refund=2",
					"llm.clients.streams.retry.quota.capacity=10000", "llm.clients.batch.retry.quota.enabled=false",
					"llm.clients.batch.model=other")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.get("default").config().retry().quota())
					.isEqualTo(new RetryQuotaSettings(true, 2000, 4, 8, 2));
				assertThat(templates.get("streams").config().retry().quota())
					.isEqualTo(new RetryQuotaSettings(true, 10000, 4, 8, 2));
				assertThat(templates.get("batch").config().retry().quota())
					.isEqualTo(new RetryQuotaSettings(false, 2000, 4, 8, 2));
			});
	}

	@Test
	void aNamedClientTurnsOnWhatTheTopLevelTurnedOff() {
		this.contextRunner
			.withPropertyValues("llm.retry.quota.enabled=false", "llm.clients.guarded.retry.quota.enabled=true")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.get("default").config().retry().quota().enabled()).isFalse();
				assertThat(templates.get("guarded").config().retry().quota().enabled()).isTrue();
			});
	}

}
