package io.github.llmclient.embedding;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The embedding vectors of an {@link EmbeddingRequest}: one per input, in input order, however
 * many batch requests carried them. The arrays are handed over as read, not copied.
 *
 * @param embeddings one vector per input, in input order
 * @param model the model the server reported ({@code LlmTemplate} gives the model asked for
 * when the server reported none)
 * @param usage the tokens of the inputs ({@link Usage#inputTokens()}, summed over the batch
 * requests; no output tokens), or null when the server did not report them for every request
 */
public record EmbeddingResponse(List<float[]> embeddings, @Nullable String model, @Nullable Usage usage) {

	public EmbeddingResponse {
		Objects.requireNonNull(embeddings, "embeddings must not be null");
		embeddings = List.copyOf(embeddings);
	}

	/** Compares the vectors by their values, not by array identity. */
	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof EmbeddingResponse that) || this.embeddings.size() != that.embeddings.size()) {
			return false;
		}
		for (int i = 0; i < this.embeddings.size(); i++) {
			if (!Arrays.equals(this.embeddings.get(i), that.embeddings.get(i))) {
				return false;
			}
		}
		return Objects.equals(this.model, that.model) && Objects.equals(this.usage, that.usage);
	}

	@Override
	public int hashCode() {
		int hash = Objects.hash(this.model, this.usage);
		for (float[] vector : this.embeddings) {
			hash = 31 * hash + Arrays.hashCode(vector);
		}
		return hash;
	}

	/** Says how many vectors of which length, rather than printing them. */
	@Override
	public String toString() {
		String shape = this.embeddings.isEmpty() ? "0" : this.embeddings.size() + " x " + this.embeddings.get(0).length;
		return "EmbeddingResponse[embeddings=" + shape + ", model=" + this.model + ", usage=" + this.usage + "]";
	}

}
