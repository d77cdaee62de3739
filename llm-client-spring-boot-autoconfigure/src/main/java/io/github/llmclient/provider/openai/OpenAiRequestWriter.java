package io.github.llmclient.provider.openai;

import java.io.ByteArrayOutputStream;
import java.util.List;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.provider.ExtraBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Chat Completions request bodies, field by field with the mapper's generator: building maps
 * for the mapper to walk cost 12% of the thread starting 1,000 streams. A plain text request is
 * written exactly as before tools existed; tools, tool choice, tool-call turns, tool results, image
 * parts, response formats and reasoning ({@code reasoning_effort}) only add fields and message shapes
 * when the request has them; with reasoning the token cap is sent as {@code max_completion_tokens},
 * the only one reasoning models take. Replay data ({@link ChatMessage#replay()}) is another wire format's
 * (Anthropic, the Responses API…): Chat Completions has no place for it, so it is never sent.
 *
 * <p>
 * {@code extraBody} entries replace the fields they name in place (with the entry's value, as the
 * mapper serializes it) and the others follow the modelled fields, in their order: the body a
 * {@code LinkedHashMap} of the fields with {@code putAll(extraBody)} would give.
 */
final class OpenAiRequestWriter {

	private final JsonMapper mapper;

	OpenAiRequestWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] write(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean includeModel, boolean stream,
			boolean streamUsage) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			ExtraBody body = new ExtraBody(generator, request.extraBody());
			generator.writeStartObject();
			if (includeModel && request.model() != null && body.field("model")) {
				generator.writeString(request.model());
			}
			if (body.field("messages")) {
				writeMessages(generator, request.messages());
			}
			if (request.temperature() != null && body.field("temperature")) {
				generator.writeNumber(request.temperature());
			}
			Integer maxTokens = (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens;
			// Reasoning models refuse max_tokens (it would not count their reasoning): they take max_completion_tokens.
			String maxTokensField = (request.reasoning() != null) ? "max_completion_tokens" : "max_tokens";
			if (maxTokens != null && body.field(maxTokensField)) {
				generator.writeNumber(maxTokens);
			}
			if (request.topP() != null && body.field("top_p")) {
				generator.writeNumber(request.topP());
			}
			if (!request.stop().isEmpty() && body.field("stop")) {
				generator.writeStartArray();
				for (String stop : request.stop()) {
					generator.writeString(stop);
				}
				generator.writeEndArray();
			}
			if (!request.tools().isEmpty() && body.field("tools")) {
				writeTools(generator, request.tools());
			}
			if (request.toolChoice() != null && body.field("tool_choice")) {
				OpenAiRequestFields.writeToolChoice(generator, request.toolChoice(), true);
			}
			// Free text is every server's default: saying so would only trouble servers without the field.
			ResponseFormat format = request.responseFormat();
			if (format != null && format.type() != ResponseFormat.Type.TEXT && body.field("response_format")) {
				writeResponseFormat(generator, format);
			}
			// Without reasoning(...) nothing is sent: the model's own default.
			if (request.reasoning() != null && body.field("reasoning_effort")) {
				generator.writeString(ReasoningEfforts.wireName(request.reasoning()));
			}
			PromptCache cache = request.cache();
			// OpenAI caches prefixes by itself; a key routes requests that share one to the same cache
			if (cache != null && cache.key() != null && body.field("prompt_cache_key")) {
				generator.writeString(cache.key());
			}
			if (stream) {
				if (body.field("stream")) {
					generator.writeBoolean(true);
				}
				if (streamUsage && body.field("stream_options")) {
					generator.writeStartObject();
					generator.writeBooleanProperty("include_usage", true);
					generator.writeEndObject();
				}
			}
			body.writeRemainingExtras();
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	private void writeMessages(JsonGenerator generator, List<ChatMessage> messages) {
		generator.writeStartArray();
		for (ChatMessage message : messages) {
			generator.writeStartObject();
			generator.writeStringProperty("role", message.role().wireName());
			if (message.role() == Role.TOOL) {
				generator.writeStringProperty("tool_call_id", message.toolCallId());
			}
			if (!message.isTextOnly()) {
				generator.writeName("content");
				OpenAiRequestFields.writeParts(generator, message.parts(), "text", OpenAiRequestWriter::writeImageUrl,
						"OpenAI");
			}
			else if (message.toolCalls().isEmpty()) {
				generator.writeStringProperty("content", message.content());
			}
			else {
				String text = message.content();
				if (text.isEmpty()) {
					// an assistant turn that only calls tools has no text: OpenAI documents null for it
					generator.writeNullProperty("content");
				}
				else {
					generator.writeStringProperty("content", text);
				}
				writeToolCalls(generator, message.toolCalls());
			}
			generator.writeEndObject();
		}
		generator.writeEndArray();
	}

	private static void writeImageUrl(JsonGenerator generator, String url) {
		generator.writeStringProperty("type", "image_url");
		generator.writeName("image_url");
		generator.writeStartObject();
		generator.writeStringProperty("url", url);
		generator.writeEndObject();
	}

	private static void writeToolCalls(JsonGenerator generator, List<ToolCall> calls) {
		generator.writeName("tool_calls");
		generator.writeStartArray();
		for (ToolCall call : calls) {
			generator.writeStartObject();
			generator.writeStringProperty("id", call.id());
			generator.writeStringProperty("type", "function");
			generator.writeName("function");
			generator.writeStartObject();
			generator.writeStringProperty("name", call.name());
			// the model's own text, replayed as it produced it
			generator.writeStringProperty("arguments", call.arguments());
			generator.writeEndObject();
			generator.writeEndObject();
		}
		generator.writeEndArray();
	}

	private void writeTools(JsonGenerator generator, List<Tool> tools) {
		generator.writeStartArray();
		for (Tool tool : tools) {
			generator.writeStartObject();
			generator.writeStringProperty("type", "function");
			generator.writeName("function");
			generator.writeStartObject();
			OpenAiRequestFields.writeFunction(generator, tool, this.mapper);
			generator.writeEndObject();
			generator.writeEndObject();
		}
		generator.writeEndArray();
	}

	private void writeResponseFormat(JsonGenerator generator, ResponseFormat format) {
		generator.writeStartObject();
		if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
			generator.writeStringProperty("type", "json_object");
		}
		else {
			generator.writeStringProperty("type", "json_schema");
			generator.writeName("json_schema");
			generator.writeStartObject();
			OpenAiRequestFields.writeJsonSchema(generator, format, this.mapper);
			generator.writeEndObject();
		}
		generator.writeEndObject();
	}

}
