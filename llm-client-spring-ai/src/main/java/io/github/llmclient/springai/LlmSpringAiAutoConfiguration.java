package io.github.llmclient.springai;

import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import io.github.llmclient.metrics.LlmMetricNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Spring AI models over the configured clients (SPEC §21): an {@link LlmChatModel} per client and
 * group ({@code <name>ChatModel}, the default client's {@code @Primary}) while
 * {@code spring.ai.model.chat} is {@code llm-client} or unset, and an {@link LlmEmbeddingModel}
 * per client with an embedding model ({@code <name>EmbeddingModel}) while
 * {@code spring.ai.model.embedding} is. The chat models all back off when the application
 * defines a {@link ChatModel} of its own, the embedding models when it defines an
 * {@link EmbeddingModel}; a bean of the application's under one of the names replaces that one.
 */
@AutoConfiguration(after = LlmAutoConfiguration.class)
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBean(LlmTemplates.class)
public final class LlmSpringAiAutoConfiguration {

	/** The value of {@code spring.ai.model.chat} and {@code spring.ai.model.embedding} that selects these models. */
	public static final String MODEL_PROPERTY_VALUE = "llm-client";

	@Bean(SpringAiModelsRegistrar.FACTORY)
	@ConditionalOnMissingBean(name = SpringAiModelsRegistrar.FACTORY)
	SpringAiModels llmSpringAiModels(LlmTemplates templates, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		return new SpringAiModels(templates, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				observationConvention.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = MODEL_PROPERTY_VALUE, matchIfMissing = true)
	@ConditionalOnMissingBean(ChatModel.class)
	@Import(SpringAiModelsRegistrar.Chat.class)
	static class ChatModels {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "spring.ai.model.embedding", havingValue = MODEL_PROPERTY_VALUE,
			matchIfMissing = true)
	@ConditionalOnMissingBean(EmbeddingModel.class)
	@Import(SpringAiModelsRegistrar.Embedding.class)
	static class EmbeddingModels {

	}

	/**
	 * Counts each call's tokens once. The starter records them in its
	 * {@code gen_ai.client.token.usage} summary; Spring AI's {@code ChatModelMeterObservationHandler}
	 * would count the same tokens again in a counter of the same name (a clash of meter types
	 * besides). This filter denies that counter for the calls of an {@link LlmChatModel}, which
	 * its observation tags {@value LlmChatModel#CLIENT_KEY}; other Spring AI models keep theirs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
	static class TokenMeterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "llmSpringAiTokenCounterFilter")
		static MeterFilter llmSpringAiTokenCounterFilter() {
			return MeterFilter.deny((id) -> id.getType() == Meter.Type.COUNTER
					&& LlmMetricNames.TOKEN_USAGE.equals(id.getName()) && id.getTag(LlmChatModel.CLIENT_KEY) != null);
		}

	}

}
