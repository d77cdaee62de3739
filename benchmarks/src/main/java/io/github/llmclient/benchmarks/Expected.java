package io.github.llmclient.benchmarks;

/** The expected text of streams, computed once per chunk count. */
final class Expected {

	private int chunks = -1;

	private String answer = "";

	synchronized String streamAnswer(int chunks) {
		if (this.chunks != chunks) {
			this.answer = Payloads.streamAnswer(chunks);
			this.chunks = chunks;
		}
		return this.answer;
	}

}
