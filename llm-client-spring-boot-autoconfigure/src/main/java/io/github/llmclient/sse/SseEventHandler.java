package io.github.llmclient.sse;

import org.jspecify.annotations.Nullable;

/**
 * Receives the events of an {@link SseDecoder} without an {@link SseEvent} or a copy of the data:
 * the data is a range of an array that the decoder reuses, valid only during the call. The hot path
 * of streaming parses JSON straight from it.
 */
@FunctionalInterface
public interface SseEventHandler {

	/**
	 * One dispatched event.
	 * @param type the event type ({@link SseEvent#DEFAULT_EVENT} when the stream named none)
	 * @param data holds the data lines joined with {@code \n}, as UTF-8 bytes; read it during the
	 * call only, and do not modify it
	 * @param offset where the data starts
	 * @param length how many bytes it has
	 * @param id the last event id seen on the stream, or null
	 */
	void onEvent(String type, byte[] data, int offset, int length, @Nullable String id);

}
