package io.github.llmclient.benchmarks;

/**
 * How the stub streams: how many content chunks, the pause before each, and how many events go in
 * one write (one HTTP chunk). Real servers write each event as it is generated, so one per write
 * is the default; more per write measures decoding when the network hands over large buffers.
 *
 * @param chunks the content chunks
 * @param delayMs the pause before each content chunk
 * @param eventsPerWrite content events per write when there is no pause
 */
record StreamShape(int chunks, int delayMs, int eventsPerWrite) {

	/** The query that tells the stub how to stream. */
	String query() {
		return "?chunks=" + this.chunks + "&delayMs=" + this.delayMs + "&perWrite=" + this.eventsPerWrite;
	}

}
