package io.github.llmclient.provider.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.FinishReasons;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Messages API request bodies and reads responses, stream events, model lists and errors.
 *
 * <p>
 * Responses and events are read with Jackson's streaming parser straight from bytes into the few
 * fields we use, skipping the rest: a {@code content_block_delta} is parsed once per token on the
 * streaming hot path.
 */
final class AnthropicWireFormat {

	private static final String SYSTEM_SEPARATOR = "\n\n";

	private final JsonMapper mapper;

	AnthropicWireFormat(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Writes a request body: system messages are folded, in order, into the top-level
	 * {@code system} field; {@code max_tokens} is always sent.
	 */
	byte[] writeRequest(ChatRequest request, int defaultMaxTokens, boolean stream) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (request.model() != null) {
			body.put("model", request.model());
		}
		body.put("max_tokens", (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens);
		StringBuilder system = null;
		List<Message> messages = new ArrayList<>(request.messages().size());
		for (ChatMessage message : request.messages()) {
			if (message.role() == Role.SYSTEM) {
				system = (system == null) ? new StringBuilder(message.content())
						: system.append(SYSTEM_SEPARATOR).append(message.content());
			}
			else {
				messages.add(new Message(message.role().wireName(), message.content()));
			}
		}
		if (system != null) {
			body.put("system", system.toString());
		}
		body.put("messages", messages);
		putIfNotNull(body, "temperature", request.temperature());
		putIfNotNull(body, "top_p", request.topP());
		if (!request.stop().isEmpty()) {
			body.put("stop_sequences", request.stop());
		}
		if (stream) {
			body.put("stream", true);
		}
		body.putAll(request.extraBody());
		return this.mapper.writeValueAsBytes(body);
	}

	private static void putIfNotNull(Map<String, Object> body, String key, @Nullable Object value) {
		if (value != null) {
			body.put(key, value);
		}
	}

	/** Reads a {@code message} object: its text blocks joined, its stop reason normalised. */
	ChatResponse readResponse(byte[] body) {
		Parsed parsed = new Parsed();
		try (JsonParser parser = this.mapper.createParser(body)) {
			expectObject(parser);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> parsed.type = stringOrNull(parser, value);
					case "error" -> parsed.error = readError(parser, value);
					default -> readMessageField(parser, name, value, parsed);
				}
			}
		}
		if (parsed.error != null || "error".equals(parsed.type)) {
			ProviderError error = (parsed.error != null) ? parsed.error : ProviderError.NONE;
			throw new IllegalStateException("the response holds an error (" + error.type() + "): " + error.message());
		}
		if (!parsed.hasContent) {
			// Not a Messages API message (a proxy's page, another API's JSON): an error, not an empty answer.
			throw new IllegalStateException("the body has no content array, so it is not a message");
		}
		return new ChatResponse(parsed.id, parsed.model, (parsed.text != null) ? parsed.text : "",
				FinishReasons.normalize(parsed.stopReason), parsed.usage());
	}

	/** Reads the data of one stream event, whatever its type. */
	Parsed readEvent(byte[] data) {
		Parsed parsed = new Parsed();
		try (JsonParser parser = this.mapper.createParser(data)) {
			expectObject(parser);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> parsed.type = stringOrNull(parser, value);
					case "message" -> readMessage(parser, value, parsed);
					case "delta" -> readDelta(parser, value, parsed);
					case "usage" -> readUsage(parser, value, parsed);
					case "error" -> parsed.error = readError(parser, value);
					default -> parser.skipChildren();
				}
			}
		}
		return parsed;
	}

	/** Reads a model list ({@code {"data":[{"id":…}],"has_more":…}}). */
	List<String> readModels(byte[] body) {
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

	/** Reads an error body ({@code {"type":"error","error":{"type","message"}}}, or anything else). */
	ProviderError readError(byte[] body) {
		return ErrorBodies.read(this.mapper, body);
	}

	private static void expectObject(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new IllegalStateException("expected a JSON object");
		}
	}

	private void readMessage(JsonParser parser, JsonToken token, Parsed parsed) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			readMessageField(parser, name, parser.nextToken(), parsed);
		}
	}

	private void readMessageField(JsonParser parser, String name, JsonToken value, Parsed parsed) {
		switch (name) {
			case "id" -> parsed.id = stringOrNull(parser, value);
			case "model" -> parsed.model = stringOrNull(parser, value);
			case "content" -> {
				parsed.hasContent = value == JsonToken.START_ARRAY;
				parsed.text = readContent(parser, value);
			}
			case "stop_reason" -> parsed.stopReason = stringOrNull(parser, value);
			case "usage" -> readUsage(parser, value, parsed);
			default -> parser.skipChildren();
		}
	}

	/** Joins the text of the {@code text} blocks; other blocks (tool use, thinking) have none. */
	private static @Nullable String readContent(JsonParser parser, JsonToken token) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return null;
		}
		StringBuilder text = null;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			String type = null;
			String blockText = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> type = stringOrNull(parser, value);
					case "text" -> blockText = stringOrNull(parser, value);
					default -> parser.skipChildren();
				}
			}
			if ("text".equals(type) && blockText != null) {
				text = (text == null) ? new StringBuilder(blockText) : text.append(blockText);
			}
		}
		return (text != null) ? text.toString() : null;
	}

	/** Reads a {@code delta}: a content block's {@code text_delta}, or a message's stop reason. */
	private static void readDelta(JsonParser parser, JsonToken token, Parsed parsed) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		String type = null;
		String text = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "type" -> type = stringOrNull(parser, value);
				case "text" -> text = stringOrNull(parser, value);
				case "stop_reason" -> parsed.stopReason = stringOrNull(parser, value);
				default -> parser.skipChildren();
			}
		}
		if ("text_delta".equals(type)) {
			parsed.text = text;
		}
	}

	/**
	 * Reads token counts. Input tokens include cache reads and writes, which Anthropic counts
	 * apart from {@code input_tokens}, so that input means the whole prompt as with OpenAI.
	 */
	private static void readUsage(JsonParser parser, JsonToken token, Parsed parsed) {
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
			switch (name) {
				case "input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens" ->
					parsed.inputTokens = ((parsed.inputTokens != null) ? parsed.inputTokens : 0) + parser.getIntValue();
				case "output_tokens" -> parsed.outputTokens = parser.getIntValue();
				default -> {
				}
			}
		}
	}

	private @Nullable ProviderError readError(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NULL) {
			return null;
		}
		// Not mapper.readTree(parser): it rejects the rest of the enclosing object as trailing tokens.
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

	/**
	 * A message in a request body.
	 * @param role {@code user} or {@code assistant}
	 * @param content the text
	 */
	record Message(String role, String content) {
	}

	/** The fields of a response or stream event that the client uses. */
	static final class Parsed {

		/** The event's (or body's) {@code type}, or null. */
		@Nullable String type;

		/** The message id, or null. */
		@Nullable String id;

		/** The model, or null. */
		@Nullable String model;

		/** A {@code text_delta}'s text, or a message's text blocks joined, or null. */
		@Nullable String text;

		/** The provider's stop reason, not normalised, or null. */
		@Nullable String stopReason;

		/** Whether the message had a content array (possibly empty). */
		boolean hasContent;

		/** Input tokens (cache reads and writes included), or null when not reported. */
		@Nullable Integer inputTokens;

		/** Output tokens, or null when not reported. */
		@Nullable Integer outputTokens;

		/** An error object the data carried, or null. */
		@Nullable ProviderError error;

		@Nullable Usage usage() {
			if (this.inputTokens == null && this.outputTokens == null) {
				return null;
			}
			return Usage.of((this.inputTokens != null) ? this.inputTokens : 0,
					(this.outputTokens != null) ? this.outputTokens : 0);
		}

	}

}
