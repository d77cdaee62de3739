package io.github.llmclient.autoconfigure;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.OpenAiApi;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.openai.api} and {@code llm.openai.store}: bound, defaulted, inherited and checked at startup. */
class OpenAiApiPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class));

	@Test
	void defaultsToChatCompletionsWithoutStorage() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost:1/v1").run((context) -> {
			LlmTemplate template = context.getBean(LlmTemplate.class);
			assertThat(template.config().openAiApi()).isEqualTo(OpenAiApi.CHAT_COMPLETIONS);
			assertThat(template.config().openAiStore()).isFalse();
		});
	}

	@Test
	void bindsResponsesAndStoreAndNamedClientsInheritThem() {
		this.contextRunner
			.withPropertyValues("llm.base-url=http://localhost:1/v1", "llm.openai.api=responses", "llm.openai.store=true",
					"llm.clients.mini.model=gpt-5-mini", "llm.clients.chat.openai.api=chat-completions")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(context.getBean(LlmTemplate.class).config().openAiApi()).isEqualTo(OpenAiApi.RESPONSES);
				assertThat(templates.get("mini").config().openAiApi()).isEqualTo(OpenAiApi.RESPONSES);
				assertThat(templates.get("mini").config().openAiStore()).isTrue();
				assertThat(templates.get("chat").config().openAiApi()).isEqualTo(OpenAiApi.CHAT_COMPLETIONS);
			});
	}

	@Test
	void responsesOnAzureV1RouteStarts() {
		this.contextRunner
			.withPropertyValues("llm.provider=azure-openai", "llm.api-key=abc123",
					"llm.base-url=https://r.openai.azure.com/openai/v1", "llm.openai.api=responses")
			.run((context) -> assertThat(context.getBean(LlmTemplate.class).config().openAiApi())
				.isEqualTo(OpenAiApi.RESPONSES));
	}

	@Test
	void responsesOnAzureDeploymentsRouteFailsAtStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("llm.provider=azure-openai", "llm.api-key=abc123", "llm.base-url=https://r.openai.azure.com",
					"llm.clients.other.model=gpt-5", "llm.openai.api=responses")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("llm.openai.api").contains("deployments route");
				assertThat(analysis.getAction()).contains("/openai/v1").contains("chat-completions");
			});
	}

	@Test
	void unknownApiFailsAtStartup() {
		this.contextRunner.withPropertyValues("llm.base-url=http://localhost:1/v1", "llm.openai.api=assistants")
			.run((context) -> assertThat(context).hasFailed());
	}

}
