package io.github.llmclient.provider.openai;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamMapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.Named;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Chat Completions request bodies and reads responses, chunks, model lists and errors.
 * Shared by the OpenAI and Azure OpenAI adapters, which differ only in URLs and headers.
 *
 * <p>
 * Responses and chunks are read straight from bytes into the few fields we use, skipping the rest:
 * a chunk is parsed once per token on the streaming hot path, where binding whole trees measured
 * markedly slower. {@link ChunkScanner} reads the usual ones in one pass; anything it does not
 * take on (malformed input, error objects, unusual JSON) goes to Jackson's streaming parser.
 */
public final class OpenAiWireFormat {

	private static final int END = PropertyNameMatcher.MATCH_END_OBJECT;

	private static final int ROOT_ID = 0;

	private static final int ROOT_MODEL = 1;

	private static final int ROOT_CHOICES = 2;

	private static final int ROOT_USAGE = 3;

	private static final int ROOT_ERROR = 4;

	private static final int CHOICE_INDEX = 0;

	private static final int CHOICE_FINISH_REASON = 1;

	private static final int CHOICE_MESSAGE = 2;

	private static final int CHOICE_DELTA = 3;

	private final JsonMapper mapper;

	private final ObjectReader subtreeReader;

	/**
	 * Parses responses and chunks: the mapper's own factory, but recycling its buffers per thread
	 * (chunks are parsed on the few event-loop threads) rather than through the default shared
	 * deque, whose take and return showed in profiles of the per-chunk parse.
	 */
	private final TokenStreamFactory factory;

	private final PropertyNameMatcher rootNames;

	private final PropertyNameMatcher choiceNames;

	private final PropertyNameMatcher contentNames;

	private final PropertyNameMatcher usageNames;

	/**
	 * Whether {@link ChunkScanner} may read first: only when the mapper's parser is no stricter than
	 * the scanner (its limits at least the scanner's own, no duplicate detection).
	 */
	private final boolean scannerAllowed;

	/** The longest input the scanner may read: no string in it can pass Jackson's string limit. */
	private final long scannerMaxLength;

	/**
	 * Creates the format.
	 * @param mapper the mapper for request bodies and error bodies
	 */
	public OpenAiWireFormat(JsonMapper mapper) {
		this.mapper = mapper;
		this.subtreeReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		this.factory = (factory instanceof JsonFactory json)
				? json.rebuild().recyclerPool(JsonRecyclerPools.threadLocalPool()).build() : factory;
		// Names we skip are matched too: an unmatched name costs a symbol-table lookup.
		this.rootNames = names("id", "model", "choices", "usage", "error", "object", "created", "system_fingerprint",
				"service_tier", "obfuscation");
		this.choiceNames = names("index", "finish_reason", "message", "delta", "logprobs");
		this.contentNames = names("content", "role", "refusal");
		this.usageNames = names("prompt_tokens", "completion_tokens", "total_tokens");
		StreamReadConstraints limits = this.factory.streamReadConstraints();
		this.scannerAllowed = (this.factory instanceof JsonFactory)
				&& !this.factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& limits.getMaxNestingDepth() >= 64 && limits.getMaxNumberLength() >= 100
				&& limits.getMaxNameLength() >= 256 && !limits.hasMaxTokenCount();
		this.scannerMaxLength = limits.hasMaxDocumentLength()
				? Math.min(limits.getMaxDocumentLength(), limits.getMaxStringLength()) : limits.getMaxStringLength();
	}

	/** Matches property names from the parser's bytes, so the fields we read need no lookup or string. */
	private PropertyNameMatcher names(String... names) {
		return this.factory.constructNameMatcher(Arrays.stream(names).map(Named::fromString).toList(), true);
	}

	/**
	 * Writes a request body.
	 * @param request the request, model resolved
	 * @param defaultMaxTokens the client's {@code llm.max-tokens}, or null
	 * @param includeModel whether the body names the model (Azure's deployment route does not)
	 * @param stream whether to ask for a stream
	 * @param streamUsage whether a stream asks for the usage chunk
	 * @return the JSON bytes
	 */
	public byte[] writeRequest(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean includeModel,
			boolean stream, boolean streamUsage) {
		if (!request.extraBody().isEmpty()) {
			return writeRequestAsMap(request, defaultMaxTokens, includeModel, stream, streamUsage);
		}
		// The usual request, written field by field: building maps for the mapper to walk cost
		// 12% of the thread starting 1,000 streams.
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartObject();
			if (includeModel && request.model() != null) {
				generator.writeStringProperty("model", request.model());
			}
			generator.writeName("messages");
			generator.writeStartArray();
			for (ChatMessage message : request.messages()) {
				generator.writeStartObject();
				generator.writeStringProperty("role", message.role().wireName());
				generator.writeStringProperty("content", message.content());
				generator.writeEndObject();
			}
			generator.writeEndArray();
			if (request.temperature() != null) {
				generator.writeNumberProperty("temperature", request.temperature());
			}
			Integer maxTokens = (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens;
			if (maxTokens != null) {
				generator.writeNumberProperty("max_tokens", maxTokens);
			}
			if (request.topP() != null) {
				generator.writeNumberProperty("top_p", request.topP());
			}
			if (!request.stop().isEmpty()) {
				generator.writeName("stop");
				generator.writeStartArray();
				for (String stop : request.stop()) {
					generator.writeString(stop);
				}
				generator.writeEndArray();
			}
			if (stream) {
				generator.writeBooleanProperty("stream", true);
				if (streamUsage) {
					generator.writeName("stream_options");
					generator.writeStartObject();
					generator.writeBooleanProperty("include_usage", true);
					generator.writeEndObject();
				}
			}
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * Writes a request body through a map, so that {@code extraBody} entries replace the fields
	 * they name in place and the others follow, each serialized by the mapper.
	 */
	byte[] writeRequestAsMap(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean includeModel,
			boolean stream, boolean streamUsage) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (includeModel && request.model() != null) {
			body.put("model", request.model());
		}
		List<Map<String, String>> messages = new ArrayList<>(request.messages().size());
		for (ChatMessage message : request.messages()) {
			Map<String, String> entry = new LinkedHashMap<>(4);
			entry.put("role", message.role().wireName());
			entry.put("content", message.content());
			messages.add(entry);
		}
		body.put("messages", messages);
		putIfNotNull(body, "temperature", request.temperature());
		putIfNotNull(body, "max_tokens", (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens);
		putIfNotNull(body, "top_p", request.topP());
		if (!request.stop().isEmpty()) {
			body.put("stop", request.stop());
		}
		if (stream) {
			body.put("stream", true);
			if (streamUsage) {
				body.put("stream_options", Map.of("include_usage", true));
			}
		}
		body.putAll(request.extraBody());
		return this.mapper.writeValueAsBytes(body);
	}

	private static void putIfNotNull(Map<String, Object> body, String key, @Nullable Object value) {
		if (value != null) {
			body.put(key, value);
		}
	}

	/**
	 * Reads a {@code chat.completion} object.
	 * @param body the response body
	 * @return the response
	 */
	public ChatResponse readResponse(byte[] body) {
		Parsed parsed = parse(body, 0, body.length, false, null, null);
		if (parsed.error != null) {
			throw new IllegalStateException("the response holds an error: " + parsed.error.message());
		}
		if (!parsed.hasChoice) {
			// Not a chat completion (a proxy's page, another API's JSON): an error, not an empty answer.
			throw new IllegalStateException("the body has no choices, so it is not a chat completion");
		}
		return new ChatResponse(parsed.id, parsed.model, (parsed.content != null) ? parsed.content : "",
				parsed.finishReason, parsed.usage);
	}

	/**
	 * Reads one {@code chat.completion.chunk}.
	 * @param data the event data
	 * @return its fields
	 */
	public Parsed readChunk(byte[] data) {
		return readChunk(data, null, null);
	}

	/**
	 * Reads one {@code chat.completion.chunk} of a stream whose id and model are already known:
	 * when the chunk repeats them, the known strings are returned rather than new copies.
	 * @param data the event data
	 * @param knownId the id seen so far, or null
	 * @param knownModel the model seen so far, or null
	 * @return its fields
	 */
	public Parsed readChunk(byte[] data, @Nullable String knownId, @Nullable String knownModel) {
		return parse(data, 0, data.length, true, knownId, knownModel);
	}

	/**
	 * Reads a model list ({@code {"data":[{"id":…}]}}).
	 * @param body the response body
	 * @return the model ids
	 */
	public List<String> readModels(byte[] body) {
		JsonNode data = this.mapper.readTree(body).path("data");
		if (!data.isArray()) {
			throw new IllegalStateException("the model list has no \"data\" array");
		}
		List<String> ids = new ArrayList<>(data.size());
		for (JsonNode model : data) {
			String id = model.path("id").asString(null);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids;
	}

	/**
	 * Reads an error body.
	 * @param body the body
	 * @return what it says
	 */
	public ProviderError readError(byte[] body) {
		return ErrorBodies.read(this.mapper, body);
	}

	/**
	 * A mapper for the events of one new Chat Completions stream.
	 * @return a fresh mapper
	 */
	public StreamMapper streamMapper() {
		return new OpenAiStreamMapper(this);
	}

	private Parsed parse(byte[] bytes, int offset, int length, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		if (this.scannerAllowed && length <= this.scannerMaxLength) {
			Parsed scanned = ChunkScanner.read(bytes, offset, length, delta, knownId, knownModel);
			if (scanned != null) {
				return scanned;
			}
		}
		return parseWithJackson(bytes, offset, length, delta, knownId, knownModel);
	}

	/** The general path, and the one for whatever {@link ChunkScanner} leaves (tests compare the two). */
	Parsed parseWithJackson(byte[] bytes, int offset, int length, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		Parsed parsed = new Parsed();
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("expected a JSON object");
			}
			for (int field = nextField(parser, this.rootNames); field != END; field = nextField(parser, this.rootNames)) {
				JsonToken value = parser.nextToken();
				switch (field) {
					case ROOT_ID -> parsed.id = stringOrKnown(parser, value, knownId);
					case ROOT_MODEL -> parsed.model = stringOrKnown(parser, value, knownModel);
					case ROOT_CHOICES -> readChoices(parser, value, delta, parsed);
					case ROOT_USAGE -> parsed.usage = readUsage(parser, value, this.usageNames);
					case ROOT_ERROR -> parsed.error = readError(parser, value);
					default -> parser.skipChildren();
				}
			}
		}
		return parsed;
	}

	private void readChoices(JsonParser parser, JsonToken token, boolean delta, Parsed parsed) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		int messageField = delta ? CHOICE_DELTA : CHOICE_MESSAGE;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			int index = 0;
			String content = null;
			String finishReason = null;
			for (int field = nextField(parser, this.choiceNames); field != END; field = nextField(parser, this.choiceNames)) {
				JsonToken value = parser.nextToken();
				if (field == CHOICE_INDEX && value == JsonToken.VALUE_NUMBER_INT) {
					index = parser.getIntValue();
				}
				else if (field == CHOICE_FINISH_REASON) {
					finishReason = stringOrNull(parser, value);
				}
				else if (field == messageField && value == JsonToken.START_OBJECT) {
					content = readContent(parser, this.contentNames);
				}
				else {
					parser.skipChildren();
				}
			}
			// Only the first choice is read: requests ask for one (n defaults to 1).
			if (index == 0) {
				parsed.content = content;
				parsed.finishReason = finishReason;
				parsed.hasChoice = true;
			}
		}
	}

	private static @Nullable String readContent(JsonParser parser, PropertyNameMatcher names) {
		String content = null;
		for (int field = nextField(parser, names); field != END; field = nextField(parser, names)) {
			JsonToken value = parser.nextToken();
			if (field == 0) {
				content = stringOrNull(parser, value);
			}
			else {
				parser.skipChildren();
			}
		}
		return content;
	}

	private static @Nullable Usage readUsage(JsonParser parser, JsonToken token, PropertyNameMatcher names) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return null;
		}
		int input = 0;
		int output = 0;
		int total = -1;
		for (int field = nextField(parser, names); field != END; field = nextField(parser, names)) {
			JsonToken value = parser.nextToken();
			if (value != JsonToken.VALUE_NUMBER_INT) {
				parser.skipChildren();
				continue;
			}
			switch (field) {
				case 0 -> input = parser.getIntValue();
				case 1 -> output = parser.getIntValue();
				case 2 -> total = parser.getIntValue();
				default -> {
				}
			}
		}
		return new Usage(input, output, (total >= 0) ? total : input + output);
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

	/** The fields of a response or chunk that the client uses. */
	public static final class Parsed {

		/** The response id, or null. */
		public @Nullable String id;

		/** The model, or null. */
		public @Nullable String model;

		/** The first choice's text, or null. */
		public @Nullable String content;

		/** The first choice's finish reason, or null. */
		public @Nullable String finishReason;

		/** Token counts, or null. */
		public @Nullable Usage usage;

		/** An error object the body carried, or null. */
		public @Nullable ProviderError error;

		/** Whether the body had a first choice. */
		public boolean hasChoice;

	}

}
