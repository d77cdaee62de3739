package io.github.llmclient.sample.tools;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/tools/ask}.
 *
 * @param prompt the question, e.g. "What time is it in Tokyo?"; must not be blank
 * @param model the model to ask, or null for {@code llm.model}
 * @param stream true to stream every turn (and assemble its tool calls from the fragments)
 */
public record ToolQuestion(@Nullable String prompt, @Nullable String model, @Nullable Boolean stream) {

	boolean streamed() {
		return Boolean.TRUE.equals(this.stream);
	}

}
