package io.github.llmclient.provider;

import io.github.llmclient.chat.ChatChunk;

/**
 * What one provider stream event means, once mapped: a chunk to deliver, the end marker, a last
 * chunk that is also the end marker, an in-stream error, or nothing.
 */
public sealed interface StreamEvent {

	/** An event to ignore: keep-alives, pings, unknown types, blocks without text. */
	StreamEvent IGNORE = new Ignore();

	/** The provider's end marker ({@code [DONE]}, {@code message_stop}). */
	StreamEvent END = new End();

	/**
	 * A chunk to deliver.
	 * @param chunk the chunk
	 */
	record Chunk(ChatChunk chunk) implements StreamEvent {
	}

	/**
	 * The stream's last chunk, which is also its end marker: for wire formats whose terminal event
	 * carries the finish reason and usage ({@code response.completed} of OpenAI's Responses API).
	 * @param chunk the chunk
	 */
	record Last(ChatChunk chunk) implements StreamEvent {
	}

	/**
	 * An error the provider reported inside the stream.
	 * @param error what it said
	 */
	record Error(ProviderError error) implements StreamEvent {
	}

	/** See {@link #IGNORE}. */
	record Ignore() implements StreamEvent {
	}

	/** See {@link #END}. */
	record End() implements StreamEvent {
	}

}
