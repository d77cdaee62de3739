package io.github.llmclient.provider.bedrock;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * The hot path of a ConverseStream: reads the text of a {@code contentBlockDelta} whose delta is
 * only {@code {"text": ...}} with Jackson's streaming parser, without building a tree (which cost
 * half the stream's throughput: S8 in BENCHMARKS.md). Any other delta (tool input, reasoning, a
 * shape it does not expect) answers null, and the mapper reads the payload as a tree.
 */
final class BedrockTextDelta {

	/** Buffers recycled per thread: a stream's events are mapped on its event loop. */
	private static final JsonFactory FACTORY = JsonFactory.builder()
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.build();

	private BedrockTextDelta() {
	}

	/**
	 * The text of a text delta.
	 * @param data holds the payload
	 * @param offset where it starts
	 * @param length how many bytes it has
	 * @return the text, or null when the payload is not a plain text delta
	 * @throws tools.jackson.core.JacksonException when the payload is not JSON
	 */
	static @Nullable String text(byte[] data, int offset, int length) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), data, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String text = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				boolean delta = "delta".equals(parser.currentName());
				JsonToken value = parser.nextToken();
				if (!delta) {
					parser.skipChildren();
					continue;
				}
				if (value != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.PROPERTY_NAME
						|| !"text".equals(parser.currentName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
					return null;
				}
				text = parser.getString();
				if (parser.nextToken() != JsonToken.END_OBJECT) {
					return null;
				}
			}
			return text;
		}
	}

}
