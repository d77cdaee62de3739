package io.github.llmclient.springai;

import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LlmSpringAiAutoConfiguration}: the models per client and group, the switch, backing off. */
class SpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmSpringAiAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2");

	@Test
	void oneChatModelPerClientAndGroupTheDefaultsPrimary() {
		this.contextRunner
			.withPropertyValues("llm.clients.east.base-url=http://east.example.com/v1", "llm.clients.east.model=east-1",
					"llm.clients.west.base-url=http://west.example.com/v1", "llm.groups.pool.clients=east,west")
			.withUserConfiguration(Injection.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(LlmChatModel.class)).containsOnlyKeys("defaultChatModel",
						"eastChatModel", "westChatModel", "poolChatModel");
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("defaultChatModel"));
				assertThat(((LlmChatModel) context.getBean(ChatModel.class)).getTemplate())
					.isSameAs(templates.get("default"));
				assertThat(context.getBean("poolChatModel", LlmChatModel.class).getTemplate())
					.isSameAs(templates.get("pool"));
				LlmChatModel east = context.getBean(Injection.class).east;
				assertThat(east.getTemplate()).isSameAs(templates.get("east"));
				assertThat(east.getOptions().getModel()).isEqualTo("east-1");
				// no embedding model configured anywhere: no embedding model bean
				assertThat(context).doesNotHaveBean(EmbeddingModel.class);
			});
	}

	@Test
	void oneEmbeddingModelPerClientWithAnEmbeddingModelOwnOrInherited() {
		this.contextRunner
			.withPropertyValues("llm.clients.east.base-url=http://east.example.com/v1",
					"llm.clients.west.base-url=http://west.example.com/v1",
					"llm.clients.west.embedding-model=nomic-embed-text")
			.run((context) -> {
				assertThat(context.getBeansOfType(LlmEmbeddingModel.class)).containsOnlyKeys("westEmbeddingModel");
			});
		this.contextRunner
			.withPropertyValues("llm.embedding-model=text-embedding-3-small",
					"llm.clients.east.base-url=http://east.example.com/v1")
			.run((context) -> {
				assertThat(context.getBeansOfType(LlmEmbeddingModel.class)).containsOnlyKeys("defaultEmbeddingModel",
						"eastEmbeddingModel");
				assertThat(context.getBean(EmbeddingModel.class)).isSameAs(context.getBean("defaultEmbeddingModel"));
			});
	}

	@Test
	void anotherValueOfTheModelPropertiesTurnsThemOff() {
		this.contextRunner
			.withPropertyValues("llm.embedding-model=text-embedding-3-small", "spring.ai.model.chat=openai",
					"spring.ai.model.embedding=none")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ChatModel.class);
				assertThat(context).doesNotHaveBean(EmbeddingModel.class);
				assertThat(context).hasSingleBean(LlmTemplates.class);
			});
		this.contextRunner
			.withPropertyValues("llm.embedding-model=text-embedding-3-small", "spring.ai.model.chat=llm-client",
					"spring.ai.model.embedding=openai")
			.run((context) -> {
				assertThat(context).hasSingleBean(LlmChatModel.class);
				assertThat(context).doesNotHaveBean(EmbeddingModel.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnChatModel() {
		this.contextRunner.withPropertyValues("llm.clients.east.base-url=http://east.example.com/v1")
			.withUserConfiguration(OwnChatModel.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatModel.class);
				assertThat(context).doesNotHaveBean(LlmChatModel.class);
				assertThat(context.getBean(ChatModel.class)).isSameAs(context.getBean("myChatModel"));
			});
	}

	@Test
	void aBeanOfTheApplicationUnderOneOfTheNamesIsLeftAlone() {
		this.contextRunner.withPropertyValues("llm.embedding-model=text-embedding-3-small")
			.withUserConfiguration(OwnDefaultEmbeddingModel.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EmbeddingModel.class);
				assertThat(context.getBean("defaultEmbeddingModel")).isNotInstanceOf(LlmEmbeddingModel.class);
				assertThat(context).hasSingleBean(LlmChatModel.class);
			});
	}

	@Test
	void withoutSpringAiOnTheClasspathTheStarterRunsAlone() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.withPropertyValues("llm.embedding-model=text-embedding-3-small")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(LlmTemplates.class);
				assertThat(context).doesNotHaveBean(LlmChatModel.class);
				assertThat(context).doesNotHaveBean(LlmEmbeddingModel.class);
			});
	}

	@Test
	void askingForTheModelsWithoutSpringAiFailsNamingTheArtifact() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmSpringAiAutoConfiguration.class,
					SpringAiMissingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.withPropertyValues("llm.base-url=http://localhost:11434/v1", "spring.ai.model.chat=llm-client")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(io.github.llmclient.autoconfigure.LlmConfigurationException.class)
					.hasMessageContaining("spring.ai.model.chat")
					.hasMessageContaining("spring-ai-client-chat");
			});
	}

	@Test
	void aBadDeclaredDimensionFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("llm.clients.east.base-url=http://east.example.com/v1",
				"llm.clients.east.embedding-model=e", "llm.clients.east.embedding-dimensions=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("llm.clients.east.embedding-dimensions");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Injection {

		final LlmChatModel east;

		Injection(@Qualifier("east") LlmChatModel east) {
			this.east = east;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChatModel {

		@Bean
		ChatModel myChatModel() {
			return new ChatModel() {

				@Override
				public ChatResponse call(Prompt prompt) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Flux<ChatResponse> stream(Prompt prompt) {
					return Flux.empty();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDefaultEmbeddingModel {

		@Bean
		EmbeddingModel defaultEmbeddingModel() {
			return new EmbeddingModel() {

				@Override
				public org.springframework.ai.embedding.EmbeddingResponse call(
						org.springframework.ai.embedding.EmbeddingRequest request) {
					throw new UnsupportedOperationException();
				}

				@Override
				public float[] embed(org.springframework.ai.document.Document document) {
					return new float[] { 1 };
				}

			};
		}

	}

}
