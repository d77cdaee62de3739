package io.github.llmclient.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class LlmAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@Test
	void createsATemplateForALocalServerWithoutKey() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2")
			.run((context) -> {
				assertThat(context).hasSingleBean(LlmTemplate.class).hasSingleBean(ClientConfig.class);
				ClientConfig config = context.getBean(ClientConfig.class);
				assertThat(config.name()).isEqualTo("default");
				assertThat(config.provider()).isEqualTo(Provider.OPENAI);
				assertThat(config.apiKey()).isNull();
				assertThat(config.model()).isEqualTo("llama3.2");
				assertThat(config.baseUrl()).hasToString("http://localhost:11434/v1");
			});
	}

	@Test
	void appliesTheDocumentedDefaults() {
		this.contextRunner.withPropertyValues("llm.api-key=" + TestClients.SECRET_KEY).run((context) -> {
			ClientConfig config = context.getBean(ClientConfig.class);
			assertThat(config.baseUrl()).hasToString("https://api.openai.com/v1");
			assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(config.firstChunkTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(config.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(config.maxConcurrent()).isEqualTo(10);
			assertThat(config.maxQueued()).isEqualTo(1000);
			assertThat(config.maxTokens()).isNull();
			assertThat(config.streamUsage()).isTrue();
			assertThat(config.retry().maxRetries()).isEqualTo(3);
			assertThat(config.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
			assertThat(config.retry().multiplier()).isEqualTo(2.0);
			assertThat(config.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
			assertThat(config.retry().jitter()).isEqualTo(Duration.ofMillis(250));
			assertThat(config.retry().statusCodes()).containsExactlyInAnyOrder(408, 409, 429, 500, 502, 503, 504, 529);
			assertThat(config.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
			assertThat(config.retry().maxElapsed()).isEqualTo(Duration.ofMinutes(2));
			assertThat(config.anthropicVersion()).isEqualTo("2023-06-01");
			assertThat(config.toString()).doesNotContain(TestClients.SECRET_KEY);
		});
	}

	@Test
	void bindsEveryProperty() {
		this.contextRunner.withPropertyValues("llm.provider=openai", "llm.api-key=k-123456", "llm.base-url=https://llm.internal/v1",
				"llm.model=m", "llm.max-tokens=256", "llm.timeout=5s", "llm.first-chunk-timeout=6s",
				"llm.stream-idle-timeout=7s", "llm.connect-timeout=2s", "llm.max-retries=5", "llm.max-concurrent=3",
				"llm.max-queued=4", "llm.retry.initial-backoff=100ms", "llm.retry.multiplier=1.5",
				"llm.retry.max-backoff=3s", "llm.retry.jitter=0", "llm.retry.status-codes=429,503",
				"llm.retry.max-retry-after=9s", "llm.retry.max-elapsed=1m", "llm.anthropic.version=2024-01-01",
				"llm.azure.api-version=2025-01-01", "llm.headers.OpenAI-Organization=org-9", "llm.stream-usage=false")
			.run((context) -> {
				ClientConfig config = context.getBean(ClientConfig.class);
				assertThat(config.maxTokens()).isEqualTo(256);
				assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(config.firstChunkTimeout()).isEqualTo(Duration.ofSeconds(6));
				assertThat(config.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.maxConcurrent()).isEqualTo(3);
				assertThat(config.maxQueued()).isEqualTo(4);
				assertThat(config.retry().maxRetries()).isEqualTo(5);
				assertThat(config.retry().initialBackoff()).isEqualTo(Duration.ofMillis(100));
				assertThat(config.retry().multiplier()).isEqualTo(1.5);
				assertThat(config.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.retry().jitter()).isZero();
				assertThat(config.retry().statusCodes()).containsExactlyInAnyOrder(429, 503);
				assertThat(config.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(9));
				assertThat(config.retry().maxElapsed()).isEqualTo(Duration.ofMinutes(1));
				assertThat(config.anthropicVersion()).isEqualTo("2024-01-01");
				assertThat(config.azureApiVersion()).isEqualTo("2025-01-01");
				assertThat(config.headers()).containsEntry("OpenAI-Organization", "org-9");
				assertThat(config.streamUsage()).isFalse();
			});
	}

	@Test
	void backsOffWhenTheUserDefinesTheBeans() {
		this.contextRunner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(LlmTemplate.class).hasSingleBean(ClientConfig.class);
			assertThat(context.getBean(ClientConfig.class).model()).isEqualTo("user-model");
			assertThat(context.getBean(LlmTemplate.class).config().model()).isEqualTo("user-model");
		});
	}

	@Test
	void usesBootsWebClientBuilderSoCustomizersApply() {
		WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		wireMock.start();
		try {
			wireMock.stubFor(get("/v1/models").willReturn(okJson("{\"data\":[{\"id\":\"m\"}]}")));
			this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
				.withUserConfiguration(CustomizerConfiguration.class)
				.withPropertyValues("llm.base-url=" + wireMock.baseUrl() + "/v1")
				.run((context) -> {
					assertThat(context.getBean(LlmTemplate.class).models().block()).isEqualTo(List.of("m"));
					wireMock.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("X-Customized", equalTo("yes")));
				});
		}
		finally {
			wireMock.stop();
		}
	}

	@Test
	void aRetryPolicyBeanReplacesTheOneFromProperties() {
		this.contextRunner.withUserConfiguration(RetryPolicyConfiguration.class)
			.withPropertyValues("llm.base-url=http://localhost:11434/v1")
			.run((context) -> assertThat(context).hasSingleBean(LlmTemplate.class));
	}

	@Test
	void masksCredentialHeadersInActuatorEndpoints() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost:11434/v1").run((context) -> {
			org.springframework.boot.actuate.endpoint.SanitizingFunction sanitizer = context
				.getBean(org.springframework.boot.actuate.endpoint.SanitizingFunction.class);
			for (String key : List.of("llm.headers.Authorization", "Authorization", "llm.clients.claude.headers.x-api-key",
					"llm.headers.api-key")) {
				assertThat(sanitizer.applyUnlessFiltered(new org.springframework.boot.actuate.endpoint.SanitizableData(null, key,
						"Bearer " + TestClients.SECRET_KEY)).getValue()).as(key)
					.isEqualTo(org.springframework.boot.actuate.endpoint.SanitizableData.SANITIZED_VALUE);
			}
			assertThat(sanitizer.applyUnlessFiltered(new org.springframework.boot.actuate.endpoint.SanitizableData(null,
					"llm.headers.OpenAI-Organization", "org-1")).getValue()).isEqualTo("org-1");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		ClientConfig clientConfig() {
			return ClientConfig.builder(Provider.OPENAI).baseUrl("http://localhost:1/v1").model("user-model").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		WebClientCustomizer customizer() {
			return (builder) -> builder.defaultHeader("X-Customized", "yes");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RetryPolicyConfiguration {

		@Bean
		RetryPolicy retryPolicy() {
			return RetryPolicy.withMaxRetries(1);
		}

	}

}
