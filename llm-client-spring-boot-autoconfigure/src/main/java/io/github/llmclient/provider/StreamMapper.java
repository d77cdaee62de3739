package io.github.llmclient.provider;

import java.util.Arrays;

import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;

/**
 * Maps the events of one stream to {@link StreamEvent}s. Stateful (it remembers the response id
 * and model, and merges usage reported in separate events): one instance per HTTP exchange.
 */
@FunctionalInterface
public interface StreamMapper {

	/**
	 * Maps one decoded event.
	 * @param event the event
	 * @return what it means
	 * @throws RuntimeException when the event's JSON is malformed (the caller turns it into an
	 * {@link io.github.llmclient.error.LlmProtocolException})
	 */
	StreamEvent map(SseEvent event);

	/**
	 * Maps one decoded event whose data is a range of the decoder's buffer, which is reused after
	 * the call: a mapper that reads the bytes in place overrides this and saves a copy of every
	 * event. The default copies the range into an {@link SseEvent}.
	 * @param type the event type ({@link SseEvent#DEFAULT_EVENT} when none was given)
	 * @param data the buffer holding the data, valid only during the call
	 * @param offset where the data starts
	 * @param length the data's length
	 * @param id the event id, or null
	 * @return what it means
	 * @throws RuntimeException when the event's JSON is malformed
	 */
	default StreamEvent map(String type, byte[] data, int offset, int length, @Nullable String id) {
		return map(new SseEvent(type, Arrays.copyOfRange(data, offset, offset + length), id));
	}

	/**
	 * Whether the stream is complete if the connection closes now, for a wire format without an
	 * end marker: Gemini once a chunk carried a finish reason; Bedrock once {@code messageStop}
	 * arrived (its {@code metadata} may come before or after it). By default only the end marker
	 * ({@link StreamEvent#END}) completes a stream, and a close before it is an error.
	 * @return true when a close now ends a complete answer
	 */
	default boolean completeWhenClosed() {
		return false;
	}

}
