package io.github.llmclient.sample.tools;

import java.util.List;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /api/tools/ask}.
 *
 * @param answer the model's final text
 * @param toolCalls every tool call the model asked for, with the result sent back, in order
 * @param turns how many times the model was asked (one more than the turns that called tools)
 * @param finishReason why the last turn stopped
 * @param usage the tokens of every turn together, when reported
 */
public record ToolAnswer(String answer, List<ToolRun> toolCalls, int turns, @Nullable String finishReason,
		@Nullable Usage usage) {

	/**
	 * One tool call and its result.
	 *
	 * @param id the call's id
	 * @param name the tool
	 * @param arguments the arguments' JSON, as the model wrote it
	 * @param result the result's JSON, as sent back
	 */
	public record ToolRun(String id, String name, String arguments, String result) {

	}

}
