package io.github.llmclient.provider.openai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.Named;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code chat.completion} or {@code chat.completion.chunk} with Jackson's streaming parser,
 * straight from bytes into the few fields the client uses and skipping the rest: the general path,
 * and the one for whatever {@link ChunkScanner} leaves (malformed input, error objects, unusual
 * JSON). Unknown fields are passed over, never an error.
 */
final class JacksonChunkReader {

	private static final int END = PropertyNameMatcher.MATCH_END_OBJECT;

	private final JsonMapper mapper;

	private final ObjectReader subtreeReader;

	/** Writes the rare tool-call arguments sent as a JSON value rather than text, compactly. */
	private final ObjectWriter compactWriter;

	/**
	 * The mapper's own factory, but recycling its buffers per thread (chunks are parsed on the few
	 * event-loop threads) rather than through the default shared deque, whose take and return
	 * showed in profiles of the per-chunk parse.
	 */
	private final TokenStreamFactory factory;

	// Names we skip are matched too: an unmatched name costs a symbol-table lookup. The fields we
	// read come first, in the order of the constants below.

	private final PropertyNameMatcher rootNames;

	private final PropertyNameMatcher choiceNames;

	private final PropertyNameMatcher messageNames;

	private final PropertyNameMatcher toolCallNames;

	private final PropertyNameMatcher functionNames;

	private final PropertyNameMatcher usageNames;

	private final PropertyNameMatcher cachedNames;

	private final PropertyNameMatcher reasoningTokenNames;

	JacksonChunkReader(JsonMapper mapper) {
		this.mapper = mapper;
		this.subtreeReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.compactWriter = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		this.factory = (factory instanceof JsonFactory json)
				? json.rebuild().recyclerPool(JsonRecyclerPools.threadLocalPool()).build() : factory;
		this.rootNames = names("id", "model", "choices", "usage", "error", "object", "created", "system_fingerprint",
				"service_tier", "obfuscation");
		this.choiceNames = names("index", "finish_reason", "message", "delta", "logprobs");
		this.messageNames = names("content", "tool_calls", "reasoning_content", "reasoning", "role", "refusal");
		this.toolCallNames = names("index", "id", "function", "type");
		this.functionNames = names("name", "arguments");
		this.usageNames = names("prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
				"completion_tokens_details");
		this.cachedNames = names("cached_tokens", "audio_tokens");
		this.reasoningTokenNames = names("reasoning_tokens", "audio_tokens", "accepted_prediction_tokens",
				"rejected_prediction_tokens");
	}

	/** Matches property names from the parser's bytes, so the fields we read need no lookup or string. */
	private PropertyNameMatcher names(String... names) {
		return this.factory.constructNameMatcher(Arrays.stream(names).map(Named::fromString).toList(), true);
	}

	/** The factory that parses: {@link OpenAiWireFormat} compares its limits with the scanner's. */
	TokenStreamFactory factory() {
		return this.factory;
	}

	ParsedCompletion read(byte[] bytes, int offset, int length, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		ParsedCompletion parsed = new ParsedCompletion();
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("expected a JSON object");
			}
			for (int field = nextField(parser, this.rootNames); field != END; field = nextField(parser, this.rootNames)) {
				JsonToken value = parser.nextToken();
				switch (field) {
					case 0 -> parsed.id = stringOrKnown(parser, value, knownId);
					case 1 -> parsed.model = stringOrKnown(parser, value, knownModel);
					case 2 -> readChoices(parser, value, delta, parsed);
					case 3 -> parsed.usage = readUsage(parser, value);
					case 4 -> parsed.error = readError(parser, value);
					default -> parser.skipChildren();
				}
			}
		}
		return parsed;
	}

	private void readChoices(JsonParser parser, JsonToken token, boolean delta, ParsedCompletion parsed) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		int messageField = delta ? 3 : 2;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			int index = 0;
			String finishReason = null;
			Message message = null;
			for (int field = nextField(parser, this.choiceNames); field != END; field = nextField(parser, this.choiceNames)) {
				JsonToken value = parser.nextToken();
				if (field == 0 && value == JsonToken.VALUE_NUMBER_INT) {
					index = parser.getIntValue();
				}
				else if (field == 1) {
					finishReason = stringOrNull(parser, value);
				}
				else if (field == messageField && value == JsonToken.START_OBJECT) {
					// a later delta replaces an earlier one whole
					message = readMessage(parser);
				}
				else {
					parser.skipChildren();
				}
			}
			// Only the first choice is read: requests ask for one (n defaults to 1).
			if (index == 0) {
				if (message != null) {
					parsed.content = ParsedCompletion.content(message.content, message.refusal);
					parsed.reasoning = ParsedCompletion.reasoning(message.reasoningContent, message.reasoning);
					parsed.toolCalls = message.toolCalls;
				}
				else {
					parsed.content = null;
					parsed.reasoning = null;
					parsed.toolCalls = List.of();
				}
				parsed.finishReason = finishReason;
				parsed.hasChoice = true;
			}
		}
	}

	private Message readMessage(JsonParser parser) {
		Message message = new Message();
		for (int field = nextField(parser, this.messageNames); field != END; field = nextField(parser, this.messageNames)) {
			JsonToken value = parser.nextToken();
			switch (field) {
				case 0 -> message.content = stringOrNull(parser, value);
				case 1 -> message.toolCalls = readToolCalls(parser, value);
				case 2 -> message.reasoningContent = stringOrNull(parser, value);
				case 3 -> message.reasoning = stringOrNull(parser, value);
				case 5 -> message.refusal = stringOrNull(parser, value);
				default -> parser.skipChildren();
			}
		}
		return message;
	}

	private List<ToolCallDelta> readToolCalls(JsonParser parser, JsonToken token) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return List.of();
		}
		List<ToolCallDelta> calls = new ArrayList<>(2);
		int position = 0;
		for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
			if (element == null) {
				throw new IllegalStateException("the tool_calls array does not end");
			}
			if (element == JsonToken.START_OBJECT) {
				calls.add(readToolCall(parser, position));
			}
			else {
				parser.skipChildren();
			}
			position++;
		}
		return List.copyOf(calls);
	}

	private ToolCallDelta readToolCall(JsonParser parser, int position) {
		int index = -1;
		String id = null;
		String name = null;
		String arguments = null;
		for (int field = nextField(parser, this.toolCallNames); field != END; field = nextField(parser, this.toolCallNames)) {
			JsonToken value = parser.nextToken();
			if (field == 0 && value == JsonToken.VALUE_NUMBER_INT) {
				index = parser.getIntValue();
			}
			else if (field == 1) {
				id = stringOrNull(parser, value);
			}
			else if (field == 2) {
				// a later function object replaces an earlier one whole
				name = null;
				arguments = null;
				if (value == JsonToken.START_OBJECT) {
					for (int part = nextField(parser, this.functionNames); part != END; part = nextField(parser,
							this.functionNames)) {
						JsonToken partValue = parser.nextToken();
						if (part == 0) {
							name = stringOrNull(parser, partValue);
						}
						else if (part == 1) {
							arguments = readArguments(parser, partValue);
						}
						else {
							parser.skipChildren();
						}
					}
				}
				else {
					parser.skipChildren();
				}
			}
			else {
				parser.skipChildren();
			}
		}
		// A missing (or negative) index: the call's position in its array, as SDKs do for servers
		// that omit it.
		return new ToolCallDelta((index >= 0) ? index : position, id, name, (arguments != null) ? arguments : "");
	}

	/** Arguments are JSON text in a string; a server that sends the JSON value itself gets it written back. */
	private @Nullable String readArguments(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		JsonNode value = this.subtreeReader.readTree(parser);
		return this.compactWriter.writeValueAsString(value);
	}

	private @Nullable Usage readUsage(JsonParser parser, JsonToken token) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return null;
		}
		int input = 0;
		int output = 0;
		int total = -1;
		int cached = 0;
		int reasoningTokens = 0;
		for (int field = nextField(parser, this.usageNames); field != END; field = nextField(parser, this.usageNames)) {
			JsonToken value = parser.nextToken();
			if (field == 3) {
				cached = readDetail(parser, value, this.cachedNames, cached);
			}
			else if (field == 4) {
				reasoningTokens = readDetail(parser, value, this.reasoningTokenNames, reasoningTokens);
			}
			else if (value != JsonToken.VALUE_NUMBER_INT) {
				parser.skipChildren();
			}
			else if (field == 0) {
				input = parser.getIntValue();
			}
			else if (field == 1) {
				output = parser.getIntValue();
			}
			else if (field == 2) {
				total = parser.getIntValue();
			}
		}
		return new Usage(input, output, (total >= 0) ? total : input + output, cached, reasoningTokens);
	}

	/** The first name of {@code names} in a details object; {@code current} stays when it is not there. */
	private static int readDetail(JsonParser parser, JsonToken token, PropertyNameMatcher names, int current) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return current;
		}
		int result = current;
		for (int field = nextField(parser, names); field != END; field = nextField(parser, names)) {
			JsonToken value = parser.nextToken();
			if (field == 0 && value == JsonToken.VALUE_NUMBER_INT) {
				result = parser.getIntValue();
			}
			else {
				parser.skipChildren();
			}
		}
		return result;
	}

	private @Nullable ProviderError readError(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		// Reads only the error's own subtree: the object around it is not a trailing token.
		JsonNode error = this.subtreeReader.readTree(parser);
		return ErrorBodies.fromObject(this.mapper.createObjectNode().set("error", error));
	}

	private static @Nullable String stringOrNull(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
	}

	/**
	 * Moves to the next property of an object.
	 * @return the index of its name in {@code names}, {@link PropertyNameMatcher#MATCH_UNKNOWN_NAME}
	 * for another name, or {@link #END} at the end of the object
	 */
	private static int nextField(JsonParser parser, PropertyNameMatcher names) {
		int field = parser.nextNameMatch(names);
		if (field == PropertyNameMatcher.MATCH_ODD_TOKEN) {
			throw new IllegalStateException("expected a property name, found " + parser.currentToken());
		}
		return field;
	}

	/** A string value, as the known instance when equal to it: a stream repeats its id and model. */
	private static @Nullable String stringOrKnown(JsonParser parser, JsonToken token, @Nullable String known) {
		if (token == JsonToken.VALUE_STRING && known != null) {
			int length = parser.getStringLength();
			if (length == known.length()) {
				char[] chars = parser.getStringCharacters();
				int offset = parser.getStringOffset();
				int i = 0;
				while (i < length && chars[offset + i] == known.charAt(i)) {
					i++;
				}
				if (i == length) {
					return known;
				}
			}
		}
		return stringOrNull(parser, token);
	}

	/** One delta or message object's fields. */
	private static final class Message {

		@Nullable String content;

		@Nullable String reasoningContent;

		@Nullable String reasoning;

		@Nullable String refusal;

		List<ToolCallDelta> toolCalls = List.of();

	}

}
