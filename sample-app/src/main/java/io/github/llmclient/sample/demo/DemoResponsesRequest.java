package io.github.llmclient.sample.demo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Responses API request ({@code POST /demo/v1/responses}) as the Chat Completions request
 * it means, so that the demo model answers both APIs alike: {@code instructions} become a system
 * message, {@code input} items messages ({@code message} items with their parts,
 * {@code function_call} items the assistant's tool calls, {@code function_call_output} items tool
 * messages; {@code reasoning} items, which the demo replays nothing from, are skipped), flat tools
 * and tool choices the nested ones, {@code text.format} the response format and
 * {@code max_output_tokens} the token budget.
 */
final class DemoResponsesRequest {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private DemoResponsesRequest() {
	}

	/**
	 * The request as Chat Completions would have it.
	 * @param mapper the mapper
	 * @param body the Responses API request
	 * @return the chat request
	 * @throws IllegalArgumentException with OpenAI's kind of message, for an input item it would reject
	 */
	static DemoWire.CompletionRequest of(JsonMapper mapper, JsonNode body) {
		ObjectNode chat = nodes.objectNode();
		if (body.path("model").isString()) {
			chat.put("model", body.path("model").stringValue());
		}
		ArrayNode messages = chat.putArray("messages");
		if (body.path("instructions").isString()) {
			messages.addObject().put("role", "system").put("content", body.path("instructions").stringValue());
		}
		JsonNode input = body.path("input");
		if (input.isString()) {
			messages.addObject().put("role", "user").put("content", input.stringValue());
		}
		for (JsonNode item : input.isArray() ? input : nodes.arrayNode()) {
			String type = item.path("type").asString("message");
			switch (type) {
				case "message" -> messages.addObject()
					.put("role", item.path("role").asString(null))
					.set("content", content(item.path("content")));
				case "function_call" -> {
					ObjectNode last = (messages.size() > 0) ? (ObjectNode) messages.get(messages.size() - 1) : null;
					ObjectNode assistant = (last != null && "assistant".equals(last.path("role").asString(null)))
							? last : messages.addObject().put("role", "assistant").putNull("content");
					ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls")
							: assistant.putArray("tool_calls");
					ObjectNode call = calls.addObject().put("id", item.path("call_id").asString(null)).put("type", "function");
					call.putObject("function")
						.put("name", item.path("name").asString(null))
						.put("arguments", item.path("arguments").asString(null));
				}
				case "function_call_output" -> messages.addObject()
					.put("role", "tool")
					.put("tool_call_id", item.path("call_id").asString(null))
					.put("content", item.path("output").asString(""));
				case "reasoning" -> {
					// the model's own reasoning, replayed: the demo reasons afresh each time
				}
				default -> throw new IllegalArgumentException("Invalid value for 'input[].type': '" + type + "'.");
			}
		}
		if (body.path("tools").isArray()) {
			ArrayNode tools = chat.putArray("tools");
			for (JsonNode tool : body.path("tools")) {
				ObjectNode function = tools.addObject().put("type", "function").putObject("function");
				function.put("name", tool.path("name").asString(null));
				if (tool.path("description").isString()) {
					function.put("description", tool.path("description").stringValue());
				}
				function.set("parameters", tool.path("parameters").isObject() ? tool.path("parameters") : null);
			}
		}
		JsonNode choice = body.path("tool_choice");
		if (choice.isString()) {
			chat.put("tool_choice", choice.stringValue());
		}
		else if (choice.isObject()) {
			chat.putObject("tool_choice").put("type", "function").putObject("function")
				.put("name", choice.path("name").asString(null));
		}
		JsonNode format = body.path("text").path("format");
		if (format.isObject()) {
			ObjectNode responseFormat = chat.putObject("response_format").put("type", format.path("type").asString(null));
			if ("json_schema".equals(format.path("type").asString(null))) {
				responseFormat.putObject("json_schema")
					.put("name", format.path("name").asString(null))
					.put("strict", format.path("strict").asBoolean(false))
					.set("schema", format.path("schema"));
			}
		}
		if (body.path("max_output_tokens").isNumber()) {
			chat.put("max_tokens", body.path("max_output_tokens").asInt());
		}
		chat.put("stream", body.path("stream").asBoolean(false));
		return mapper.treeToValue(chat, DemoWire.CompletionRequest.class);
	}

	/** A message's content: a string as it is; parts in their Chat Completions shape. */
	private static JsonNode content(JsonNode content) {
		if (!content.isArray()) {
			return content;
		}
		ArrayNode parts = nodes.arrayNode();
		for (JsonNode part : content) {
			String type = part.path("type").asString("");
			switch (type) {
				case "input_text", "output_text" -> parts.addObject().put("type", "text")
					.put("text", part.path("text").asString(""));
				case "input_image" -> parts.addObject().put("type", "image_url").putObject("image_url")
					.put("url", part.path("image_url").asString(null));
				default -> parts.addObject().put("type", type);
			}
		}
		return parts;
	}

}
