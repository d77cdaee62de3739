package io.github.llmclient.provider.anthropic;

import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import static io.github.llmclient.provider.anthropic.AnthropicJson.stringOrNull;

/**
 * Reads the data of Messages stream events with Jackson's streaming parser, straight from bytes
 * into the few fields we use and skipping the rest: a {@code content_block_delta} is parsed once
 * per token on the streaming hot path.
 */
final class AnthropicEventReader {

	private final JsonMapper mapper;

	AnthropicEventReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The mapper events are read with. */
	JsonMapper mapper() {
		return this.mapper;
	}

	/** Reads the data of one stream event, whatever its type. */
	Event read(byte[] data) {
		Event event = new Event();
		try (JsonParser parser = this.mapper.createParser(data)) {
			AnthropicJson.expectObject(parser);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> event.type = stringOrNull(parser, value);
					case "index" -> event.index = AnthropicJson.intOr(parser, value, -1);
					case "delta", "content_block" -> readPart(parser, value, event);
					case "message" -> readMessage(parser, value, event);
					case "usage" -> event.tokens().read(parser, value);
					case "error" -> event.error = AnthropicJson.readError(this.mapper, parser, value);
					default -> parser.skipChildren();
				}
			}
		}
		return event;
	}

	/** Reads a {@code message_start}'s message: id, model and usage. */
	private static void readMessage(JsonParser parser, JsonToken token, Event event) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "id" -> event.id = stringOrNull(parser, value);
				case "model" -> event.model = stringOrNull(parser, value);
				case "usage" -> event.tokens().read(parser, value);
				default -> parser.skipChildren();
			}
		}
	}

	/**
	 * Reads a {@code delta} (a content block's delta, or a message's stop reason) or a
	 * {@code content_block} (the block a {@code content_block_start} opens).
	 */
	private void readPart(JsonParser parser, JsonToken token, Event event) {
		if (token != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "type" -> event.partType = stringOrNull(parser, value);
				case "text" -> event.text = stringOrNull(parser, value);
				case "partial_json" -> event.partialJson = stringOrNull(parser, value);
				case "thinking" -> event.thinking = stringOrNull(parser, value);
				case "signature" -> event.signature = stringOrNull(parser, value);
				case "data" -> event.data = stringOrNull(parser, value);
				case "stop_reason" -> event.stopReason = stringOrNull(parser, value);
				case "id" -> event.toolId = stringOrNull(parser, value);
				case "name" -> event.toolName = stringOrNull(parser, value);
				case "input" -> event.input = AnthropicJson.compact(this.mapper, parser, value);
				default -> parser.skipChildren();
			}
		}
	}

	/** The fields of a stream event that the client uses. */
	static final class Event {

		/** The event's {@code type}, or null. */
		@Nullable String type;

		/** The content block's {@code index}, or -1. */
		int index = -1;

		/** The type of the {@code delta} or {@code content_block}, e.g. {@code text_delta}, {@code tool_use}. */
		@Nullable String partType;

		/** A {@code text_delta}'s or text block's text, or null. */
		@Nullable String text;

		/** An {@code input_json_delta}'s fragment, or null. */
		@Nullable String partialJson;

		/** A {@code thinking_delta}'s or thinking block's text, or null. */
		@Nullable String thinking;

		/** A {@code signature_delta}'s or thinking block's signature, or null. */
		@Nullable String signature;

		/** A {@code redacted_thinking} block's encrypted data, or null. */
		@Nullable String data;

		/** A {@code tool_use} block's id, or null. */
		@Nullable String toolId;

		/** A {@code tool_use} block's name, or null. */
		@Nullable String toolName;

		/** A {@code tool_use} block's initial input written compactly, or null. */
		@Nullable String input;

		/** The message id of a {@code message_start}, or null. */
		@Nullable String id;

		/** The model of a {@code message_start}, or null. */
		@Nullable String model;

		/** A {@code message_delta}'s stop reason, not normalised, or null. */
		@Nullable String stopReason;

		/** The token counts the event reported, or null (made only for events with usage: not per delta). */
		AnthropicJson.@Nullable Tokens tokens;

		/** An error object the data carried, or null. */
		@Nullable ProviderError error;

		AnthropicJson.Tokens tokens() {
			if (this.tokens == null) {
				this.tokens = new AnthropicJson.Tokens();
			}
			return this.tokens;
		}

	}

}
