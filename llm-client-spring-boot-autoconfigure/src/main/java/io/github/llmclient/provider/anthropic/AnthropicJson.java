package io.github.llmclient.provider.anthropic;

import java.io.StringWriter;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Streaming-parser helpers shared by the response reader and the event reader. */
final class AnthropicJson {

	private AnthropicJson() {
	}

	static void expectObject(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new IllegalStateException("expected a JSON object");
		}
	}

	static @Nullable String stringOrNull(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

	static int intOr(JsonParser parser, JsonToken token, int fallback) {
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getIntValue();
		}
		parser.skipChildren();
		return fallback;
	}

	/**
	 * The object or array the parser is at, written compactly with its keys in order. Numbers
	 * keep the text the server wrote ({@code 1.50} stays {@code 1.50}, not a re-printed double),
	 * so a tool's arguments are what the model produced. The generator comes from the bare token
	 * factory: a mapper set to indent its output must not indent arguments. Anything else (a
	 * scalar, null) gives null.
	 */
	static @Nullable String compact(JsonMapper mapper, JsonParser parser, JsonToken token) {
		if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return null;
		}
		StringWriter out = new StringWriter(64);
		try (JsonGenerator generator = mapper.tokenStreamFactory().createGenerator(out)) {
			int depth = 0;
			JsonToken current = token;
			do {
				if (current.isStructStart()) {
					depth++;
				}
				else if (current.isStructEnd()) {
					depth--;
				}
				if (current.isNumeric()) {
					generator.writeNumber(parser.getString());
				}
				else {
					generator.copyCurrentEvent(parser);
				}
			}
			while (depth > 0 && (current = parser.nextToken()) != null);
		}
		return out.toString();
	}

	static @Nullable ProviderError readError(JsonMapper mapper, JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		// Not mapper.readTree(parser): it rejects the rest of the enclosing object as trailing tokens.
		JsonNode error = parser.readValueAsTree();
		return ErrorBodies.fromObject(mapper.createObjectNode().set("error", error));
	}

	/**
	 * Token counts of a {@code usage} object. Input tokens include cache reads and writes, which
	 * Anthropic counts apart from {@code input_tokens}, so that input means the whole prompt as
	 * with OpenAI; cache reads are also kept on their own.
	 */
	static final class Tokens {

		/** Input tokens (cache reads and writes included), or null when not reported. */
		@Nullable Integer input;

		/** Output tokens, or null when not reported. */
		@Nullable Integer output;

		/** {@code cache_read_input_tokens}, or null when not reported. */
		@Nullable Integer cacheRead;

		/** {@code cache_creation_input_tokens}, or null when not reported. */
		@Nullable Integer cacheWrite;

		void read(JsonParser parser, JsonToken token) {
			if (token != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (value != JsonToken.VALUE_NUMBER_INT) {
					parser.skipChildren();
					continue;
				}
				int count = parser.getIntValue();
				switch (name) {
					case "input_tokens" -> addInput(count);
					case "cache_creation_input_tokens" -> {
						addInput(count);
						this.cacheWrite = count;
					}
					case "cache_read_input_tokens" -> {
						addInput(count);
						this.cacheRead = count;
					}
					case "output_tokens" -> this.output = count;
					default -> {
					}
				}
			}
		}

		private void addInput(int count) {
			this.input = ((this.input != null) ? this.input : 0) + count;
		}

		boolean reported() {
			return this.input != null || this.output != null;
		}

		@Nullable Usage usage() {
			return reported() ? usage(this.input, this.output, this.cacheRead, this.cacheWrite) : null;
		}

		static Usage usage(@Nullable Integer input, @Nullable Integer output, @Nullable Integer cacheRead,
				@Nullable Integer cacheWrite) {
			int in = (input != null) ? input : 0;
			int out = (output != null) ? output : 0;
			return new Usage(in, out, in + out, (cacheRead != null) ? cacheRead : 0, 0,
					(cacheWrite != null) ? cacheWrite : 0);
		}

	}

}
