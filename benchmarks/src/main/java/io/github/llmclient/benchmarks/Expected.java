package io.github.llmclient.benchmarks;

/** The expected answer of streams (text, or a tool call's arguments), computed once per shape. */
final class Expected {

	private StreamContent content;

	private int chunks = -1;

	private String answer = "";

	/** What a stream of the given shape spells: see {@link StreamContent#answer(int)}. */
	synchronized String answer(StreamShape shape) {
		if (this.chunks != shape.chunks() || this.content != shape.content()) {
			this.answer = shape.content().answer(shape.chunks());
			this.chunks = shape.chunks();
			this.content = shape.content();
		}
		return this.answer;
	}

}
