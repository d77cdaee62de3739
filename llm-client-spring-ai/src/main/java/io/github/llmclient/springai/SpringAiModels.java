package io.github.llmclient.springai;

import io.github.llmclient.LlmTemplates;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;

/**
 * Makes the Spring AI models of the configured clients and groups: the factory of the
 * {@code <name>ChatModel} and {@code <name>EmbeddingModel} beans that {@link SpringAiModelsRegistrar}
 * defines (a factory method with the name as its argument, so that the definitions can be
 * processed ahead of time).
 */
final class SpringAiModels {

	private final LlmTemplates templates;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ChatModelObservationConvention observationConvention;

	SpringAiModels(LlmTemplates templates, ObservationRegistry observationRegistry,
			@Nullable ChatModelObservationConvention observationConvention) {
		this.templates = templates;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	LlmChatModel chatModel(String name) {
		LlmChatModel model = new LlmChatModel(this.templates.get(name),
				LlmChatModel.defaultOptions(this.templates.get(name)), this.observationRegistry);
		if (this.observationConvention != null) {
			model.setObservationConvention(this.observationConvention);
		}
		return model;
	}

	LlmEmbeddingModel embeddingModel(String name) {
		return new LlmEmbeddingModel(this.templates.get(name));
	}

}
