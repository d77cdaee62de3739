package io.github.llmclient.sample.demo;

import java.util.List;
import java.util.Locale;

import io.github.llmclient.sample.demo.DemoConversation.ToolResult;
import io.github.llmclient.sample.demo.DemoWire.FunctionDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How the demo model decides what to answer, in this order:
 * <ol>
 * <li>The conversation ends with tool results: it answers from them, quoting them (as JSON filling
 * the schema when the request has a {@code json_schema} response format).</li>
 * <li>The request offers a tool the {@link DemoToolChoice} picks for the prompt: it calls it, its
 * arguments filled from the prompt by the tool's parameter schema ({@link DemoSchemaFiller}), with
 * {@code finish_reason: tool_calls}.</li>
 * <li>A {@code json_schema} response format: JSON matching the schema, filled from the prompt
 * (unless the prompt says {@code #not-json}: then prose, to show what a client does with an answer
 * that is not the type it asked for). A {@code json_object} format: {@code {"answer": …}}.</li>
 * <li>The last user message holds images: it describes them ({@link DemoImages}).</li>
 * <li>Otherwise it echoes the prompt ({@link DemoAnswers#answer}).</li>
 * </ol>
 * Everything is derived from the request, so the same request always gets the same answer.
 */
final class DemoModel {

	/** In a prompt with a response format: answer prose instead of JSON. */
	static final String NOT_JSON = "#not-json";

	private DemoModel() {
	}

	/**
	 * The reply to a conversation.
	 * @param conversation the checked request
	 * @param attempt the attempt of the call, from 1
	 * @param callId the id to give a tool call
	 * @return the reply, not yet cut to {@code max_tokens}
	 */
	static DemoReply reply(DemoConversation conversation, int attempt, String callId) {
		String prompt = conversation.prompt();
		JsonNode schema = conversation.schema();
		List<ToolResult> results = conversation.toolResults();
		if (!results.isEmpty()) {
			if (schema != null) {
				StringBuilder source = new StringBuilder(prompt);
				results.forEach((result) -> source.append(' ').append(result.content()));
				return DemoReply.json(DemoSchemaFiller.fill(schema, source.toString()));
			}
			return DemoReply.prose(DemoAnswers.fromToolResults(results));
		}
		FunctionDefinition tool = conversation.tools().chosenFor(prompt);
		if (tool != null) {
			JsonNode parameters = (tool.parameters() != null) ? tool.parameters()
					: JsonNodeFactory.instance.objectNode().put("type", "object");
			return DemoReply.call(callId, String.valueOf(tool.name()), DemoSchemaFiller.fill(parameters, prompt));
		}
		boolean notJson = prompt.toLowerCase(Locale.ROOT).contains(NOT_JSON);
		if (schema != null && !notJson) {
			return DemoReply.json(DemoSchemaFiller.fill(schema, prompt));
		}
		if (conversation.wantsJsonObject() && !notJson) {
			return DemoReply.json(JsonNodeFactory.instance.objectNode()
				.put("answer", DemoAnswers.answer(prompt, attempt))
				.toString());
		}
		List<String> images = conversation.images();
		if (!images.isEmpty()) {
			String asked = prompt.isBlank() ? "" : " You asked: \"" + prompt.strip() + "\".";
			return DemoReply.prose(DemoImages.describe(images) + asked
					+ " I am the offline demo model: I cannot see pictures, so I tell you what I can read of them.");
		}
		return DemoReply.prose(DemoAnswers.answer(prompt, attempt));
	}

}
