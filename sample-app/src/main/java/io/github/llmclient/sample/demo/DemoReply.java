package io.github.llmclient.sample.demo;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the demo model answers, already cut into the pieces a stream sends: text (words of prose,
 * or fragments of JSON), or tool calls whose arguments are cut into fragments.
 *
 * @param pieces the text, in pieces (empty for an answer that only calls tools)
 * @param calls the tool calls (empty for a text answer)
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
 */
record DemoReply(List<String> pieces, List<Call> calls, String finishReason) {

	DemoReply {
		pieces = List.copyOf(pieces);
		calls = List.copyOf(calls);
	}

	/**
	 * A prose answer, streamed a word at a time.
	 * @param text the answer
	 * @return the reply
	 */
	static DemoReply prose(String text) {
		return new DemoReply(DemoAnswers.pieces(text), List.of(), "stop");
	}

	/**
	 * A JSON answer, streamed in fragments.
	 * @param json the answer
	 * @return the reply
	 */
	static DemoReply json(String json) {
		return new DemoReply(DemoAnswers.fragments(json), List.of(), "stop");
	}

	/**
	 * An answer that calls one tool.
	 * @param id the call's id
	 * @param name the tool
	 * @param arguments the arguments' JSON text
	 * @return the reply
	 */
	static DemoReply call(String id, String name, String arguments) {
		return new DemoReply(List.of(), List.of(new Call(id, name, DemoAnswers.fragments(arguments))), "tool_calls");
	}

	/**
	 * The reply cut to a token budget, as {@code max_tokens} cuts an answer: a text answer keeps
	 * its first pieces (at least one) and finishes with {@code length}; tool calls are kept whole.
	 * @param maxTokens the budget, or null for none
	 * @return the reply, cut or not
	 */
	DemoReply limitedTo(@Nullable Integer maxTokens) {
		if (maxTokens == null || maxTokens >= this.pieces.size() || !this.calls.isEmpty()) {
			return this;
		}
		return new DemoReply(this.pieces.subList(0, Math.max(1, maxTokens)), List.of(), "length");
	}

	/**
	 * The text of the answer.
	 * @return the pieces joined, or null for an answer that only calls tools (as OpenAI sends it)
	 */
	@Nullable String content() {
		return this.calls.isEmpty() ? String.join("", this.pieces) : null;
	}

	/**
	 * The answer's token count: one per piece and per argument fragment.
	 * @return the count
	 */
	int tokens() {
		return this.pieces.size() + this.calls.stream().mapToInt((call) -> call.argumentPieces().size()).sum();
	}

	/**
	 * A tool call.
	 *
	 * @param id the call's id
	 * @param name the tool's name
	 * @param argumentPieces the arguments' JSON text, in the fragments a stream sends
	 */
	record Call(String id, String name, List<String> argumentPieces) {

		Call {
			argumentPieces = List.copyOf(argumentPieces);
		}

		String arguments() {
			return String.join("", this.argumentPieces);
		}

	}

}
