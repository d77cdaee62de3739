package io.github.llmclient.provider.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings through {@code POST /model/{id}/invoke}, in the model family's own body: Amazon Titan
 * text embeddings ({@code {inputText, dimensions?, normalize: true}} → {@code embedding}; one text
 * per request, which the client sends concurrently under its permits and joins in order) and
 * Cohere embed models ({@code {texts, input_type: "search_document"}} → {@code embeddings}, up to
 * {@value #COHERE_MAX_TEXTS} texts per request).
 */
final class BedrockEmbeddings {

	/** The most texts one Cohere embed request takes. */
	static final int COHERE_MAX_TEXTS = 96;

	enum Family {

		TITAN, COHERE

	}

	private final JsonMapper mapper;

	BedrockEmbeddings(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The family of a model id (inference profiles such as {@code us.cohere.embed-v4:0} included), or null. */
	static @Nullable Family familyOf(String model) {
		String id = model.toLowerCase(Locale.ROOT);
		if (id.contains("titan-embed")) {
			return Family.TITAN;
		}
		if (id.contains("cohere.embed")) {
			return Family.COHERE;
		}
		return null;
	}

	static int maxBatchSize(String model) {
		return (familyOf(model) == Family.COHERE) ? COHERE_MAX_TEXTS : 1;
	}

	byte[] write(EmbeddingRequest request, Family family) {
		ObjectNode body = this.mapper.createObjectNode();
		if (family == Family.TITAN) {
			if (request.inputs().size() != 1) {
				throw new IllegalArgumentException("A Titan embeddings request takes one text, not "
						+ request.inputs().size());
			}
			body.put("inputText", request.inputs().get(0));
			if (request.dimensions() != null) {
				body.put("dimensions", request.dimensions());
			}
			body.put("normalize", true);
		}
		else {
			ArrayNode texts = body.putArray("texts");
			request.inputs().forEach(texts::add);
			body.put("input_type", "search_document");
			if (request.dimensions() != null) {
				body.put("output_dimension", request.dimensions());
			}
		}
		return this.mapper.writeValueAsBytes(body);
	}

	/**
	 * Reads either family's answer by its shape: Titan's {@code embedding} (with
	 * {@code inputTextTokenCount}), Cohere's {@code embeddings} (a list of vectors, or an object
	 * whose {@code float} holds them).
	 */
	EmbeddingResponse read(byte[] body, int inputs) {
		JsonNode root = this.mapper.readTree(body);
		List<float[]> vectors = new ArrayList<>(inputs);
		Usage usage = null;
		if (root.has("embedding")) {
			vectors.add(vector(root.get("embedding")));
			if (root.has("inputTextTokenCount")) {
				int tokens = root.get("inputTextTokenCount").asInt();
				usage = new Usage(tokens, 0, tokens);
			}
		}
		else {
			JsonNode embeddings = root.path("embeddings");
			if (embeddings.isObject()) {
				embeddings = embeddings.path("float");
			}
			if (!embeddings.isArray()) {
				throw new IllegalStateException("neither embedding nor embeddings in the answer");
			}
			for (JsonNode vector : embeddings) {
				vectors.add(vector(vector));
			}
		}
		if (vectors.size() != inputs) {
			throw new IllegalStateException(vectors.size() + " vectors for " + inputs + " inputs");
		}
		return new EmbeddingResponse(vectors, null, usage);
	}

	private static float[] vector(JsonNode values) {
		if (!values.isArray()) {
			throw new IllegalStateException("an embedding is not an array of numbers");
		}
		float[] vector = new float[values.size()];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) values.get(i).asDouble();
		}
		return vector;
	}

}
