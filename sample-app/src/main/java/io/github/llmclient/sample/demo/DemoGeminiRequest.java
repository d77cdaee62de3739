package io.github.llmclient.sample.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Gemini {@code generateContent} request and restates it in OpenAI's shape, so that the
 * demo model's one conversation checker and answerer ({@link DemoConversation}, {@link DemoModel})
 * serve both formats. Checked the way Gemini checks it: roles {@code user} and {@code model}, known
 * part kinds, a {@code thoughtSignature} on the first {@code functionCall} part of each replayed
 * model turn (Gemini 3 rejects a tool loop that drops it), and every {@code functionResponse}
 * answering an earlier call of its name.
 */
final class DemoGeminiRequest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DemoGeminiRequest() {
	}

	/**
	 * Restates a request in OpenAI's Chat Completions shape.
	 * @param model the model named in the URL
	 * @param body the request's JSON
	 * @param stream whether it came to {@code :streamGenerateContent}
	 * @return the request in OpenAI's shape
	 * @throws IllegalArgumentException with Gemini's kind of message, for a request it would reject
	 */
	static DemoWire.CompletionRequest toCompletion(String model, JsonNode body, boolean stream) {
		ObjectNode request = NODES.objectNode();
		request.put("model", model);
		request.put("stream", stream);
		ArrayNode messages = request.putArray("messages");
		JsonNode system = body.path("systemInstruction").path("parts");
		if (system.isArray() && !system.isEmpty()) {
			messages.addObject().put("role", "system").put("content", texts(system));
		}
		JsonNode contents = body.path("contents");
		if (!contents.isArray() || contents.isEmpty()) {
			throw new IllegalArgumentException("* GenerateContentRequest.contents: contents is not specified");
		}
		Map<String, Deque<String>> unanswered = new LinkedHashMap<>();
		int calls = 0;
		for (int i = 0; i < contents.size(); i++) {
			JsonNode content = contents.get(i);
			String role = content.path("role").asString("");
			JsonNode parts = content.path("parts");
			if (!parts.isArray() || parts.isEmpty()) {
				throw new IllegalArgumentException(
						"* GenerateContentRequest.contents[" + i + "].parts: contents.parts must not be empty.");
			}
			if (role.equals("model")) {
				calls = modelTurn(messages, parts, i, unanswered, calls);
			}
			else if (role.equals("user")) {
				userTurn(messages, parts, i, unanswered);
			}
			else {
				throw new IllegalArgumentException("* GenerateContentRequest.contents[" + i
						+ "].role: Please use a valid role: user, model.");
			}
		}
		tools(body, request);
		JsonNode config = body.path("generationConfig");
		if (config.has("maxOutputTokens")) {
			request.put("max_tokens", config.path("maxOutputTokens").asInt());
		}
		responseFormat(config, request);
		return JSON.treeToValue(request, DemoWire.CompletionRequest.class);
	}

	private static int modelTurn(ArrayNode messages, JsonNode parts, int index, Map<String, Deque<String>> unanswered,
			int calls) {
		StringBuilder text = new StringBuilder();
		ArrayNode toolCalls = NODES.arrayNode();
		boolean signed = false;
		for (int p = 0; p < parts.size(); p++) {
			JsonNode part = parts.get(p);
			if (part.has("functionCall")) {
				if (toolCalls.isEmpty()) {
					signed = part.path("thoughtSignature").isString();
				}
				String name = part.path("functionCall").path("name").asString("");
				String id = "gemini_demo_" + (calls++);
				unanswered.computeIfAbsent(name, (key) -> new ArrayDeque<>()).add(id);
				ObjectNode call = toolCalls.addObject().put("id", id).put("type", "function");
				call.putObject("function")
					.put("name", name)
					.put("arguments", part.path("functionCall").path("args").toString());
			}
			else if (part.has("text")) {
				if (!part.path("thought").asBoolean(false)) {
					text.append(part.path("text").asString());
				}
			}
			else if (!part.has("thoughtSignature")) {
				throw new IllegalArgumentException("* GenerateContentRequest.contents[" + index + "].parts[" + p
						+ "].data: required oneof field 'data' must have one initialized field");
			}
		}
		if (!toolCalls.isEmpty() && !signed) {
			// what Gemini 3 answers a tool loop that does not replay the signature
			throw new IllegalArgumentException("Function call is missing a thought_signature in functionCall parts. "
					+ "This is required for tools to work correctly, and missing thought_signature may lead to "
					+ "degraded model performance. Additional data, function call `"
					+ toolCalls.get(0).path("function").path("name").asString() + "` , position " + (index + 1)
					+ ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
		}
		ObjectNode message = messages.addObject().put("role", "assistant");
		if (toolCalls.isEmpty()) {
			message.put("content", text.toString());
		}
		else {
			message.set("tool_calls", toolCalls);
			if (!text.isEmpty()) {
				message.put("content", text.toString());
			}
		}
		return calls;
	}

	private static void userTurn(ArrayNode messages, JsonNode parts, int index, Map<String, Deque<String>> unanswered) {
		ArrayNode userParts = NODES.arrayNode();
		for (int p = 0; p < parts.size(); p++) {
			JsonNode part = parts.get(p);
			if (part.has("functionResponse")) {
				JsonNode response = part.path("functionResponse");
				String name = response.path("name").asString("");
				Deque<String> ids = unanswered.get(name);
				if (ids == null || ids.isEmpty()) {
					throw new IllegalArgumentException("* GenerateContentRequest.contents[" + index + "].parts[" + p
							+ "].function_response: no earlier function call of '" + name + "' to answer.");
				}
				JsonNode output = response.path("response").path("output");
				String result = output.isString() ? output.asString()
						: (output.isMissingNode() ? response.path("response").toString() : output.toString());
				messages.addObject().put("role", "tool").put("tool_call_id", ids.poll()).put("content", result);
			}
			else if (part.has("text")) {
				userParts.addObject().put("type", "text").put("text", part.path("text").asString());
			}
			else if (part.has("inlineData") || part.has("fileData")) {
				userParts.addObject().put("type", "image_url").putObject("image_url").put("url", imageUrl(part));
			}
			else {
				throw new IllegalArgumentException("* GenerateContentRequest.contents[" + index + "].parts[" + p
						+ "].data: required oneof field 'data' must have one initialized field");
			}
		}
		if (!userParts.isEmpty()) {
			messages.addObject().put("role", "user").set("content", userParts);
		}
	}

	private static String imageUrl(JsonNode part) {
		if (part.has("inlineData")) {
			JsonNode data = part.path("inlineData");
			return "data:" + data.path("mimeType").asString("") + ";base64," + data.path("data").asString("");
		}
		return part.path("fileData").path("fileUri").asString("");
	}

	private static void tools(JsonNode body, ObjectNode request) {
		ArrayNode tools = NODES.arrayNode();
		for (JsonNode tool : body.path("tools")) {
			for (JsonNode declaration : tool.path("functionDeclarations")) {
				ObjectNode function = tools.addObject().put("type", "function").putObject("function");
				function.put("name", declaration.path("name").asString(null));
				function.put("description", declaration.path("description").asString(null));
				JsonNode parameters = declaration.has("parametersJsonSchema") ? declaration.get("parametersJsonSchema")
						: declaration.get("parameters");
				if (parameters != null) {
					function.set("parameters", parameters);
				}
			}
		}
		if (!tools.isEmpty()) {
			request.set("tools", tools);
		}
		JsonNode config = body.path("toolConfig").path("functionCallingConfig");
		String mode = config.path("mode").asString("");
		JsonNode allowed = config.path("allowedFunctionNames");
		if (mode.equals("ANY") && allowed.isArray() && allowed.size() == 1) {
			ObjectNode choice = request.putObject("tool_choice").put("type", "function");
			choice.putObject("function").put("name", allowed.get(0).asString());
		}
		else if (!mode.isEmpty() && !tools.isEmpty()) {
			request.put("tool_choice", switch (mode) {
				case "ANY" -> "required";
				case "NONE" -> "none";
				default -> "auto";
			});
		}
	}

	private static void responseFormat(JsonNode config, ObjectNode request) {
		@Nullable JsonNode schema = config.has("responseJsonSchema") ? config.get("responseJsonSchema")
				: config.get("responseSchema");
		String mimeType = config.path("responseMimeType").asString("text/plain");
		if (schema != null && !mimeType.equals("application/json")) {
			throw new IllegalArgumentException("* GenerateContentRequest.generation_config.response_mime_type: "
					+ "a response schema needs response_mime_type 'application/json'.");
		}
		if (schema != null) {
			ObjectNode format = request.putObject("response_format").put("type", "json_schema");
			format.putObject("json_schema").put("name", "answer").set("schema", schema);
		}
		else if (mimeType.equals("application/json")) {
			request.putObject("response_format").put("type", "json_object");
		}
	}

	private static String texts(JsonNode parts) {
		StringBuilder text = new StringBuilder();
		for (JsonNode part : parts) {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(part.path("text").asString(""));
		}
		return text.toString();
	}

}
