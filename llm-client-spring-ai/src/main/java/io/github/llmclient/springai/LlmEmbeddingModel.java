package io.github.llmclient.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * Spring AI's {@link EmbeddingModel} over an {@link LlmTemplate}: vector stores and RAG on top,
 * the starter's batching ({@code llm.embedding-batch-size}), retries, permits, budgets, fallback
 * and meters underneath. {@link #dimensions()} answers {@code llm.embedding-dimensions} without
 * a call when it is set (vector stores ask at start-up).
 */
public final class LlmEmbeddingModel implements EmbeddingModel {

	private final LlmTemplate template;

	/**
	 * A model.
	 * @param template the client every call goes to; its {@code llm.embedding-model} is the
	 * default model
	 */
	public LlmEmbeddingModel(LlmTemplate template) {
		this.template = Objects.requireNonNull(template, "template must not be null");
	}

	/**
	 * Embeds the request's texts: the options' model, or the client's {@code llm.embedding-model};
	 * the options' dimensions, when set, ask the provider for vectors of that length.
	 * @param request the texts and options
	 * @return one embedding per text, in order
	 * @throws io.github.llmclient.error.LlmException when the call fails after the starter's
	 * retries and fallback
	 */
	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		io.github.llmclient.embedding.EmbeddingRequest.Builder builder = io.github.llmclient.embedding.EmbeddingRequest
			.builder()
			.inputs(request.getInstructions());
		EmbeddingOptions options = request.getOptions();
		if (options != null && options.getModel() != null) {
			builder.model(options.getModel());
		}
		if (options != null && options.getDimensions() != null) {
			builder.dimensions(options.getDimensions());
		}
		// EmbeddingModel.call is a blocking API: waiting here is its contract
		io.github.llmclient.embedding.EmbeddingResponse answer = this.template.embed(builder.build()).block();
		Objects.requireNonNull(answer, "no answer");
		List<Embedding> embeddings = new ArrayList<>(answer.embeddings().size());
		for (int i = 0; i < answer.embeddings().size(); i++) {
			embeddings.add(new Embedding(answer.embeddings().get(i), i));
		}
		return new EmbeddingResponse(embeddings, metadata(answer.model(), answer.usage()));
	}

	private static EmbeddingResponseMetadata metadata(@Nullable String model, @Nullable Usage usage) {
		return new EmbeddingResponseMetadata((model != null) ? model : "",
				(usage != null) ? new DefaultUsage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens(), usage)
						: new DefaultUsage(0, 0));
	}

	@Override
	public float[] embed(Document document) {
		String text = getEmbeddingContent(document);
		if (text == null) {
			throw new IllegalArgumentException("Document " + document.getId() + " has no text to embed");
		}
		return embed(text);
	}

	/**
	 * The length of the vectors: {@code llm.embedding-dimensions} when set (no call), otherwise
	 * the length of one vector embedded now.
	 * @return the number of dimensions
	 */
	@Override
	public int dimensions() {
		Integer declared = this.template.config().embeddingDimensions();
		return (declared != null) ? declared : EmbeddingModel.super.dimensions();
	}

	/**
	 * The template this model calls.
	 * @return the client
	 */
	public LlmTemplate getTemplate() {
		return this.template;
	}

	@Override
	public String toString() {
		return "LlmEmbeddingModel[" + this.template.config().name() + "]";
	}

}
