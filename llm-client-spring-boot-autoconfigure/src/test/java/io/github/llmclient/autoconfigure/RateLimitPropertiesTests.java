package io.github.llmclient.autoconfigure;

import java.time.Duration;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.ratelimit.RateLimitStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.rate-limit.*}: defaults, binding, inheritance by named clients, validation. */
class RateLimitPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=m");

	@Test
	void withNothingSetThereIsNoBudgetAndHeadersAreHonoured() {
		this.contextRunner.run((context) -> {
			RateLimitSettings settings = context.getBean(LlmTemplate.class).config().rateLimit();
			assertThat(settings).isEqualTo(RateLimitSettings.defaults());
			assertThat(settings.hasBudget()).isFalse();
			assertThat(settings.fromHeaders()).isTrue();
			assertThat(settings.maxWait()).isEqualTo(Duration.ofSeconds(30));
			assertThat(settings.storeTimeout()).isEqualTo(Duration.ofMillis(500));
			assertThat(settings.defaultOutputTokens()).isEqualTo(1024);
			assertThat(settings.keyFor("default")).isEqualTo("llm:default");
		});
	}

	@Test
	void bindsEveryPropertyAndNamedClientsInheritThem() {
		this.contextRunner
			.withPropertyValues("llm.rate-limit.requests-per-minute=500", "llm.rate-limit.tokens-per-minute=30000",
					"llm.rate-limit.store=local", "llm.rate-limit.max-wait=5s", "llm.rate-limit.store-timeout=200ms",
					"llm.rate-limit.default-output-tokens=256", "llm.rate-limit.from-headers=false",
					"llm.clients.fast.base-url=http://localhost:8000/v1", "llm.clients.fast.model=x",
					"llm.clients.fast.rate-limit.requests-per-minute=60", "llm.clients.fast.rate-limit.key=shared")
			.run((context) -> {
				RateLimitSettings top = context.getBean(LlmTemplate.class).config().rateLimit();
				assertThat(top).isEqualTo(new RateLimitSettings(500, 30000, RateLimitStore.LOCAL, null,
						Duration.ofSeconds(5), Duration.ofMillis(200), 256, false));
				RateLimitSettings fast = context.getBean(LlmTemplates.class).get("fast").config().rateLimit();
				assertThat(fast).isEqualTo(new RateLimitSettings(60, 30000, RateLimitStore.LOCAL, "shared",
						Duration.ofSeconds(5), Duration.ofMillis(200), 256, false));
				assertThat(fast.keyFor("fast")).isEqualTo("shared");
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"zero requests per minute | llm.rate-limit.requests-per-minute=0 | llm.rate-limit.requests-per-minute | 1 or more",
			"negative tokens per minute | llm.rate-limit.tokens-per-minute=-5 | llm.rate-limit.tokens-per-minute | 1 or more",
			"negative max-wait | llm.rate-limit.max-wait=-1s | llm.rate-limit.max-wait | 0 or a positive",
			"zero store-timeout | llm.rate-limit.store-timeout=0ms | llm.rate-limit.store-timeout | positive duration, e.g. 500ms",
			"negative output tokens | llm.rate-limit.default-output-tokens=-1 | llm.rate-limit.default-output-tokens | 0 or more",
			"named client | llm.clients.b.base-url=http://localhost/v1,llm.clients.b.rate-limit.requests-per-minute=0 | llm.clients.b.rate-limit.requests-per-minute | 1 or more" })
	void failsAtStartupNamingTheProperty(String description, String properties, String property, String fix) {
		this.contextRunner.withPropertyValues(properties.split(",(?=llm\\.)"))
			.run((context) -> ConfigurationFailures.assertFailsNaming(context, property, fix));
	}

}
