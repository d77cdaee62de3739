package io.github.llmclient.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Texts to turn into embedding vectors. Unset fields fall back to the client's configuration
 * ({@code llm.embedding-model}); a list longer than {@code llm.embedding-batch-size} is sent as
 * several requests and joined in input order.
 *
 * <pre class="code">
 * EmbeddingRequest request = EmbeddingRequest.builder()
 *     .model("text-embedding-3-small")
 *     .input("The quick brown fox")
 *     .input("jumps over the lazy dog")
 *     .dimensions(256)
 *     .build();
 * </pre>
 *
 * @param model the embedding model (Azure: the deployment), or null for
 * {@code llm.embedding-model}
 * @param inputs the texts, in order (may be empty: nothing is sent)
 * @param dimensions the length the vectors should have, for models that can shorten them
 * ({@code text-embedding-3-*}), or null for the model's own
 */
public record EmbeddingRequest(@Nullable String model, List<String> inputs, @Nullable Integer dimensions) {

	public EmbeddingRequest {
		Objects.requireNonNull(inputs, "inputs must not be null");
		for (int i = 0; i < inputs.size(); i++) {
			if (inputs.get(i) == null) {
				throw new IllegalArgumentException("Input " + i + " is null: every input must be a text");
			}
		}
		inputs = List.copyOf(inputs);
		if (dimensions != null && dimensions < 1) {
			throw new IllegalArgumentException("dimensions must be at least 1, was " + dimensions);
		}
	}

	/**
	 * A request for the given texts with the client's embedding model.
	 * @param inputs the texts
	 * @return the request
	 */
	public static EmbeddingRequest of(List<String> inputs) {
		return builder().inputs(inputs).build();
	}

	/**
	 * A builder for a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A copy of this request with the given model.
	 * @param model the model to use
	 * @return a copy with the model set
	 */
	public EmbeddingRequest withModel(@Nullable String model) {
		return new EmbeddingRequest(model, this.inputs, this.dimensions);
	}

	/**
	 * A copy of this request for some of its inputs (one batch).
	 * @param from the first input, inclusive
	 * @param to the last input, exclusive
	 * @return a copy holding {@code inputs().subList(from, to)}
	 */
	public EmbeddingRequest slice(int from, int to) {
		return new EmbeddingRequest(this.model, this.inputs.subList(from, to), this.dimensions);
	}

	/** Builds an {@link EmbeddingRequest}. Not thread-safe. */
	public static final class Builder {

		private @Nullable String model;

		private final List<String> inputs = new ArrayList<>();

		private @Nullable Integer dimensions;

		private Builder() {
		}

		/**
		 * Sets the embedding model (Azure: the deployment).
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(String model) {
			this.model = model;
			return this;
		}

		/**
		 * Adds one text.
		 * @param input the text
		 * @return this builder
		 */
		public Builder input(String input) {
			this.inputs.add(Objects.requireNonNull(input, "input must not be null"));
			return this;
		}

		/**
		 * Adds texts, in order, after any added before.
		 * @param inputs the texts
		 * @return this builder
		 */
		public Builder inputs(List<String> inputs) {
			Objects.requireNonNull(inputs, "inputs must not be null");
			inputs.forEach(this::input);
			return this;
		}

		/**
		 * Sets the length the vectors should have ({@code dimensions}), for models that can
		 * shorten them.
		 * @param dimensions at least 1
		 * @return this builder
		 */
		public Builder dimensions(int dimensions) {
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public EmbeddingRequest build() {
			return new EmbeddingRequest(this.model, this.inputs, this.dimensions);
		}

	}

}
