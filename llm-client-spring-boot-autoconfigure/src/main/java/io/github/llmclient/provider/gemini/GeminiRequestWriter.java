package io.github.llmclient.provider.gemini;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code generateContent} bodies: roles {@code user}/{@code model} (always sent), system
 * messages as {@code systemInstruction}, images as {@code inlineData}/{@code fileData}, tools as
 * {@code functionDeclarations} with {@code parametersJsonSchema}, tool results merged into one
 * {@code user} content of {@code functionResponse} parts, an assistant message with Gemini replay
 * data as the very parts the model sent (thought signatures in place), and the generation config.
 */
final class GeminiRequestWriter {

	private final JsonMapper mapper;

	GeminiRequestWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The body of a request.
	 * @param request the request
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @return the JSON body
	 * @throws IllegalArgumentException when the request cannot be expressed (an image URL of
	 * unknown type, a data: URL that is not base64, a tool result for no known call)
	 */
	byte[] write(ChatRequest request, @Nullable Integer defaultMaxTokens) {
		ObjectNode body = this.mapper.createObjectNode();
		ArrayNode contents = body.putArray("contents");
		ArrayNode system = null;
		Map<String, String> callNames = callNames(request.messages());
		ArrayNode toolResults = null;
		for (ChatMessage message : request.messages()) {
			if (message.role() == Role.TOOL) {
				if (toolResults == null) {
					ObjectNode content = contents.addObject().put("role", "user");
					toolResults = content.putArray("parts");
				}
				toolResults.add(functionResponse(message, callNames));
				continue;
			}
			toolResults = null;
			switch (message.role()) {
				case SYSTEM -> {
					if (system == null) {
						system = body.putObject("systemInstruction").putArray("parts");
					}
					system.addObject().put("text", message.content());
				}
				case USER -> userContent(contents.addObject().put("role", "user").putArray("parts"), message);
				case ASSISTANT -> modelContent(contents.addObject().put("role", "model").putArray("parts"), message);
				default -> throw new IllegalStateException("Unexpected role " + message.role());
			}
		}
		if (!request.tools().isEmpty()) {
			ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
			for (Tool tool : request.tools()) {
				ObjectNode declaration = declarations.addObject().put("name", tool.name());
				if (tool.description() != null) {
					declaration.put("description", tool.description());
				}
				declaration.set("parametersJsonSchema", this.mapper.readTree(tool.parameters()));
			}
		}
		if (request.toolChoice() != null) {
			toolConfig(body, request.toolChoice());
		}
		generationConfig(body, request, defaultMaxTokens);
		request.extraBody().forEach((name, value) -> body.set(name, this.mapper.valueToTree(value)));
		return this.mapper.writeValueAsBytes(body);
	}

	/** The name of every call an assistant message made, by id: a tool result names only the id. */
	private static Map<String, String> callNames(List<ChatMessage> messages) {
		Map<String, String> names = new HashMap<>();
		for (ChatMessage message : messages) {
			for (ToolCall call : message.toolCalls()) {
				names.put(call.id(), call.name());
			}
		}
		return names;
	}

	private void userContent(ArrayNode parts, ChatMessage message) {
		for (ContentPart part : message.parts()) {
			if (part instanceof ContentPart.Text text) {
				parts.addObject().put("text", text.text());
			}
			else if (part instanceof ContentPart.Image image) {
				parts.addObject().putObject("inlineData").put("mimeType", image.mediaType()).put("data", image.base64());
			}
			else if (part instanceof ContentPart.ImageUrl url) {
				if (url.isDataUrl()) {
					dataUrl(parts.addObject().putObject("inlineData"), url.url());
				}
				else {
					parts.addObject()
						.putObject("fileData")
						.put("mimeType", GeminiMediaTypes.of(url.url()))
						.put("fileUri", url.url());
				}
			}
		}
	}

	/** A {@code data:<media type>;base64,<data>} URL as inline data. */
	private static void dataUrl(ObjectNode inlineData, String url) {
		int comma = url.indexOf(',');
		String[] meta = url.substring(5, (comma >= 0) ? comma : url.length()).split(";");
		String mediaType = meta[0].trim();
		boolean base64 = meta.length > 1 && meta[meta.length - 1].trim().equalsIgnoreCase("base64");
		if (comma < 0 || !base64 || mediaType.isEmpty()) {
			throw new IllegalArgumentException(
					"Gemini takes an inline image as data:<media type>;base64,<data>, which this data: URL is not");
		}
		inlineData.put("mimeType", mediaType).put("data", url.substring(comma + 1));
	}

	private void modelContent(ArrayNode parts, ChatMessage message) {
		if (message.replay() != null && message.replay().isFor(ReplayData.GEMINI)) {
			// the parts exactly as the model sent them: each thought signature on its own part
			JsonNode replayed = this.mapper.readTree(message.replay().data()).path("parts");
			if (replayed.isArray() && !replayed.isEmpty()) {
				replayed.forEach(parts::add);
				return;
			}
		}
		String text = message.content();
		if (!text.isEmpty()) {
			parts.addObject().put("text", text);
		}
		for (ToolCall call : message.toolCalls()) {
			ObjectNode functionCall = parts.addObject().putObject("functionCall");
			if (!GeminiCallIds.isMadeUp(call.id())) {
				functionCall.put("id", call.id());
			}
			functionCall.put("name", call.name());
			functionCall.set("args", arguments(call));
		}
		if (parts.isEmpty()) {
			// the API refuses a content without parts; an empty answer still holds its turn
			parts.addObject().put("text", "");
		}
	}

	private JsonNode arguments(ToolCall call) {
		String arguments = call.arguments().isBlank() ? "{}" : call.arguments();
		try {
			JsonNode args = this.mapper.readTree(arguments);
			if (args.isObject()) {
				return args;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw new IllegalArgumentException("Gemini takes a function call's arguments as a JSON object, and those of "
				+ "call " + call.id() + " (" + call.name() + ") are not one");
	}

	private ObjectNode functionResponse(ChatMessage message, Map<String, String> callNames) {
		String id = message.toolCallId();
		String name = callNames.get(id);
		if (name == null) {
			throw new IllegalArgumentException("Gemini needs the function name of tool result '" + id
					+ "', and no assistant message of the conversation made a call with that id: "
					+ "keep the assistant message (ChatMessage.assistant(response)) before its tool results");
		}
		ObjectNode part = this.mapper.createObjectNode();
		ObjectNode response = part.putObject("functionResponse");
		if (!GeminiCallIds.isMadeUp(id)) {
			response.put("id", id);
		}
		response.put("name", name);
		response.putObject("response").set("output", output(message.content()));
		return part;
	}

	/** A tool's result: its JSON when the whole text is JSON, else the text. */
	private JsonNode output(String result) {
		String trimmed = result.strip();
		if (!trimmed.isEmpty()) {
			try {
				return this.mapper.readTree(trimmed);
			}
			catch (JacksonException ex) {
				// plain text
			}
		}
		return this.mapper.getNodeFactory().stringNode(result);
	}

	private static void toolConfig(ObjectNode body, ToolChoice choice) {
		ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
		switch (choice.mode()) {
			case AUTO -> config.put("mode", "AUTO");
			case NONE -> config.put("mode", "NONE");
			case REQUIRED -> config.put("mode", "ANY");
			case FUNCTION -> {
				config.put("mode", "ANY");
				config.putArray("allowedFunctionNames").add(choice.name());
			}
		}
	}

	private void generationConfig(ObjectNode body, ChatRequest request, @Nullable Integer defaultMaxTokens) {
		ObjectNode config = this.mapper.createObjectNode();
		Integer maxTokens = (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens;
		if (maxTokens != null) {
			config.put("maxOutputTokens", maxTokens);
		}
		if (request.temperature() != null) {
			config.put("temperature", request.temperature());
		}
		if (request.topP() != null) {
			config.put("topP", request.topP());
		}
		if (!request.stop().isEmpty()) {
			ArrayNode stop = config.putArray("stopSequences");
			request.stop().forEach(stop::add);
		}
		ResponseFormat format = request.responseFormat();
		if (format != null && format.type() != ResponseFormat.Type.TEXT) {
			config.put("responseMimeType", "application/json");
			if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null) {
				config.set("responseJsonSchema", this.mapper.readTree(format.schema()));
			}
		}
		Reasoning reasoning = request.reasoning();
		if (reasoning != null) {
			ObjectNode thinking = config.putObject("thinkingConfig").put("includeThoughts", true);
			if (reasoning.effort() != null) {
				thinking.put("thinkingLevel", reasoning.effort().name().toUpperCase(Locale.ROOT));
			}
			else {
				thinking.put("thinkingBudget", reasoning.budgetTokens());
			}
		}
		if (!config.isEmpty()) {
			body.set("generationConfig", config);
		}
	}


}
