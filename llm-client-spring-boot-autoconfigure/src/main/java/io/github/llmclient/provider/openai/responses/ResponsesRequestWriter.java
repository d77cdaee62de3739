package io.github.llmclient.provider.openai.responses;

import java.io.ByteArrayOutputStream;
import java.util.List;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.provider.ExtraBody;
import io.github.llmclient.provider.openai.OpenAiRequestFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Responses API request bodies field by field with the mapper's generator. System messages
 * become {@code instructions} (several are joined by a blank line); the other messages become
 * {@code input} items: user messages with {@code input_text}/{@code input_image} parts, an
 * assistant turn as its own output items when it carries replay data of this format (reasoning
 * items with their {@code encrypted_content}, the message, the function calls, in the order the
 * model produced them) or as a plain message and {@code function_call} items otherwise, a tool
 * result as a {@code function_call_output}. Tools and the tool choice are flat, a response format
 * goes to {@code text.format}, {@code max_tokens} to {@code max_output_tokens}; {@code stop}, which
 * the API does not have, is refused before anything is sent.
 *
 * <p>
 * A reasoning budget maps to an effort, since the API takes no budget: below 4,096 tokens
 * {@code low}, below 16,384 {@code medium}, else {@code high}.
 */
final class ResponsesRequestWriter {

	/** Budgets below this are {@code low} effort. */
	static final int MEDIUM_BUDGET = 4096;

	/** Budgets from this on are {@code high} effort. */
	static final int HIGH_BUDGET = 16384;

	private final JsonMapper mapper;

	ResponsesRequestWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Writes a body.
	 * @throws IllegalArgumentException when the request has stop sequences
	 */
	byte[] write(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean store, boolean stream) {
		if (!request.stop().isEmpty()) {
			throw new IllegalArgumentException("OpenAI's Responses API has no stop sequences: remove stop "
					+ request.stop() + " from the request, or set llm.openai.api to chat-completions");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			ExtraBody body = new ExtraBody(generator, request.extraBody());
			generator.writeStartObject();
			if (request.model() != null && body.field("model")) {
				generator.writeString(request.model());
			}
			String instructions = instructions(request.messages());
			if (instructions != null && body.field("instructions")) {
				generator.writeString(instructions);
			}
			if (body.field("input")) {
				writeInput(generator, request.messages());
			}
			if (request.temperature() != null && body.field("temperature")) {
				generator.writeNumber(request.temperature());
			}
			Integer maxTokens = (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens;
			if (maxTokens != null && body.field("max_output_tokens")) {
				generator.writeNumber(maxTokens);
			}
			if (request.topP() != null && body.field("top_p")) {
				generator.writeNumber(request.topP());
			}
			if (!request.tools().isEmpty() && body.field("tools")) {
				writeTools(generator, request.tools());
			}
			if (request.toolChoice() != null && body.field("tool_choice")) {
				OpenAiRequestFields.writeToolChoice(generator, request.toolChoice(), false);
			}
			ResponseFormat format = request.responseFormat();
			if (format != null && format.type() != ResponseFormat.Type.TEXT && body.field("text")) {
				writeTextFormat(generator, format);
			}
			if (request.reasoning() != null && body.field("reasoning")) {
				writeReasoning(generator, request.reasoning());
			}
			if (body.field("store")) {
				generator.writeBoolean(store);
			}
			// Without storage, reasoning survives between turns only as encrypted content the client keeps.
			if (!store && body.field("include")) {
				generator.writeStartArray();
				generator.writeString("reasoning.encrypted_content");
				generator.writeEndArray();
			}
			if (stream && body.field("stream")) {
				generator.writeBoolean(true);
			}
			body.writeRemainingExtras();
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	private static @Nullable String instructions(List<ChatMessage> messages) {
		StringBuilder joined = null;
		for (ChatMessage message : messages) {
			if (message.role() == Role.SYSTEM) {
				joined = (joined == null) ? new StringBuilder() : joined.append("\n\n");
				joined.append(message.content());
			}
		}
		return (joined != null) ? joined.toString() : null;
	}

	private void writeInput(JsonGenerator generator, List<ChatMessage> messages) {
		generator.writeStartArray();
		for (ChatMessage message : messages) {
			switch (message.role()) {
				case SYSTEM -> {
					// in instructions
				}
				case USER -> writeUser(generator, message);
				case ASSISTANT -> writeAssistant(generator, message);
				case TOOL -> {
					generator.writeStartObject();
					generator.writeStringProperty("type", "function_call_output");
					generator.writeStringProperty("call_id", message.toolCallId());
					generator.writeStringProperty("output", message.content());
					generator.writeEndObject();
				}
			}
		}
		generator.writeEndArray();
	}

	private static void writeUser(JsonGenerator generator, ChatMessage message) {
		generator.writeStartObject();
		generator.writeStringProperty("type", "message");
		generator.writeStringProperty("role", "user");
		if (message.isTextOnly()) {
			generator.writeStringProperty("content", message.content());
		}
		else {
			generator.writeName("content");
			OpenAiRequestFields.writeParts(generator, message.parts(), "input_text", ResponsesRequestWriter::writeImage,
					"OpenAI's Responses API");
		}
		generator.writeEndObject();
	}

	/** {@code detail} is required by the API's schema; {@code auto} is its documented default. */
	private static void writeImage(JsonGenerator generator, String url) {
		generator.writeStringProperty("type", "input_image");
		generator.writeStringProperty("image_url", url);
		generator.writeStringProperty("detail", "auto");
	}

	private void writeAssistant(JsonGenerator generator, ChatMessage message) {
		ReplayData replay = message.replay();
		if (replay != null && replay.isFor(ReplayData.OPENAI_RESPONSES)) {
			// the model's own output items, exactly as received: encrypted reasoning is opaque
			for (JsonNode item : this.mapper.readTree(replay.data())) {
				generator.writeTree(item);
			}
			return;
		}
		String text = message.content();
		if (!text.isEmpty()) {
			generator.writeStartObject();
			generator.writeStringProperty("type", "message");
			generator.writeStringProperty("role", "assistant");
			generator.writeStringProperty("content", text);
			generator.writeEndObject();
		}
		for (ToolCall call : message.toolCalls()) {
			generator.writeStartObject();
			generator.writeStringProperty("type", "function_call");
			generator.writeStringProperty("call_id", call.id());
			generator.writeStringProperty("name", call.name());
			generator.writeStringProperty("arguments", call.arguments());
			generator.writeEndObject();
		}
	}

	/** {@code strict} is always sent: the API's default is true, which would reject most schemas. */
	private void writeTools(JsonGenerator generator, List<Tool> tools) {
		generator.writeStartArray();
		for (Tool tool : tools) {
			generator.writeStartObject();
			generator.writeStringProperty("type", "function");
			OpenAiRequestFields.writeFunction(generator, tool, this.mapper);
			generator.writeBooleanProperty("strict", false);
			generator.writeEndObject();
		}
		generator.writeEndArray();
	}

	private void writeTextFormat(JsonGenerator generator, ResponseFormat format) {
		generator.writeStartObject();
		generator.writeName("format");
		generator.writeStartObject();
		if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
			generator.writeStringProperty("type", "json_object");
		}
		else {
			generator.writeStringProperty("type", "json_schema");
			OpenAiRequestFields.writeJsonSchema(generator, format, this.mapper);
		}
		generator.writeEndObject();
		generator.writeEndObject();
	}

	private static void writeReasoning(JsonGenerator generator, Reasoning reasoning) {
		generator.writeStartObject();
		generator.writeStringProperty("effort", effort(reasoning));
		generator.writeStringProperty("summary", "auto");
		generator.writeEndObject();
	}

	static String effort(Reasoning reasoning) {
		if (reasoning.effort() != null) {
			return switch (reasoning.effort()) {
				case LOW -> "low";
				case MEDIUM -> "medium";
				case HIGH -> "high";
			};
		}
		int budget = (reasoning.budgetTokens() != null) ? reasoning.budgetTokens() : 0;
		return (budget < MEDIUM_BUDGET) ? "low" : (budget < HIGH_BUDGET) ? "medium" : "high";
	}

}
