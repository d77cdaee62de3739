package io.github.llmclient.chat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Answers cut off at the token limit (finish reason {@code length}): the words that say so when
 * such an answer cannot be read as a type, and which tool calls belong to one.
 */
final class TokenLimit {

	/** The normalised finish reason of an answer that stopped at the token limit. */
	static final String LENGTH = "length";

	/**
	 * The tool calls of answers cut off at the token limit. {@link ToolCall} is a record whose
	 * components are its wire (and storage) shape, so the fact lives beside it rather than in it:
	 * marked when the answer is built, looked up only when arguments fail to parse. Weak keys,
	 * so a marked call is forgotten with its answer; an equal call (same id, name and arguments
	 * text) is the same cut-off call.
	 */
	private static final Map<ToolCall, Boolean> CUT_OFF_CALLS = Collections.synchronizedMap(new WeakHashMap<>());

	private TokenLimit() {
	}

	static boolean isCutOff(@Nullable String finishReason) {
		return LENGTH.equals(finishReason);
	}

	/** Remembers the tool calls of an answer that stopped at the token limit. */
	static void mark(@Nullable String finishReason, List<ToolCall> toolCalls) {
		if (isCutOff(finishReason)) {
			for (ToolCall call : toolCalls) {
				CUT_OFF_CALLS.put(call, Boolean.TRUE);
			}
		}
	}

	/** Whether the tool call belongs to an answer that stopped at the token limit. */
	static boolean isCutOff(ToolCall call) {
		return CUT_OFF_CALLS.containsKey(call);
	}

	/**
	 * The message of an answer cut off at the token limit that could not be read as the type:
	 * the cut first (the one fact that tells the user what to change), then the parse error, the
	 * start of the text and how to raise the limit.
	 */
	static String cutOffMessage(String what, Class<?> type, @Nullable String parseError, String quotedText) {
		return "The answer stopped at the token limit before it was complete (finish reason 'length'), so " + what
				+ " could not be read as " + type.getName() + ": " + parseError + " (the text was: " + quotedText
				+ "). Raise the token limit (the request's maxTokens, else llm.max-tokens) or ask for a shorter answer.";
	}

}
