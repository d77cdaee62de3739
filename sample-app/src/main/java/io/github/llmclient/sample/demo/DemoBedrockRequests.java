package io.github.llmclient.sample.demo;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.sample.demo.DemoWire.CompletionRequest;
import io.github.llmclient.sample.demo.DemoWire.InMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Bedrock Converse request into the OpenAI-shaped request the demo model answers from, so
 * that one model ({@link DemoModel}, checked by {@link DemoConversation}) serves both formats:
 * {@code system} blocks become a system message; a user message's {@code toolResult} blocks become
 * tool messages (before its text, as Converse puts them first); {@code image} bytes become
 * {@code data:} URLs; an assistant's {@code toolUse} blocks become tool calls;
 * {@code toolConfig} becomes tools and a tool choice ({@code auto}, {@code any} as
 * {@code required}, {@code tool} as a named function); {@code outputConfig}'s JSON schema (a
 * string) becomes a {@code json_schema} response format; {@code inferenceConfig.maxTokens},
 * {@code max_tokens}.
 */
final class DemoBedrockRequests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DemoBedrockRequests() {
	}

	/**
	 * Reads a Converse request.
	 * @param modelId the model of the URL
	 * @param body the request body
	 * @param stream whether it came to {@code converse-stream}
	 * @return the request in the demo model's terms
	 * @throws IllegalArgumentException for a request Bedrock would reject
	 */
	static CompletionRequest read(String modelId, JsonNode body, boolean stream) {
		if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
			throw new IllegalArgumentException("1 validation error detected: Value at 'messages' failed to satisfy "
					+ "constraint: Member must not be null or empty");
		}
		List<InMessage> messages = new ArrayList<>();
		for (JsonNode block : body.path("system")) {
			messages.add(new InMessage("system", NODES.stringNode(block.path("text").asString("")), null, null));
		}
		int index = 0;
		for (JsonNode message : body.path("messages")) {
			String role = message.path("role").asString("");
			switch (role) {
				case "user" -> user(message.path("content"), messages);
				case "assistant" -> messages.add(assistant(message.path("content")));
				default -> throw new IllegalArgumentException("1 validation error detected: Value '" + role
						+ "' at 'messages." + (index + 1) + ".member.role' failed to satisfy constraint: Member must "
						+ "satisfy enum value set: [user, assistant]");
			}
			index++;
		}
		JsonNode maxTokens = body.path("inferenceConfig").path("maxTokens");
		return new CompletionRequest(modelId, messages, stream, null, maxTokens.isNumber() ? maxTokens.asInt() : null,
				tools(body.path("toolConfig")), toolChoice(body.path("toolConfig").path("toolChoice")),
				responseFormat(body.path("outputConfig").path("textFormat")));
	}

	private static void user(JsonNode content, List<InMessage> messages) {
		ArrayNode parts = NODES.arrayNode();
		for (JsonNode block : content) {
			if (block.has("toolResult")) {
				JsonNode result = block.get("toolResult");
				messages.add(new InMessage("tool", NODES.stringNode(resultText(result.path("content"))), null,
						result.path("toolUseId").asString(null)));
			}
			else if (block.has("text")) {
				parts.addObject().put("type", "text").put("text", block.get("text").asString(""));
			}
			else if (block.has("image")) {
				JsonNode image = block.get("image");
				String url = "data:image/" + image.path("format").asString("png") + ";base64,"
						+ image.path("source").path("bytes").asString("");
				parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
			}
		}
		if (!parts.isEmpty()) {
			messages.add(new InMessage("user", parts, null, null));
		}
	}

	private static InMessage assistant(JsonNode content) {
		List<String> texts = new ArrayList<>();
		List<DemoWire.ToolCall> calls = new ArrayList<>();
		for (JsonNode block : content) {
			if (block.has("text")) {
				texts.add(block.get("text").asString(""));
			}
			else if (block.has("toolUse")) {
				JsonNode use = block.get("toolUse");
				calls.add(new DemoWire.ToolCall(use.path("toolUseId").asString(null), "function",
						new DemoWire.FunctionCall(use.path("name").asString(null), use.path("input").toString())));
			}
		}
		JsonNode text = texts.isEmpty() ? null : NODES.stringNode(String.join(" ", texts));
		return new InMessage("assistant", text, calls.isEmpty() ? null : calls, null);
	}

	private static String resultText(JsonNode content) {
		List<String> texts = new ArrayList<>();
		for (JsonNode block : content) {
			texts.add(block.has("json") ? block.get("json").toString() : block.path("text").asString(""));
		}
		return String.join(" ", texts);
	}

	private static @Nullable List<DemoWire.ToolDefinition> tools(JsonNode toolConfig) {
		if (!toolConfig.has("tools")) {
			return null;
		}
		List<DemoWire.ToolDefinition> tools = new ArrayList<>();
		for (JsonNode tool : toolConfig.get("tools")) {
			JsonNode spec = tool.path("toolSpec");
			if (spec.isMissingNode()) {
				continue;
			}
			tools.add(new DemoWire.ToolDefinition("function",
					new DemoWire.FunctionDefinition(spec.path("name").asString(null),
							spec.path("description").asString(null), spec.path("inputSchema").get("json"))));
		}
		return tools;
	}

	private static @Nullable JsonNode toolChoice(JsonNode choice) {
		if (choice.has("auto")) {
			return NODES.stringNode("auto");
		}
		if (choice.has("any")) {
			return NODES.stringNode("required");
		}
		if (choice.has("tool")) {
			ObjectNode named = NODES.objectNode().put("type", "function");
			named.putObject("function").put("name", choice.path("tool").path("name").asString(""));
			return named;
		}
		return null;
	}

	private static DemoWire.@Nullable ResponseFormat responseFormat(JsonNode textFormat) {
		JsonNode jsonSchema = textFormat.path("structure").path("jsonSchema");
		if (!"json_schema".equals(textFormat.path("type").asString("")) || !jsonSchema.path("schema").isString()) {
			return null;
		}
		JsonNode schema = JsonMapper.shared().readTree(jsonSchema.get("schema").asString());
		return new DemoWire.ResponseFormat("json_schema",
				new DemoWire.JsonSchemaFormat(jsonSchema.path("name").asString("answer"), schema, true));
	}

}
