package io.github.llmclient.sample.demo;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the demo model says: the prompt echoed in a fixed template, so that every answer is known
 * in advance, and how it is cut into chunks and counted.
 */
final class DemoAnswers {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** Splits before each space, so every piece after the first starts with its space. */
	private static final Pattern BEFORE_SPACE = Pattern.compile("(?= )");

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
