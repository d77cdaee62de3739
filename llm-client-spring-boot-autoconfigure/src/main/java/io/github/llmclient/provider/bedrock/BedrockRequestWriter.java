package io.github.llmclient.provider.bedrock;

import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Converse request bodies (the same for {@code converse} and {@code converse-stream}; the
 * model is in the URL). System messages go to {@code system}; tool results open a {@code user}
 * message that later results and a user message right after them join (the roles must
 * alternate); {@code maxTokens}, {@code temperature}, {@code topP} and {@code stopSequences} to
 * {@code inferenceConfig}.
 *
 * <p>
 * Decisions where Bedrock differs: {@link ToolChoice#none()} has no Converse value, so the tools
 * are then not offered at all, unless the conversation already holds tool calls or results, for
 * which Bedrock requires the {@code toolConfig}: it is then sent without a {@code toolChoice}
 * (the model's default, {@code auto}). {@link ResponseFormat#jsonObject()} is sent as a JSON
 * schema that admits any object. A reasoning effort becomes Anthropic's {@code thinking} budget
 * (low 1,024, medium 4,096, high 16,384 tokens), and {@code maxTokens} is raised above the budget
 * when it would not exceed it.
 */
final class BedrockRequestWriter {

	/** The budget of each effort, in tokens. */
	static final int LOW_BUDGET = 1024;

	static final int MEDIUM_BUDGET = 4096;

	static final int HIGH_BUDGET = 16384;

	/** The answer's room beyond a reasoning budget when no max tokens are set or they do not exceed it. */
	static final int ANSWER_TOKENS = 1024;

	static final String JSON_OBJECT_NAME = "json_answer";

	private final JsonMapper mapper;

	private final BedrockContent content;

	BedrockRequestWriter(JsonMapper mapper) {
		this.mapper = mapper;
		this.content = new BedrockContent(mapper);
	}

	/**
	 * Writes a request body.
	 * @param request the request
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @return the JSON bytes
	 * @throws IllegalArgumentException for what Bedrock cannot take (a URL image, a tool call whose
	 * input is not an object), before anything is sent
	 */
	byte[] write(ChatRequest request, @Nullable Integer defaultMaxTokens) {
		ObjectNode body = this.mapper.createObjectNode();
		boolean cachePrefix = request.cache() != null && request.cache().cachesPrefix();
		ArrayNode messages = messages(request.messages());
		ArrayNode system = system(request.messages());
		boolean toolHistory = hasToolBlocks(request.messages());
		ArrayNode tools = tools(request, toolHistory);
		if (cachePrefix) {
			cachePoint(messages, system, tools);
		}
		body.set("messages", messages);
		if (system != null) {
			body.set("system", system);
		}
		inferenceConfig(body, request, defaultMaxTokens);
		if (tools != null) {
			ObjectNode toolConfig = body.putObject("toolConfig");
			toolConfig.set("tools", tools);
			toolChoice(toolConfig, request.toolChoice());
		}
		Reasoning reasoning = request.reasoning();
		if (reasoning != null) {
			ObjectNode thinking = body.putObject("additionalModelRequestFields").putObject("thinking");
			thinking.put("type", "enabled");
			thinking.put("budget_tokens", budget(reasoning));
		}
		outputConfig(body, request.responseFormat());
		for (Map.Entry<String, Object> extra : request.extraBody().entrySet()) {
			body.set(extra.getKey(), this.mapper.valueToTree(extra.getValue()));
		}
		return this.mapper.writeValueAsBytes(body);
	}

	private ArrayNode messages(List<ChatMessage> conversation) {
		ArrayNode messages = this.mapper.createArrayNode();
		ArrayNode toolTurn = null;
		for (ChatMessage message : conversation) {
			switch (message.role()) {
				case TOOL -> {
					if (toolTurn == null) {
						toolTurn = message(messages, "user");
					}
					this.content.toolResult(message, toolTurn);
				}
				case USER -> {
					if (toolTurn != null) {
						this.content.user(message, toolTurn);
						toolTurn = null;
					}
					else {
						this.content.user(message, message(messages, "user"));
					}
				}
				case ASSISTANT -> {
					toolTurn = null;
					this.content.assistant(message, message(messages, "assistant"));
				}
				case SYSTEM -> {
					// in the top-level system field
				}
			}
		}
		return messages;
	}

	private static ArrayNode message(ArrayNode messages, String role) {
		ObjectNode message = messages.addObject();
		message.put("role", role);
		return message.putArray("content");
	}

	private @Nullable ArrayNode system(List<ChatMessage> conversation) {
		ArrayNode system = null;
		for (ChatMessage message : conversation) {
			if (message.role() == Role.SYSTEM && !message.content().isEmpty()) {
				if (system == null) {
					system = this.mapper.createArrayNode();
				}
				system.addObject().put("text", message.content());
			}
		}
		return system;
	}

	private static boolean hasToolBlocks(List<ChatMessage> conversation) {
		for (ChatMessage message : conversation) {
			if (message.role() == Role.TOOL || !message.toolCalls().isEmpty()) {
				return true;
			}
		}
		return false;
	}

	private @Nullable ArrayNode tools(ChatRequest request, boolean toolHistory) {
		if (request.tools().isEmpty()) {
			return null;
		}
		ToolChoice choice = request.toolChoice();
		if (choice != null && choice.mode() == ToolChoice.Mode.NONE && !toolHistory) {
			return null;
		}
		ArrayNode tools = this.mapper.createArrayNode();
		for (Tool tool : request.tools()) {
			ObjectNode spec = tools.addObject().putObject("toolSpec");
			spec.put("name", tool.name());
			if (tool.description() != null) {
				spec.put("description", tool.description());
			}
			spec.putObject("inputSchema").set("json", this.mapper.readTree(tool.parameters()));
		}
		return tools;
	}

	private static void toolChoice(ObjectNode toolConfig, @Nullable ToolChoice choice) {
		if (choice == null) {
			return;
		}
		switch (choice.mode()) {
			case AUTO -> toolConfig.putObject("toolChoice").putObject("auto");
			case REQUIRED -> toolConfig.putObject("toolChoice").putObject("any");
			case FUNCTION -> toolConfig.putObject("toolChoice").putObject("tool").put("name", choice.name());
			case NONE -> {
				// no Converse value: the tools are sent only because the history needs them
			}
		}
	}

	/**
	 * One {@code cachePoint} at the end of the stable prefix: the message before the last, else
	 * the system prompt, else the tools (Bedrock caches tools, system and messages as one prefix).
	 */
	private static void cachePoint(ArrayNode messages, @Nullable ArrayNode system, @Nullable ArrayNode tools) {
		if (messages.size() >= 2) {
			BedrockContent.cachePoint((ArrayNode) messages.get(messages.size() - 2).get("content"));
		}
		else if (system != null) {
			BedrockContent.cachePoint(system);
		}
		else if (tools != null) {
			BedrockContent.cachePoint(tools);
		}
	}

	private static void inferenceConfig(ObjectNode body, ChatRequest request, @Nullable Integer defaultMaxTokens) {
		ObjectNode config = body.objectNode();
		Integer maxTokens = (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens;
		if (request.reasoning() != null) {
			int budget = budget(request.reasoning());
			if (maxTokens == null || maxTokens <= budget) {
				maxTokens = budget + ((maxTokens != null) ? maxTokens : ANSWER_TOKENS);
			}
		}
		if (maxTokens != null) {
			config.put("maxTokens", maxTokens);
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
		if (!config.isEmpty()) {
			body.set("inferenceConfig", config);
		}
	}

	static int budget(Reasoning reasoning) {
		if (reasoning.budgetTokens() != null) {
			return reasoning.budgetTokens();
		}
		return switch (reasoning.effort()) {
			case LOW -> LOW_BUDGET;
			case MEDIUM -> MEDIUM_BUDGET;
			case HIGH -> HIGH_BUDGET;
		};
	}

	/** Structured output: {@code outputConfig.textFormat}, the schema as a JSON string. */
	private static void outputConfig(ObjectNode body, @Nullable ResponseFormat format) {
		if (format == null || format.type() == ResponseFormat.Type.TEXT) {
			return;
		}
		boolean schema = format.type() == ResponseFormat.Type.JSON_SCHEMA;
		ObjectNode textFormat = body.putObject("outputConfig").putObject("textFormat");
		textFormat.put("type", "json_schema");
		ObjectNode jsonSchema = textFormat.putObject("structure").putObject("jsonSchema");
		jsonSchema.put("schema", schema ? format.schema() : "{\"type\":\"object\"}");
		jsonSchema.put("name", schema ? format.name() : JSON_OBJECT_NAME);
	}

}
