package io.github.llmclient.benchmarks;

/**
 * How the stub streams: how many content chunks, the pause before each, how many events go in
 * one write (one HTTP chunk), and what the chunks carry. Real servers write each event as it is
 * generated, so one per write is the default; more per write measures decoding when the network
 * hands over large buffers.
 *
 * @param chunks the content chunks
 * @param delayMs the pause before each content chunk
 * @param eventsPerWrite content events per write when there is no pause
 * @param content text deltas or tool-call argument fragments
 */
record StreamShape(int chunks, int delayMs, int eventsPerWrite, StreamContent content) {

	/** A text stream. */
	StreamShape(int chunks, int delayMs, int eventsPerWrite) {
		this(chunks, delayMs, eventsPerWrite, StreamContent.TEXT);
	}

}
