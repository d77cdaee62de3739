package io.github.llmclient.provider.openai.responses;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderErrorException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads a {@code response} object, whole (a non-streaming answer) or as a stream's terminal event
 * carries it: {@code output_text} and {@code refusal} parts joined as the content,
 * {@code function_call} items as tool calls ({@code call_id} as the id), reasoning summary texts
 * joined by a blank line as the reasoning, the usage with its cached and reasoning tokens, and the
 * finish reason: {@code stop}, {@code tool_calls} when the output calls functions, {@code length}
 * or {@code content_filter} for an {@code incomplete} response. A {@code failed} one is an error
 * whose type is the response's {@code error.code}.
 *
 * <p>
 * When the output holds reasoning items, the response's replay data
 * ({@link ReplayData#OPENAI_RESPONSES}) is the JSON array of its reasoning, message and
 * function-call items as received, in order: the next request replays them so that a reasoning
 * model continues from its own reasoning, even with {@code store: false}.
 */
final class ResponsesResponseReader {

	/** What separates the texts of two reasoning summary parts, streamed or not. */
	static final String SUMMARY_SEPARATOR = "\n\n";

	private final JsonMapper mapper;

	ResponsesResponseReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatResponse read(byte[] body) {
		JsonNode root = this.mapper.readTree(body);
		if (!root.isObject() || !"response".equals(root.path("object").asString(null)) && !root.has("output")) {
			throw new IllegalStateException("the body is not a response object");
		}
		return read(root, null);
	}

	/**
	 * Reads a response object.
	 * @param response the object
	 * @param streamedItems the output items a stream delivered in {@code response.output_item.done}
	 * events, used when the object lists none; null when not streamed
	 * @return the answer
	 * @throws ProviderErrorException when the response failed
	 */
	ChatResponse read(JsonNode response, @Nullable List<JsonNode> streamedItems) {
		String status = response.path("status").asString(null);
		if ("failed".equals(status)) {
			throw new ProviderErrorException(failure(response));
		}
		JsonNode output = response.path("output");
		List<JsonNode> items = new ArrayList<>();
		if (output.isArray()) {
			output.forEach(items::add);
		}
		if (items.isEmpty() && streamedItems != null) {
			items.addAll(streamedItems);
		}
		StringBuilder content = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>();
		ArrayNode replay = this.mapper.createArrayNode();
		boolean reasons = false;
		for (JsonNode item : items) {
			switch (item.path("type").asString("")) {
				case "message" -> {
					readMessage(item, content);
					replay.add(item);
				}
				case "function_call" -> {
					toolCalls.add(new ToolCall(item.path("call_id").asString(""), item.path("name").asString(""),
							item.path("arguments").asString("")));
					replay.add(item);
				}
				case "reasoning" -> {
					for (JsonNode part : item.path("summary")) {
						if (part.path("text").isString()) {
							if (!reasoning.isEmpty()) {
								reasoning.append(SUMMARY_SEPARATOR);
							}
							reasoning.append(part.path("text").stringValue());
						}
					}
					replay.add(item);
					reasons = true;
				}
				default -> {
					// built-in tool calls and item types yet unknown: not ours to read or replay
				}
			}
		}
		return new ChatResponse(text(response.path("id")), text(response.path("model")), content.toString(),
				finishReason(status, response, !toolCalls.isEmpty()), usage(response.path("usage")), toolCalls,
				reasoning.toString(), reasons ? new ReplayData(ReplayData.OPENAI_RESPONSES, replay.toString()) : null);
	}

	private static void readMessage(JsonNode item, StringBuilder content) {
		for (JsonNode part : item.path("content")) {
			switch (part.path("type").asString("")) {
				case "output_text" -> content.append(part.path("text").asString(""));
				case "refusal" -> content.append(part.path("refusal").asString(""));
				default -> {
				}
			}
		}
	}

	static @Nullable String finishReason(@Nullable String status, JsonNode response, boolean callsTools) {
		if (status == null || "completed".equals(status)) {
			return callsTools ? "tool_calls" : "stop";
		}
		if ("incomplete".equals(status)) {
			String reason = response.path("incomplete_details").path("reason").asString(null);
			if (reason == null) {
				return "length";
			}
			return switch (reason) {
				case "max_output_tokens" -> "length";
				case "content_filter" -> "content_filter";
				default -> reason;
			};
		}
		return status;
	}

	static @Nullable Usage usage(JsonNode usage) {
		if (!usage.isObject()) {
			return null;
		}
		int input = usage.path("input_tokens").asInt(0);
		int output = usage.path("output_tokens").asInt(0);
		int total = usage.path("total_tokens").isNumber() ? usage.path("total_tokens").asInt() : input + output;
		return new Usage(input, output, total, usage.path("input_tokens_details").path("cached_tokens").asInt(0),
				usage.path("output_tokens_details").path("reasoning_tokens").asInt(0));
	}

	/** A failed response's {@code error}: its code is the error's type. */
	static ProviderError failure(JsonNode response) {
		JsonNode error = response.path("error");
		String code = text(error.path("code"));
		String message = text(error.path("message"));
		return new ProviderError((message != null) ? message : "the response failed",
				(code != null) ? code : text(error.path("type")));
	}

	/**
	 * An {@code error} event, its fields flat ({@code {"type":"error","code","message"}}) or nested
	 * ({@code {"type":"error","error":{"type","code","message"}}}): the code is the error's type
	 * when there is one, as for failed responses.
	 */
	static ProviderError errorEvent(JsonNode event) {
		JsonNode error = event.path("error").isObject() ? event.path("error") : event;
		String code = text(error.path("code"));
		String type = text(error.path("type"));
		return new ProviderError(text(error.path("message")),
				(code != null) ? code : ("error".equals(type) ? null : type));
	}

	private static @Nullable String text(JsonNode node) {
		if (node.isString()) {
			String value = node.stringValue();
			return value.isEmpty() ? null : value;
		}
		return node.isNumber() ? node.asString() : null;
	}

}
