package io.github.llmclient.provider.anthropic;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.FinishReasons;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.github.llmclient.provider.anthropic.AnthropicJson.stringOrNull;

/**
 * Reads non-streaming Messages API answers, model lists and error bodies. A message is read with
 * Jackson's streaming parser straight from bytes into the fields we use: {@code text} blocks are
 * the content, {@code tool_use} blocks the tool calls (their {@code input} objects written
 * compactly, keys in order), {@code thinking} blocks the reasoning; {@code thinking} blocks with
 * their {@code signature} and {@code redacted_thinking} blocks are also kept, in order, as the
 * answer's replay data ({@link AnthropicReplay}); server tools' blocks and block types yet unknown
 * are skipped.
 */
final class AnthropicResponseReader {

	private final JsonMapper mapper;

	AnthropicResponseReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Reads a {@code message} object.
	 * @param body the response body
	 * @param answerTool the tool whose input is the answer's content rather than a tool call (a
	 * response format sent as a forced tool), or null
	 * @return the response; with an answer tool that the model called and no other tool, the
	 * stop reason {@code tool_use} reads as {@code stop}
	 */
	ChatResponse read(byte[] body, @Nullable String answerTool) {
		Message message = new Message(answerTool);
		try (JsonParser parser = this.mapper.createParser(body)) {
			AnthropicJson.expectObject(parser);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> message.type = stringOrNull(parser, value);
					case "error" -> message.error = AnthropicJson.readError(this.mapper, parser, value);
					case "id" -> message.id = stringOrNull(parser, value);
					case "model" -> message.model = stringOrNull(parser, value);
					case "content" -> readContent(parser, value, message);
					case "stop_reason" -> message.stopReason = stringOrNull(parser, value);
					case "usage" -> message.tokens.read(parser, value);
					default -> parser.skipChildren();
				}
			}
		}
		if (message.error != null || "error".equals(message.type)) {
			ProviderError error = (message.error != null) ? message.error : ProviderError.NONE;
			throw new IllegalStateException("the response holds an error (" + error.type() + "): " + error.message());
		}
		if (!message.hasContent) {
			// Not a Messages API message (a proxy's page, another API's JSON): an error, not an empty answer.
			throw new IllegalStateException("the body has no content array, so it is not a message");
		}
		String finishReason = FinishReasons.normalize(message.stopReason);
		if (answerTool != null && "tool_use".equals(message.stopReason) && message.toolCalls.isEmpty()) {
			// The model gave the answer the format asked for; it called no tool of the caller's.
			finishReason = "stop";
		}
		return new ChatResponse(message.id, message.model, message.content.toString(), finishReason,
				message.tokens.usage(), message.toolCalls,
				(message.reasoning != null) ? message.reasoning.toString() : null,
				message.replay.toReplayData(this.mapper));
	}

	private void readContent(JsonParser parser, JsonToken token, Message message) {
		if (token != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		message.hasContent = true;
		while (parser.nextToken() == JsonToken.START_OBJECT) {
			String type = null;
			String text = null;
			String thinking = null;
			String signature = null;
			String data = null;
			String id = null;
			String name = null;
			String input = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (field) {
					case "type" -> type = stringOrNull(parser, value);
					case "text" -> text = stringOrNull(parser, value);
					case "thinking" -> thinking = stringOrNull(parser, value);
					case "signature" -> signature = stringOrNull(parser, value);
					case "data" -> data = stringOrNull(parser, value);
					case "id" -> id = stringOrNull(parser, value);
					case "name" -> name = stringOrNull(parser, value);
					// The type may come after the input: written out for every block that has one.
					case "input" -> input = AnthropicJson.compact(this.mapper, parser, value);
					default -> parser.skipChildren();
				}
			}
			if (type == null) {
				continue;
			}
			switch (type) {
				case "text" -> message.content.append((text != null) ? text : "");
				case "thinking" -> {
					message.addReasoning(thinking);
					message.replay.thinking(-1, thinking, signature);
				}
				case "redacted_thinking" -> message.replay.redacted(-1, data);
				case "tool_use" -> message.addToolUse(id, name, (input != null) ? input : "{}");
				default -> {
					// server_tool_use, web_search_tool_result, and what comes next
				}
			}
		}
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

	/** A message being read. */
	private static final class Message {

		private final @Nullable String answerTool;

		@Nullable String type;

		@Nullable String id;

		@Nullable String model;

		@Nullable String stopReason;

		boolean hasContent;

		final StringBuilder content = new StringBuilder();

		@Nullable StringBuilder reasoning;

		final List<ToolCall> toolCalls = new ArrayList<>(0);

		final AnthropicJson.Tokens tokens = new AnthropicJson.Tokens();

		final AnthropicReplay replay = new AnthropicReplay();

		@Nullable ProviderError error;

		Message(@Nullable String answerTool) {
			this.answerTool = answerTool;
		}

		void addReasoning(@Nullable String thinking) {
			if (thinking != null && !thinking.isEmpty()) {
				this.reasoning = (this.reasoning != null) ? this.reasoning.append(thinking) : new StringBuilder(thinking);
			}
		}

		/** A streamed call without id or name is delivered with {@code ""}: so is this one, never dropped. */
		void addToolUse(@Nullable String id, @Nullable String name, String input) {
			if (this.answerTool != null && this.answerTool.equals(name)) {
				this.content.append(input);
			}
			else {
				this.toolCalls.add(new ToolCall((id != null) ? id : "", (name != null) ? name : "", input));
			}
		}

	}

}
