package io.github.llmclient.autoconfigure;

import java.time.Duration;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.Provider;
import io.github.llmclient.WireMockTestSupport;
import io.github.llmclient.error.LlmBadRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

class NamedClientsAutoConfigurationTests extends WireMockTestSupport {

	private static final String COMPLETION = "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"%s\"},\"finish_reason\":\"stop\"}]}";

	private static final String ANTHROPIC = "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
			+ "\"content\":[{\"type\":\"text\",\"text\":\"from claude\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@Test
	void createsOneQualifiedTemplatePerClientWithTheTopLevelOnePrimary() {
		this.contextRunner.withUserConfiguration(Injection.class)
			.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2",
					"llm.clients.claude.provider=anthropic", "llm.clients.claude.api-key=sk-ant-x",
					"llm.clients.claude.base-url=https://api.anthropic.com/v1", "llm.clients.claude.model=claude-sonnet-4-5",
					"llm.clients.fast.model=llama3.2:1b")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.names()).containsExactly("default", "claude", "fast");
				Injection injection = context.getBean(Injection.class);
				assertThat(injection.primary.config().name()).isEqualTo("default");
				assertThat(injection.claude.config().name()).isEqualTo("claude");
				assertThat(injection.claude.config().provider()).isEqualTo(Provider.ANTHROPIC);
				assertThat(injection.claude).isSameAs(templates.get("claude"));
				assertThat(context.getBean(LlmTemplate.class)).isSameAs(templates.get("default"));
				assertThatIllegalArgumentException().isThrownBy(() -> templates.get("gemini"))
					.withMessageContaining("gemini")
					.withMessageContaining("[default, claude, fast]");
			});
	}

	@Test
	void aNamedClientInheritsEveryUnsetPropertyButFallback() {
		this.contextRunner
			.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2", "llm.timeout=5s",
					"llm.max-concurrent=4", "llm.retry.max-retries=7", "llm.max-retries=6", "llm.headers.X-Team=search",
					"llm.clients.backup.base-url=http://localhost:8000/v1", "llm.clients.backup.max-concurrent=2",
					"llm.clients.backup.headers.X-Client=backup", "llm.clients.backup.fallback=default",
					"llm.fallback=backup2", "llm.clients.backup2.model=other")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				ClientConfig backup = templates.get("backup").config();
				assertThat(backup.baseUrl()).hasToString("http://localhost:8000/v1");
				assertThat(backup.model()).isEqualTo("llama3.2");
				assertThat(backup.timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(backup.maxConcurrent()).isEqualTo(2);
				assertThat(backup.retry().maxRetries()).isEqualTo(6);
				assertThat(backup.headers()).containsEntry("X-Team", "search").containsEntry("X-Client", "backup");
				assertThat(backup.fallback()).isEqualTo("default");
				ClientConfig backup2 = templates.get("backup2").config();
				assertThat(backup2.fallback()).as("fallback is never inherited").isNull();
				assertThat(backup2.model()).isEqualTo("other");
				assertThat(templates.get("default").config().maxConcurrent()).isEqualTo(4);
			});
	}

	@Test
	void fallsBackToAnotherProviderWhenThePrimaryIsDown() {
		this.wireMock.stubFor(post("/openai/chat/completions").willReturn(aResponse().withStatus(503)));
		this.wireMock.stubFor(post("/anthropic/messages").willReturn(okJson(ANTHROPIC)));
		this.contextRunner
			.withPropertyValues("llm.base-url=" + this.wireMock.baseUrl() + "/openai", "llm.model=gpt-4o-mini",
					"llm.max-retries=1", "llm.retry.initial-backoff=1ms", "llm.retry.jitter=0", "llm.fallback=claude",
					"llm.clients.claude.provider=anthropic", "llm.clients.claude.api-key=sk-ant-x",
					"llm.clients.claude.base-url=" + this.wireMock.baseUrl() + "/anthropic",
					"llm.clients.claude.model=claude-sonnet-4-5")
			.run((context) -> {
				LlmTemplate template = context.getBean(LlmTemplate.class);
				assertThat(template.chat(io.github.llmclient.chat.ChatRequest.builder().model("gpt-4o").user("Hi").build())
					.block(Duration.ofSeconds(10)).content()).isEqualTo("from claude");
			});
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/openai/chat/completions")));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/anthropic/messages"))
			.withHeader("x-api-key", equalTo("sk-ant-x"))
			.withRequestBody(equalToJson("{\"model\":\"claude-sonnet-4-5\"}", true, true)));
	}

	@Test
	void doesNotFallBackOnABadRequest() {
		this.wireMock.stubFor(post("/openai/chat/completions").willReturn(aResponse().withStatus(400)));
		this.wireMock.stubFor(post("/backup/chat/completions").willReturn(okJson(COMPLETION.formatted("backup"))));
		this.contextRunner
			.withPropertyValues("llm.base-url=" + this.wireMock.baseUrl() + "/openai", "llm.model=m", "llm.fallback=backup",
					"llm.clients.backup.base-url=" + this.wireMock.baseUrl() + "/backup")
			.run((context) -> assertThat(catchThrowable(() -> context.getBean(LlmTemplate.class).chat("Hi").block(Duration.ofSeconds(10))))
				.isInstanceOf(LlmBadRequestException.class));
		this.wireMock.verify(0, postRequestedFor(urlEqualTo("/backup/chat/completions")));
	}

	@Test
	void rejectsFallbackCyclesAtStartup() {
		this.contextRunner
			.withPropertyValues("llm.base-url=http://localhost/v1", "llm.fallback=a", "llm.clients.a.fallback=b",
					"llm.clients.b.fallback=default")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("llm.fallback").contains("cycle").contains("default -> a -> b -> default");
			});
	}

	@Test
	void rejectsAFallbackToAnUnknownClient() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost/v1", "llm.clients.a.fallback=nobody")
			.run((context) -> {
				FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("llm.clients.a.fallback").contains("nobody");
				assertThat(analysis.getAction()).contains("[default, a]");
			});
	}

	@Test
	void validatesNamedClientsNamingTheirOwnProperty() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost/v1", "llm.clients.fast.max-concurrent=0")
			.run((context) -> {
				FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("llm.clients.fast.max-concurrent");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Injection {

		final LlmTemplate primary;

		final LlmTemplate claude;

		Injection(LlmTemplate primary, @Qualifier("claude") LlmTemplate claude) {
			this.primary = primary;
			this.claude = claude;
		}

		@Bean
		String marker() {
			return "injected";
		}

	}

}
