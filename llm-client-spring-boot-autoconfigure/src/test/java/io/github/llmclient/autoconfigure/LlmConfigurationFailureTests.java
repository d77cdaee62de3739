package io.github.llmclient.autoconfigure;

import io.github.llmclient.TestClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bad configuration fails at startup with a message naming the property and the fix. */
class LlmConfigurationFailureTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"missing key for OpenAI | llm.model=gpt-4o | llm.api-key | OPENAI_API_KEY",
			"missing key for Anthropic | llm.provider=anthropic | llm.api-key | ANTHROPIC_API_KEY",
			"base-url without scheme | llm.base-url=localhost:8080/v1 | llm.base-url | absolute URL",
			"base-url not http | llm.base-url=ftp://example.com/v1 | llm.base-url | absolute URL",
			"base-url with a space | llm.base-url=http://exa mple.com/v1 | llm.base-url | absolute URL",
			"negative timeout | llm.base-url=http://localhost/v1,llm.timeout=-1s | llm.timeout | positive duration",
			"zero first-chunk timeout | llm.base-url=http://localhost/v1,llm.first-chunk-timeout=0s | llm.first-chunk-timeout | positive duration",
			"negative idle timeout | llm.base-url=http://localhost/v1,llm.stream-idle-timeout=-5s | llm.stream-idle-timeout | positive duration",
			"negative connect timeout | llm.base-url=http://localhost/v1,llm.connect-timeout=-1ms | llm.connect-timeout | positive duration",
			"max-concurrent below 1 | llm.base-url=http://localhost/v1,llm.max-concurrent=0 | llm.max-concurrent | 1 or more",
			"negative max-queued | llm.base-url=http://localhost/v1,llm.max-queued=-1 | llm.max-queued | 0 or more",
			"negative max-retries | llm.base-url=http://localhost/v1,llm.max-retries=-2 | llm.max-retries | 0 or more",
			"zero max-tokens | llm.base-url=http://localhost/v1,llm.max-tokens=0 | llm.max-tokens | 1 or more",
			"negative backoff | llm.base-url=http://localhost/v1,llm.retry.initial-backoff=-1s | llm.retry.initial-backoff | 0 or a positive",
			"multiplier below 1 | llm.base-url=http://localhost/v1,llm.retry.multiplier=0.5 | llm.retry.multiplier | 1 (a fixed delay) or more",
			"max-backoff below initial | llm.base-url=http://localhost/v1,llm.retry.initial-backoff=2s,llm.retry.max-backoff=1s | llm.retry.max-backoff | at least",
			"negative jitter | llm.base-url=http://localhost/v1,llm.retry.jitter=-1ms | llm.retry.jitter | 0 or a positive",
			"bad status code | llm.base-url=http://localhost/v1,llm.retry.status-codes=429,42 | llm.retry.status-codes | between 100 and 599",
			"negative max-retry-after | llm.base-url=http://localhost/v1,llm.retry.max-retry-after=-1s | llm.retry.max-retry-after | 0 or a positive",
			"zero max-elapsed | llm.base-url=http://localhost/v1,llm.retry.max-elapsed=0s | llm.retry.max-elapsed | positive duration",
			"zero quota capacity | llm.base-url=http://localhost/v1,llm.retry.quota.capacity=0 | llm.retry.quota.capacity | 1 or more",
			"zero retry cost | llm.base-url=http://localhost/v1,llm.retry.quota.retry-cost=0 | llm.retry.quota.retry-cost | 1 or more",
			"retry cost above capacity | llm.base-url=http://localhost/v1,llm.retry.quota.capacity=20,llm.retry.quota.retry-cost=21 | llm.retry.quota.retry-cost | at most 20",
			"timeout cost above capacity | llm.base-url=http://localhost/v1,llm.retry.quota.timeout-cost=501 | llm.retry.quota.timeout-cost | at most 500",
			"negative success refund | llm.base-url=http://localhost/v1,llm.retry.quota.success-refund=-1 | llm.retry.quota.success-refund | 0 or more",
			"named client's cost above inherited capacity | llm.base-url=http://localhost/v1,llm.retry.quota.capacity=8,llm.retry.quota.timeout-cost=8,llm.clients.fast.retry.quota.timeout-cost=9 | llm.clients.fast.retry.quota.timeout-cost | at most 8",
			"azure without base-url | llm.provider=azure-openai,llm.api-key=abc123 | llm.base-url | openai.azure.com",
			"azure without key | llm.provider=azure-openai,llm.base-url=https://r.openai.azure.com | llm.api-key | AZURE_OPENAI_API_KEY" })
	void failsAtStartupNamingThePropertyAndTheFix(String description, String properties, String property, String fix) {
		this.contextRunner.withPropertyValues(properties.split(",(?=llm\\.)"))
			.run((context) -> ConfigurationFailures.assertFailsNaming(context, property, fix));
	}

	@Test
	void neverShowsTheKeyInAFailure() {
		this.contextRunner.withPropertyValues("llm.api-key=" + TestClients.SECRET_KEY, "llm.timeout=-1s").run((context) -> {
			FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(TestClients.SECRET_KEY);
		});
	}

	@Test
	void anUnknownProviderFailsBindingNamingTheProperty() {
		this.contextRunner.withPropertyValues("llm.provider=watsonx").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("watsonx");
			BindException bind = findCause(context.getStartupFailure(), BindException.class);
			assertThat(bind).isNotNull();
			assertThat(bind.getProperty().getName()).hasToString("llm.provider");
		});
	}

	@Test
	void acceptsAKeyPassedAsAHeaderInstead() {
		this.contextRunner.withPropertyValues("llm.headers.Authorization=Bearer from-a-vault").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theFailureAnalyzerIsRegistered() throws java.io.IOException {
		try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
			java.util.Properties factories = new java.util.Properties();
			factories.load(in);
			assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
				.contains(LlmConfigurationFailureAnalyzer.class.getName());
		}
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
