package io.github.llmclient.sample.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.llmclient.sample.demo.DemoWire.FunctionDefinition;
import io.github.llmclient.sample.demo.DemoWire.ToolDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The tools a request offers and its {@code tool_choice}, checked as OpenAI checks them, and which
 * tool the demo model calls: {@code none} calls none; a named function calls it;
 * {@code required} calls the first relevant tool, or the first tool; {@code auto} (or no choice)
 * calls the first relevant tool, or none. A tool is relevant when a word of its name or of its
 * description (four letters or more) is a word of the prompt: a {@code clock} tool described as
 * "The current date and time in a time zone" is relevant to "What time is it in Tokyo?".
 */
final class DemoToolChoice {

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	/** Splits names and text into words: at non-letters and before inner capitals (timeZone). */
	private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+|(?<=\\p{Ll})(?=\\p{Lu})");

	private static final int MIN_WORD = 4;

	private final List<FunctionDefinition> functions;

	private final String mode;

	private final @Nullable String named;

	private DemoToolChoice(List<FunctionDefinition> functions, String mode, @Nullable String named) {
		this.functions = functions;
		this.mode = mode;
		this.named = named;
	}

	/**
	 * Reads and checks a request's tools and tool choice.
	 * @param tools the {@code tools}, or null
	 * @param choice the {@code tool_choice}, or null
	 * @return the tools
	 * @throws IllegalArgumentException for what OpenAI would reject
	 */
	static DemoToolChoice of(@Nullable List<ToolDefinition> tools, @Nullable JsonNode choice) {
		List<FunctionDefinition> functions = (tools != null) ? tools.stream().map((tool) -> {
			FunctionDefinition function = tool.function();
			if (!"function".equals(tool.type()) || function == null || function.name() == null
					|| !NAME.matcher(function.name()).matches()) {
				throw new IllegalArgumentException("Invalid 'tools': each is {type: 'function', function: {name, "
						+ "description, parameters}} with a name matching '^[a-zA-Z0-9_-]{1,64}$'.");
			}
			if (function.parameters() != null && !function.parameters().isObject()) {
				throw new IllegalArgumentException("Invalid 'tools[].function.parameters' of '" + function.name()
						+ "': expected a JSON Schema object.");
			}
			return function;
		}).toList() : List.of();
		if (choice == null || choice.isNull()) {
			return new DemoToolChoice(functions, "auto", null);
		}
		if (functions.isEmpty()) {
			throw new IllegalArgumentException("Invalid value for 'tool_choice': 'tool_choice' is only allowed when "
					+ "'tools' are specified.");
		}
		if (choice.isString() && Set.of("auto", "none", "required").contains(choice.asString())) {
			return new DemoToolChoice(functions, choice.asString(), null);
		}
		String named = choice.path("function").path("name").asString("");
		if (!"function".equals(choice.path("type").asString(""))
				|| functions.stream().noneMatch((function) -> named.equals(function.name()))) {
			throw new IllegalArgumentException("Invalid value for 'tool_choice': expected 'auto', 'none', 'required' "
					+ "or {type: 'function', function: {name}} naming one of the tools, was " + choice);
		}
		return new DemoToolChoice(functions, "function", named);
	}

	/**
	 * The tool the demo model calls for a prompt.
	 * @param prompt the last user message
	 * @return the tool, or null to answer without one
	 */
	@Nullable FunctionDefinition chosenFor(String prompt) {
		if (this.functions.isEmpty() || this.mode.equals("none")) {
			return null;
		}
		if (this.named != null) {
			return this.functions.stream().filter((function) -> this.named.equals(function.name())).findFirst()
				.orElse(null);
		}
		Set<String> promptWords = words(prompt);
		for (FunctionDefinition function : this.functions) {
			Set<String> toolWords = words(function.name() + " " + String.valueOf(function.description()));
			toolWords.retainAll(promptWords);
			if (!toolWords.isEmpty()) {
				return function;
			}
		}
		return this.mode.equals("required") ? this.functions.get(0) : null;
	}

	private static Set<String> words(String text) {
		Set<String> words = new HashSet<>();
		for (String word : WORD_BREAK.split(text)) {
			if (word.length() >= MIN_WORD) {
				words.add(word.toLowerCase(Locale.ROOT));
			}
		}
		return words;
	}

}
