package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.provider.json.JsonFloats;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;

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

	/**
	 * The length of the vectors last read, the first vector's expected length in the next body (a
	 * hint only: read and written without synchronisation, any value is safe).
	 */
	private int lastDimensions;

	GeminiEmbeddings(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The {@code batchEmbedContents} body, written straight to bytes (a tree of a hundred requests
	 * cost more than the writing).
	 */
	byte[] writeGemini(EmbeddingRequest request, String model) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 128 * request.inputs().size());
		String name = "models/" + model;
		Integer dimensions = request.dimensions();
		try (JsonGenerator generator = this.mapper.tokenStreamFactory().createGenerator(out)) {
			generator.writeStartObject();
			generator.writeArrayPropertyStart("requests");
			for (String input : request.inputs()) {
				generator.writeStartObject();
				generator.writeStringProperty("model", name);
				generator.writeObjectPropertyStart("content");
				generator.writeArrayPropertyStart("parts");
				generator.writeStartObject();
				generator.writeStringProperty("text", input);
				generator.writeEndObject();
				generator.writeEndArray();
				generator.writeEndObject();
				if (dimensions != null) {
					generator.writeNumberProperty("outputDimensionality", dimensions);
				}
				generator.writeEndObject();
			}
			generator.writeEndArray();
			generator.writeEndObject();
		}
		return out.toByteArray();
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

	/**
	 * Reads a response from the network's buffers: the usual Gemini body in one pass through a
	 * small window ({@link JsonFloats.Cursor}), anything else from a copy, as
	 * {@link #read(byte[], int)} does.
	 */
	EmbeddingResponse read(DataBuffer body, int inputs) {
		int start = body.readPosition();
		List<float[]> scanned = scanGemini(new JsonFloats.Cursor(body), inputs);
		if (scanned != null) {
			return new EmbeddingResponse(scanned, null, null);
		}
		body.readPosition(start);
		byte[] bytes = new byte[body.readableByteCount()];
		body.read(bytes);
		return read(bytes, inputs);
	}

	EmbeddingResponse read(byte[] body, int inputs) {
		if (startsWithEmbeddings(body)) {
			List<float[]> scanned = scanGemini(new JsonFloats.Cursor(body), inputs);
			return (scanned != null) ? new EmbeddingResponse(scanned, null, null) : readGemini(body, inputs);
		}
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

	private static final byte[] EMBEDDINGS_KEY = "\"embeddings\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] VALUES_KEY = "\"values\"".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The usual body, {@code {"embeddings": [{"values": [n, …]}, …]}} with exactly one vector per
	 * input and nothing else, read from its bytes in one pass ({@link JsonFloats.Cursor}); null
	 * (then Jackson reads it, and reports what is wrong) for anything else.
	 */
	private @Nullable List<float[]> scanGemini(JsonFloats.Cursor cursor, int inputs) {
		if (!cursor.skip('{') || !cursor.skip(EMBEDDINGS_KEY) || !cursor.skip(':') || !cursor.skip('[')) {
			return null;
		}
		List<float[]> vectors = new ArrayList<>(inputs);
		int hint = this.lastDimensions;
		do {
			if (!cursor.skip('{') || !cursor.skip(VALUES_KEY) || !cursor.skip(':')) {
				return null;
			}
			float[] vector = cursor.floatArray(hint);
			if (vector == null || !cursor.skip('}')) {
				return null;
			}
			hint = vector.length;
			vectors.add(vector);
		}
		while (cursor.skip(','));
		if (!cursor.skip(']') || !cursor.skip('}') || !cursor.atEnd() || vectors.size() != inputs) {
			return null;
		}
		this.lastDimensions = hint;
		return vectors;
	}

	/**
	 * Whether the body's first key is Gemini's {@code "embeddings"}: then it is read by the fast
	 * path; anything else (Vertex's {@code predictions}, or keys in another order) by the tree.
	 */
	private static boolean startsWithEmbeddings(byte[] body) {
		for (int i = 0; i < body.length; i++) {
			if (body[i] == '"') {
				return Arrays.equals(body, i, Math.min(body.length, i + EMBEDDINGS_KEY.length), EMBEDDINGS_KEY, 0,
						EMBEDDINGS_KEY.length);
			}
		}
		return false;
	}

	/**
	 * Reads Gemini's {@code {"embeddings": [{"values": [...]}, ...]}} with Jackson's streaming
	 * parser straight into primitive arrays: a tree would hold a node per number (tens of KB per
	 * vector), several times slower than the bytes need.
	 */
	private EmbeddingResponse readGemini(byte[] body, int inputs) {
		List<float[]> vectors = null;
		try (JsonParser parser = this.mapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("the body is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("embeddings".equals(name) && value == JsonToken.START_ARRAY) {
					vectors = readVectors(parser, inputs);
				}
				else {
					parser.skipChildren();
				}
			}
		}
		if (vectors == null) {
			throw new IllegalStateException("the body has no embeddings array, so it is not an embeddings response");
		}
		if (vectors.size() != inputs) {
			throw new IllegalStateException("expected " + inputs + " embeddings, got " + vectors.size());
		}
		return new EmbeddingResponse(vectors, null, null);
	}

	private static List<float[]> readVectors(JsonParser parser, int inputs) {
		List<float[]> vectors = new ArrayList<>(inputs);
		int hint = 0;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			float[] vector = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("values".equals(name) && value == JsonToken.START_ARRAY) {
					vector = JsonFloats.read(parser, hint, "embeddings[" + vectors.size() + "].values");
				}
				else {
					parser.skipChildren();
				}
			}
			if (vector == null || vector.length == 0) {
				throw new IllegalStateException("an embedding has no values");
			}
			hint = vector.length;
			vectors.add(vector);
		}
		if (parser.currentToken() != JsonToken.END_ARRAY) {
			throw new IllegalStateException("its embeddings hold something other than embedding objects");
		}
		return vectors;
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
