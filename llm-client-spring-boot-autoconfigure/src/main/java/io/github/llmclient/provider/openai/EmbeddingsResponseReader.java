package io.github.llmclient.provider.openai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.json.JsonFloats;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Reads a {@code /embeddings} response with Jackson's streaming parser, straight from bytes: each
 * {@code data[i].embedding} as base64 text (little-endian float32, decoded by
 * {@link Base64Floats}) or as a JSON array of numbers (servers that ignore
 * {@code encoding_format}), placed by its {@code index}. A response that does not hold exactly one
 * vector per input, each with its own index, is refused: never a short or shuffled list.
 */
final class EmbeddingsResponseReader {

	private final JsonMapper mapper;

	EmbeddingsResponseReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Reads the response to a request of the given number of inputs.
	 * @param body the response body
	 * @param inputs how many texts the request held
	 * @return the vectors in input order, the reported model and usage
	 * @throws RuntimeException when the body is not such a response
	 */
	EmbeddingResponse read(byte[] body, int inputs) {
		return read(this.mapper.createParser(body), () -> body, inputs);
	}

	/**
	 * Reads the response from the network's buffers, in place (a batch of 512 base64 vectors is
	 * 4 MB: copied into one array, the collector would allocate it as a humongous object).
	 * @param body the response body, from its read position
	 * @param inputs how many texts the request held
	 * @return the vectors in input order, the reported model and usage
	 * @throws RuntimeException when the body is not such a response
	 */
	EmbeddingResponse read(DataBuffer body, int inputs) {
		int start = body.readPosition();
		return read(this.mapper.createParser(body.asInputStream()), () -> {
			body.readPosition(start);
			byte[] bytes = new byte[body.readableByteCount()];
			body.read(bytes);
			return bytes;
		}, inputs);
	}

	/**
	 * @param whole the whole body, for the rare error object in a 2xx body
	 */
	private EmbeddingResponse read(JsonParser created, Supplier<byte[]> whole, int inputs) {
		List<Item> items = null;
		String model = null;
		Usage usage = null;
		try (JsonParser parser = created) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("the body is not a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "data" -> items = readData(parser, value, inputs);
					case "model" -> model = (value == JsonToken.VALUE_STRING) ? parser.getString() : skip(parser);
					case "usage" -> usage = readUsage(parser, value);
					case "error" -> throw error(whole.get());
					default -> parser.skipChildren();
				}
			}
		}
		if (items == null) {
			throw new IllegalStateException("the body has no data array, so it is not an embeddings response");
		}
		return new EmbeddingResponse(inOrder(items, inputs), model, usage);
	}

	private static List<Item> readData(JsonParser parser, JsonToken token, int inputs) {
		if (token != JsonToken.START_ARRAY) {
			throw new IllegalStateException("its data is not an array");
		}
		List<Item> items = new ArrayList<>(inputs);
		int hint = 0;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			int position = items.size();
			int index = -1;
			float[] vector = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "index" -> index = readIndex(parser, value, position);
					case "embedding" -> vector = readVector(parser, value, position, hint);
					default -> parser.skipChildren();
				}
			}
			if (vector == null) {
				throw new IllegalStateException("data[" + position + "] has no embedding");
			}
			if (index < 0) {
				throw new IllegalStateException("data[" + position + "] has no index");
			}
			hint = vector.length;
			items.add(new Item(index, vector));
		}
		if (parser.currentToken() != JsonToken.END_ARRAY) {
			throw new IllegalStateException("its data holds something other than embedding objects");
		}
		return items;
	}

	private static int readIndex(JsonParser parser, JsonToken token, int position) {
		if (token != JsonToken.VALUE_NUMBER_INT) {
			throw new IllegalStateException("the index of data[" + position + "] is not an integer");
		}
		return parser.getIntValue();
	}

	private static float[] readVector(JsonParser parser, JsonToken token, int position, int hint) {
		float[] vector;
		if (token == JsonToken.VALUE_STRING) {
			try {
				vector = Base64Floats.decode(parser.getStringCharacters(), parser.getStringOffset(),
						parser.getStringLength());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("the embedding of data[" + position + "] is not base64 float32: "
						+ ex.getMessage(), ex);
			}
		}
		else if (token == JsonToken.START_ARRAY) {
			vector = JsonFloats.read(parser, hint, "the embedding of data[" + position + "]");
		}
		else {
			throw new IllegalStateException(
					"the embedding of data[" + position + "] is neither base64 text nor an array of numbers");
		}
		if (vector.length == 0) {
			throw new IllegalStateException("the embedding of data[" + position + "] is empty");
		}
		return vector;
	}

	private static @Nullable Usage readUsage(JsonParser parser, JsonToken token) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return null;
		}
		int prompt = -1;
		int total = -1;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value == JsonToken.VALUE_NUMBER_INT && "prompt_tokens".equals(name)) {
				prompt = parser.getIntValue();
			}
			else if (value == JsonToken.VALUE_NUMBER_INT && "total_tokens".equals(name)) {
				total = parser.getIntValue();
			}
			else {
				parser.skipChildren();
			}
		}
		// Some compatible servers report only the total, which for embeddings is the input.
		int input = (prompt >= 0) ? prompt : total;
		return (input >= 0) ? new Usage(input, 0, (total >= 0) ? total : input) : null;
	}

	/** An error object in a 2xx body (some proxies): said as the server said it. */
	private IllegalStateException error(byte[] body) {
		ProviderError error = ErrorBodies.read(this.mapper, body);
		return new IllegalStateException("the response holds an error"
				+ ((error.type() != null) ? " (" + error.type() + ")" : "")
				+ ((error.message() != null) ? ": " + error.message() : ""));
	}

	private static List<float[]> inOrder(List<Item> items, int inputs) {
		if (items.size() != inputs) {
			throw new IllegalStateException(
					"the response holds " + items.size() + " embeddings for " + inputs + " inputs");
		}
		float[][] vectors = new float[inputs][];
		for (Item item : items) {
			if (item.index >= inputs) {
				throw new IllegalStateException(
						"an embedding has index " + item.index + ", outside the " + inputs + " inputs");
			}
			if (vectors[item.index] != null) {
				throw new IllegalStateException("two embeddings have index " + item.index);
			}
			vectors[item.index] = item.vector;
		}
		return Arrays.asList(vectors);
	}

	private static @Nullable String skip(JsonParser parser) {
		parser.skipChildren();
		return null;
	}

	/** One {@code data} element: where it belongs and its vector. */
	private record Item(int index, float[] vector) {
	}

}
