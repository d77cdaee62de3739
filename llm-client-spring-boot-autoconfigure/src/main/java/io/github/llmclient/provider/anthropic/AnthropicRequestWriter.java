package io.github.llmclient.provider.anthropic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Messages API request bodies. System messages are folded, in order, into the top-level
 * {@code system} field and {@code max_tokens} is always sent. A text message keeps a plain string
 * {@code content}; images, assistant tool calls and tool results become content blocks
 * ({@link AnthropicContentBlocks}), tool results in one {@code user} message per tool turn.
 *
 * <p>
 * A JSON {@link ResponseFormat} has no Messages API field: it is written as one more tool, the
 * <em>answer tool</em>, whose {@code input_schema} is the format's schema, and a tool choice that
 * makes the model call it. Its input is then read back as the answer's content.
 *
 * <p>
 * A {@link ChatRequest#reasoning()} becomes {@code thinking} ({@link AnthropicThinking}), with
 * {@code max_tokens} raised above its budget; the answer tool is then offered with
 * {@code tool_choice: auto}, since the API forces no tool while thinking. An assistant turn's
 * Anthropic replay data goes back first in its content ({@link AnthropicContentBlocks}).
 */
final class AnthropicRequestWriter {

	/** The answer tool of {@link ResponseFormat#jsonObject()}: any JSON object. */
	static final String JSON_OBJECT_TOOL = "json_answer";

	/** What the answer tool tells the model it is for. */
	static final String ANSWER_TOOL_DESCRIPTION = "Give the final answer: the input of this tool is the answer.";

	private static final String SYSTEM_SEPARATOR = "\n\n";

	private static final String ANY_OBJECT = "{\"type\":\"object\"}";

	private final JsonMapper mapper;

	private final AnthropicContentBlocks blocks;

	private final AnthropicCacheBreakpoints breakpoints;

	AnthropicRequestWriter(JsonMapper mapper) {
		this.mapper = mapper;
		this.blocks = new AnthropicContentBlocks(mapper);
		this.breakpoints = new AnthropicCacheBreakpoints(mapper);
	}

	/**
	 * Writes a request body.
	 * @param request the request, model resolved
	 * @param defaultMaxTokens the {@code max_tokens} when the request sets none
	 * @param stream whether to ask for a stream
	 * @return the body, and the answer tool's name when a response format became one
	 * @throws IllegalArgumentException when the response format's name is one of the request's
	 * tools, or an image {@code data:} URL is not base64 with a media type
	 */
	Written write(ChatRequest request, int defaultMaxTokens, boolean stream) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (request.model() != null) {
			body.put("model", request.model());
		}
		int maxTokens = (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens;
		Integer budget = thinkingBudget(request);
		body.put("max_tokens", (budget != null) ? AnthropicThinking.maxTokens(maxTokens, budget) : maxTokens);
		if (budget != null) {
			body.put("thinking", AnthropicThinking.field(budget));
		}
		StringBuilder system = null;
		for (ChatMessage message : request.messages()) {
			if (message.role() == Role.SYSTEM) {
				system = (system == null) ? new StringBuilder(message.content())
						: system.append(SYSTEM_SEPARATOR).append(message.content());
			}
		}
		if (system != null) {
			body.put("system", system.toString());
		}
		body.put("messages", messages(request.messages()));
		putIfNotNull(body, "temperature", request.temperature());
		putIfNotNull(body, "top_p", request.topP());
		if (!request.stop().isEmpty()) {
			body.put("stop_sequences", request.stop());
		}
		Tool answerTool = answerTool(request);
		writeTools(body, request, answerTool, budget != null);
		if (stream) {
			body.put("stream", true);
		}
		body.putAll(request.extraBody());
		byte[] bytes = this.mapper.writeValueAsBytes(body);
		PromptCache cache = request.cache();
		if (cache != null && cache.cachesPrefix()) {
			bytes = this.breakpoints.mark(bytes, cache);
		}
		return new Written(bytes, (answerTool != null) ? answerTool.name() : null);
	}

	/**
	 * The conversation without its system messages. Tool results open a {@code user} message that
	 * later results, and a user message right after them, join: the roles must alternate, and
	 * every result must answer the assistant turn just before it.
	 */
	private List<Message> messages(List<ChatMessage> conversation) {
		List<Message> messages = new ArrayList<>(conversation.size());
		List<Object> toolTurn = null;
		for (ChatMessage message : conversation) {
			switch (message.role()) {
				case TOOL -> {
					if (toolTurn == null) {
						toolTurn = new ArrayList<>();
						messages.add(new Message(Role.USER.wireName(), toolTurn));
					}
					toolTurn.add(this.blocks.toolResult(message));
				}
				case USER -> {
					if (toolTurn != null) {
						toolTurn.addAll(this.blocks.parts(message));
						toolTurn = null;
					}
					else {
						messages.add(new Message(message.role().wireName(), this.blocks.user(message)));
					}
				}
				case ASSISTANT -> {
					toolTurn = null;
					messages.add(new Message(message.role().wireName(), this.blocks.assistant(message)));
				}
				case SYSTEM -> {
					// in the top-level system field
				}
			}
		}
		return messages;
	}

	/**
	 * The thinking budget of the request's {@link ChatRequest#reasoning()}, checked against what
	 * the API refuses with thinking on; null without reasoning, or when {@code extraBody} sets
	 * {@code thinking} itself (it overrides the modelled field, as before reasoning existed).
	 */
	private static @Nullable Integer thinkingBudget(ChatRequest request) {
		if (request.reasoning() == null || request.extraBody().containsKey("thinking")) {
			return null;
		}
		AnthropicThinking.check(request);
		return AnthropicThinking.budget(request.reasoning());
	}

	private static void putIfNotNull(Map<String, Object> body, String key, @Nullable Object value) {
		if (value != null) {
			body.put(key, value);
		}
	}

	private static @Nullable Tool answerTool(ChatRequest request) {
		ResponseFormat format = request.responseFormat();
		if (format == null || format.type() == ResponseFormat.Type.TEXT) {
			return null;
		}
		String name = (format.type() == ResponseFormat.Type.JSON_SCHEMA) ? format.name() : JSON_OBJECT_TOOL;
		String schema = (format.type() == ResponseFormat.Type.JSON_SCHEMA) ? format.schema() : ANY_OBJECT;
		for (Tool tool : request.tools()) {
			if (tool.name().equals(name)) {
				throw new IllegalArgumentException("The response format is sent to Anthropic as a tool named '" + name
						+ "', but the request already has a tool of that name: rename the response format or the tool");
			}
		}
		return Tool.function(name, ANSWER_TOOL_DESCRIPTION, schema);
	}

	private static void writeTools(Map<String, Object> body, ChatRequest request, @Nullable Tool answerTool,
			boolean thinking) {
		if (request.tools().isEmpty() && answerTool == null) {
			return;
		}
		List<ToolDefinition> tools = new ArrayList<>(request.tools().size() + 1);
		for (Tool tool : request.tools()) {
			tools.add(new ToolDefinition(tool.name(), tool.description(), tool.parameters()));
		}
		if (answerTool != null) {
			tools.add(new ToolDefinition(answerTool.name(), answerTool.description(), answerTool.parameters()));
		}
		body.put("tools", tools);
		ChoiceBody choice = toolChoice(request.toolChoice(), answerTool, !request.tools().isEmpty());
		if (thinking && answerTool != null && choice != null && !"auto".equals(choice.type())) {
			// The API forces no tool while thinking: the answer tool is offered, its description asking for it.
			choice = new ChoiceBody("auto", null);
		}
		if (choice != null) {
			body.put("tool_choice", choice);
		}
	}

	/**
	 * The tool choice. With an answer tool: the model must call it, unless the request names a
	 * tool of its own (that call comes first; the format applies to a later turn), or has tools
	 * it may call, where {@code any} lets the model either call them or answer.
	 */
	private static @Nullable ChoiceBody toolChoice(@Nullable ToolChoice choice, @Nullable Tool answerTool,
			boolean hasTools) {
		ToolChoice.Mode mode = (choice != null) ? choice.mode() : null;
		if (answerTool != null && mode != ToolChoice.Mode.FUNCTION) {
			boolean mayCallTools = hasTools && (mode == null || mode == ToolChoice.Mode.AUTO
					|| mode == ToolChoice.Mode.REQUIRED);
			return mayCallTools ? new ChoiceBody("any", null) : new ChoiceBody("tool", answerTool.name());
		}
		if (mode == null) {
			return null;
		}
		return switch (mode) {
			case AUTO -> new ChoiceBody("auto", null);
			case NONE -> new ChoiceBody("none", null);
			case REQUIRED -> new ChoiceBody("any", null);
			case FUNCTION -> new ChoiceBody("tool", choice.name());
		};
	}

	/**
	 * A request body and what its answer must be read with.
	 * @param body the JSON bytes
	 * @param answerTool the name of the tool whose input is the answer, or null
	 */
	record Written(byte[] body, @Nullable String answerTool) {
	}

	/**
	 * A message in a request body.
	 * @param role {@code user} or {@code assistant}
	 * @param content the text, or a list of content blocks
	 */
	record Message(String role, Object content) {
	}

	/** A tool; its schema, checked to be a JSON object when the {@link Tool} was made, is written as is. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ToolDefinition(String name, @Nullable String description,
			@JsonProperty("input_schema") @JsonRawValue String inputSchema) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ChoiceBody(String type, @Nullable String name) {
	}

}
