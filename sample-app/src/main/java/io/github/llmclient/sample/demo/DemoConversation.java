package io.github.llmclient.sample.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.llmclient.sample.demo.DemoWire.CompletionRequest;
import io.github.llmclient.sample.demo.DemoWire.InMessage;
import io.github.llmclient.sample.demo.DemoWire.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request's conversation, checked the way OpenAI checks it (so a client that replays tool calls
 * wrongly is told, not humoured): roles, content parts, every assistant tool call answered by a
 * tool message naming its id, and no tool message without its call. Then the views the demo model
 * answers from: the last user message, the trailing tool results, the images.
 */
final class DemoConversation {

	private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

	private final List<InMessage> messages;

	private final InMessage lastUser;

	private final List<ToolResult> toolResults;

	private final DemoToolChoice tools;

	private final DemoWire.@Nullable ResponseFormat responseFormat;

	private DemoConversation(List<InMessage> messages, InMessage lastUser, List<ToolResult> toolResults,
			DemoToolChoice tools, DemoWire.@Nullable ResponseFormat responseFormat) {
		this.messages = messages;
		this.lastUser = lastUser;
		this.toolResults = toolResults;
		this.tools = tools;
		this.responseFormat = responseFormat;
	}

	/**
	 * Reads and checks a request.
	 * @param request the request
	 * @return the conversation
	 * @throws IllegalArgumentException with OpenAI's kind of message, for a request it would reject
	 */
	static DemoConversation of(CompletionRequest request) {
		List<InMessage> messages = (request.messages() != null) ? request.messages() : List.of();
		Map<String, String> toolNames = new LinkedHashMap<>();
		Map<String, String> unanswered = new LinkedHashMap<>();
		InMessage lastUser = null;
		for (int i = 0; i < messages.size(); i++) {
			InMessage message = messages.get(i);
			String role = message.role();
			if (role == null || !ROLES.contains(role)) {
				throw new IllegalArgumentException("Invalid value for 'messages[" + i + "].role': '" + role
						+ "'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.");
			}
			if (!role.equals("tool")) {
				requireAnswered(unanswered);
			}
			DemoContent.check(message, i);
			switch (role) {
				case "user" -> lastUser = message;
				case "assistant" -> checkCalls(message, i, toolNames, unanswered);
				case "tool" -> {
					if (message.toolCallId() == null || unanswered.remove(message.toolCallId()) == null) {
						throw new IllegalArgumentException("Invalid parameter: messages with role 'tool' must be a "
								+ "response to a preceding message with 'tool_calls' (messages[" + i
								+ "].tool_call_id is '" + message.toolCallId() + "').");
					}
				}
				default -> {
				}
			}
		}
		requireAnswered(unanswered);
		if (lastUser == null) {
			throw new IllegalArgumentException("The messages must include a user message.");
		}
		DemoToolChoice tools = DemoToolChoice.of(request.tools(), request.toolChoice());
		checkFormat(request.responseFormat());
		return new DemoConversation(messages, lastUser, trailingResults(messages, toolNames), tools,
				request.responseFormat());
	}

	/**
	 * The last user message's text.
	 * @return its text parts joined with spaces
	 */
	String prompt() {
		return DemoContent.text(this.lastUser.content());
	}

	/**
	 * The image URLs ({@code http(s):} or {@code data:}) of the last user message.
	 * @return the URLs, in order
	 */
	List<String> images() {
		return DemoContent.imageUrls(this.lastUser.content());
	}

	/**
	 * The results the conversation ends with: the tool messages after the last assistant turn.
	 * @return the results, empty when the conversation ends with a user message
	 */
	List<ToolResult> toolResults() {
		return this.toolResults;
	}

	/**
	 * The tools the request offers and its tool choice.
	 * @return the tools
	 */
	DemoToolChoice tools() {
		return this.tools;
	}

	/**
	 * The JSON Schema the answer must match.
	 * @return the schema of a {@code json_schema} response format, or null
	 */
	@Nullable JsonNode schema() {
		if (this.responseFormat == null || this.responseFormat.jsonSchema() == null) {
			return null;
		}
		return this.responseFormat.jsonSchema().schema();
	}

	/**
	 * Whether the request asks for any JSON object ({@code json_object}).
	 * @return true for JSON mode
	 */
	boolean wantsJsonObject() {
		return this.responseFormat != null && "json_object".equals(this.responseFormat.type());
	}

	/**
	 * A rough count of the prompt's tokens: the words of every message's text.
	 * @return the count
	 */
	int promptTokens() {
		return this.messages.stream().mapToInt((message) -> DemoAnswers.words(DemoContent.text(message.content())))
			.sum();
	}

	private static void checkCalls(InMessage message, int index, Map<String, String> toolNames,
			Map<String, String> unanswered) {
		if (message.toolCalls() == null) {
			if (message.content() == null || message.content().isNull()) {
				throw new IllegalArgumentException("Invalid value for 'messages[" + index + "].content': an assistant "
						+ "message needs content or tool_calls.");
			}
			return;
		}
		for (ToolCall call : message.toolCalls()) {
			String name = (call.function() != null) ? call.function().name() : null;
			String arguments = (call.function() != null) ? call.function().arguments() : null;
			if (call.id() == null || call.id().isBlank() || !"function".equals(call.type()) || name == null
					|| arguments == null) {
				throw new IllegalArgumentException("Invalid 'messages[" + index + "].tool_calls': each needs an id, "
						+ "type 'function' and a function with a name and its arguments as a string.");
			}
			toolNames.put(call.id(), name);
			unanswered.put(call.id(), name);
		}
	}

	private static void requireAnswered(Map<String, String> unanswered) {
		if (!unanswered.isEmpty()) {
			throw new IllegalArgumentException("An assistant message with 'tool_calls' must be followed by tool "
					+ "messages responding to each 'tool_call_id'. The following tool_call_ids did not have response "
					+ "messages: " + String.join(", ", unanswered.keySet()));
		}
	}

	private static void checkFormat(DemoWire.@Nullable ResponseFormat format) {
		if (format == null) {
			return;
		}
		String type = format.type();
		if (!"text".equals(type) && !"json_object".equals(type) && !"json_schema".equals(type)) {
			throw new IllegalArgumentException("Invalid value for 'response_format.type': '" + type
					+ "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
		}
		if ("json_schema".equals(type)) {
			DemoWire.JsonSchemaFormat schema = format.jsonSchema();
			if (schema == null || schema.name() == null || schema.schema() == null || !schema.schema().isObject()) {
				throw new IllegalArgumentException("Missing required parameter: 'response_format.json_schema' needs "
						+ "a 'name' and a 'schema' object.");
			}
		}
	}

	private static List<ToolResult> trailingResults(List<InMessage> messages, Map<String, String> toolNames) {
		int first = messages.size();
		while (first > 0 && "tool".equals(messages.get(first - 1).role())) {
			first--;
		}
		List<ToolResult> results = new ArrayList<>();
		for (InMessage message : messages.subList(first, messages.size())) {
			String id = String.valueOf(message.toolCallId());
			results.add(new ToolResult(id, toolNames.getOrDefault(id, "unknown"), DemoContent.text(message.content())));
		}
		return List.copyOf(results);
	}

	/**
	 * The result of a tool call, as a tool message sent it.
	 *
	 * @param toolCallId the call it answers
	 * @param toolName the name of the tool the call asked for
	 * @param content the result's text
	 */
	record ToolResult(String toolCallId, String toolName, String content) {

	}

}
