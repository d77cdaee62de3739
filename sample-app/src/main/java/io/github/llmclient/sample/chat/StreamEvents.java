package io.github.llmclient.sample.chat;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;

import org.springframework.http.codec.ServerSentEvent;

/**
 * The events of {@code GET /api/chat/stream}: {@code chunk} events carrying text, then either one
 * {@code done} event or one {@code problem} event (an RFC 9457 problem body). Text travels as JSON
 * because a bare {@code data:} line loses a leading space, and streamed words start with one.
 */
final class StreamEvents {

	/** The event that carries a piece of the answer. */
	static final String CHUNK = "chunk";

	/** The event that ends a successful answer. */
	static final String DONE = "done";

	/** The event that ends a failed answer. */
	static final String PROBLEM = "problem";

	private StreamEvents() {
	}

	static ServerSentEvent<Object> of(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	/**
	 * The data of a {@code chunk} event.
	 *
	 * @param text the piece of the answer
	 */
	record Text(String text) {

	}

	/**
	 * The data of the {@code done} event.
	 *
	 * @param finishReason why generation stopped ({@code stop}, {@code length}…)
	 * @param model the model that answered
	 * @param usage the token counts, if the provider reported them
	 * @param chunks how many pieces of text were sent
	 */
	record Done(@Nullable String finishReason, @Nullable String model, @Nullable Usage usage, int chunks) {

	}

	/** Collects what the {@code done} event reports while a stream passes. Not thread-safe; one per stream. */
	static final class Summary {

		private @Nullable String finishReason;

		private @Nullable String model;

		private @Nullable Usage usage;

		private int chunks;

		void add(ChatChunk chunk) {
			if (!chunk.content().isEmpty()) {
				this.chunks++;
			}
			if (chunk.finishReason() != null) {
				this.finishReason = chunk.finishReason();
			}
			if (chunk.usage() != null) {
				this.usage = chunk.usage();
			}
			if (chunk.model() != null) {
				this.model = chunk.model();
			}
		}

		Done done() {
			return new Done(this.finishReason, this.model, this.usage, this.chunks);
		}

	}

}
