package io.github.llmclient.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings on Google's two APIs. Gemini: {@code batchEmbedContents} with one request per input
 * ({@code {requests: [{model: "models/{m}", content: {parts: [{text}]}, outputDimensionality?}]}}
 * → {@code embeddings[].values}, at most {@value #GEMINI_MAX_BATCH} per call, no token counts).
 * Vertex AI: {@code :predict} ({@code {instances: [{content}], parameters: {outputDimensionality}}}
 * → {@code predictions[].embeddings.values}, tokens in {@code statistics.token_count}).
 */
final class GeminiEmbeddings {

	/** The most requests {@code batchEmbedContents} takes in one call. */
	static final int GEMINI_MAX_BATCH = 100;

	private final JsonMapper mapper;

	GeminiEmbeddings(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] writeGemini(EmbeddingRequest request, String model) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode requests = body.putArray("requests");
		for (String input : request.inputs()) {
			ObjectNode one = requests.addObject().put("model", "models/" + model);
			one.putObject("content").putArray("parts").addObject().put("text", input);
			if (request.dimensions() != null) {
				one.put("outputDimensionality", request.dimensions());
			}
		}
		return this.mapper.writeValueAsBytes(body);
	}

	byte[] writeVertex(EmbeddingRequest request) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode instances = body.putArray("instances");
		request.inputs().forEach((input) -> instances.addObject().put("content", input));
		if (request.dimensions() != null) {
			body.putObject("parameters").put("outputDimensionality", request.dimensions());
		}
		return this.mapper.writeValueAsBytes(body);
	}

	EmbeddingResponse read(byte[] body, int inputs) {
		JsonNode root = this.mapper.readTree(body);
		List<float[]> vectors = new ArrayList<>(inputs);
		Usage usage = null;
		if (root.has("predictions")) {
			int tokens = 0;
			boolean counted = true;
			for (JsonNode prediction : root.path("predictions")) {
				JsonNode embeddings = prediction.path("embeddings");
				vectors.add(floats(embeddings.path("values")));
				JsonNode count = embeddings.path("statistics").path("token_count");
				counted &= count.isNumber();
				tokens += count.asInt(0);
			}
			usage = counted ? Usage.of(tokens, 0) : null;
		}
		else {
			for (JsonNode embedding : root.path("embeddings")) {
				vectors.add(floats(embedding.path("values")));
			}
		}
		if (vectors.size() != inputs) {
			throw new IllegalStateException("expected " + inputs + " embeddings, got " + vectors.size());
		}
		return new EmbeddingResponse(vectors, null, usage);
	}

	private static float[] floats(JsonNode values) {
		if (!values.isArray() || values.isEmpty()) {
			throw new IllegalStateException("an embedding has no values");
		}
		float[] vector = new float[values.size()];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = values.get(i).floatValue();
		}
		return vector;
	}

}
