package io.github.llmclient.provider.openai;

import java.util.ArrayList;
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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Chat Completions request bodies and reads responses, chunks, model lists and errors.
 * Shared by the OpenAI and Azure OpenAI adapters, which differ only in URLs and headers.
 *
 * <p>
 * Responses and chunks are read with Jackson's streaming parser straight from bytes into the
 * few fields we use, skipping the rest: a chunk is parsed once per token on the streaming hot path,
 * where binding whole trees measured markedly slower.
 */
public final class OpenAiWireFormat {

	private final JsonMapper mapper;

	/**
	 * Creates the format.
	 * @param mapper the mapper for request bodies and error bodies
	 */
	public OpenAiWireFormat(JsonMapper mapper) {
		this.mapper = mapper;
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
		Map<String, Object> body = new LinkedHashMap<>();
		if (includeModel && request.model() != null) {
			body.put("model", request.model());
		}
		List<Map<String, String>> messages = new ArrayList<>(request.messages().size());
		for (ChatMessage message : request.messages()) {
			messages.add(Map.of("role", message.role().wireName(), "content", message.content()));
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
		Parsed parsed = parse(body, 0, body.length, "message");
		if (parsed.error != null) {
			throw new IllegalStateException("the response holds an error: " + parsed.error.message());
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
		return parse(data, 0, data.length, "delta");
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

	private Parsed parse(byte[] bytes, int offset, int length, String messageField) {
		Parsed parsed = new Parsed();
		try (JsonParser parser = this.mapper.createParser(bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("expected a JSON object");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "id" -> parsed.id = stringOrNull(parser, value);
					case "model" -> parsed.model = stringOrNull(parser, value);
					case "choices" -> readChoices(parser, value, messageField, parsed);
					case "usage" -> parsed.usage = readUsage(parser, value);
					case "error" -> parsed.error = readError(parser, value);
					default -> parser.skipChildren();
				}
			}
		}
		return parsed;
	}

	private void readChoices(JsonParser parser, JsonToken token, String messageField, Parsed parsed) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			int index = 0;
			String content = null;
			String finishReason = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("index".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
					index = parser.getIntValue();
				}
				else if ("finish_reason".equals(name)) {
					finishReason = stringOrNull(parser, value);
				}
				else if (messageField.equals(name) && value == JsonToken.START_OBJECT) {
					content = readContent(parser);
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

	private static @Nullable String readContent(JsonParser parser) {
		String content = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("content".equals(name)) {
				content = stringOrNull(parser, value);
			}
			else {
				parser.skipChildren();
			}
		}
		return content;
	}

	private static @Nullable Usage readUsage(JsonParser parser, JsonToken token) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return null;
		}
		int input = 0;
		int output = 0;
		int total = -1;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value != JsonToken.VALUE_NUMBER_INT) {
				parser.skipChildren();
				continue;
			}
			switch (name) {
				case "prompt_tokens" -> input = parser.getIntValue();
				case "completion_tokens" -> output = parser.getIntValue();
				case "total_tokens" -> total = parser.getIntValue();
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
		JsonNode error = parser.readValueAsTree();
		return ErrorBodies.fromObject(this.mapper.createObjectNode().set("error", error));
	}

	private static @Nullable String stringOrNull(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return null;
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
