package io.github.llmclient.sample.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the demo model says in words: the prompt echoed in a fixed template, so that every answer
 * is known in advance, and tool results quoted; how answers are cut into chunks and counted.
 */
final class DemoAnswers {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** Splits before each space, so every piece after the first starts with its space. */
	private static final Pattern BEFORE_SPACE = Pattern.compile("(?= )");

	/** Code points per fragment of a streamed JSON text, a token's worth. */
	private static final int FRAGMENT = 6;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoAnswers() {
	}

	/**
	 * The answer to a prompt.
	 * @param prompt the last user message
	 * @param attempt the attempt of the call that is answered, from 1
	 * @return the answer's text
	 */
	static String answer(String prompt, int attempt) {
		String echoed = WHITESPACE.matcher(prompt.strip()).replaceAll(" ");
		StringBuilder answer = new StringBuilder("You asked: \"").append(echoed)
			.append("\". I am the offline demo model: I echo your words one chunk at a time,")
			.append(" so you can watch the answer stream in.");
		if (attempt > 1) {
			answer.append(" This answer came on attempt ")
				.append(attempt)
				.append(", after the earlier ones failed on purpose and the starter retried.");
		}
		return answer.toString();
	}

	/**
	 * The answer cut into the pieces a stream sends: a word each, with its leading space.
	 * @param answer the answer
	 * @return the pieces, which join to the answer
	 */
	static List<String> pieces(String answer) {
		return Arrays.asList(BEFORE_SPACE.split(answer));
	}

	/**
	 * A JSON text cut into the fragments a stream sends, as models send tool arguments: a few
	 * characters each, never inside a character.
	 * @param json the text
	 * @return the fragments, which join to the text (one empty fragment for an empty text)
	 */
	static List<String> fragments(String json) {
		List<String> fragments = new ArrayList<>();
		int start = 0;
		while (start < json.length()) {
			int end = json.offsetByCodePoints(start, Math.min(FRAGMENT, json.codePointCount(start, json.length())));
			fragments.add(json.substring(start, end));
			start = end;
		}
		return fragments.isEmpty() ? List.of("") : fragments;
	}

	/**
	 * The answer to tool results: each result quoted, a flat JSON object as its fields.
	 * @param results the results the conversation ends with
	 * @return the answer's text
	 */
	static String fromToolResults(List<DemoConversation.ToolResult> results) {
		StringBuilder answer = new StringBuilder();
		for (DemoConversation.ToolResult result : results) {
			answer.append("The ").append(result.toolName()).append(" tool answered: ")
				.append(readable(result.content())).append(". ");
		}
		return answer.append("I am the offline demo model: I asked for the tool, read its result and quote it.")
			.toString();
	}

	/** A flat JSON object as "key: value, key: value"; anything else as it is. */
	private static String readable(String result) {
		JsonNode node;
		try {
			node = JSON.readTree(result);
		}
		catch (JacksonException ex) {
			return result.strip();
		}
		if (node == null || !node.isObject() || node.isEmpty()) {
			return result.strip();
		}
		List<String> fields = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			fields.add(field.getKey() + ": " + (value.isValueNode() ? value.asString() : value.toString()));
		}
		return String.join(", ", fields);
	}

	/**
	 * A rough token count: the words of a text.
	 * @param text the text, or null
	 * @return the number of words
	 */
	static int words(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		return WHITESPACE.split(text.strip()).length;
	}

}
