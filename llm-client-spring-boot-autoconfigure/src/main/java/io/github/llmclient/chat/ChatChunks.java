package io.github.llmclient.chat;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Helpers for streams of {@link ChatChunk}s.
 *
 * <pre class="code">
 * Mono&lt;ChatResponse&gt; whole = template.stream(request).as(ChatChunks::aggregate);
 * </pre>
 */
public final class ChatChunks {

	private ChatChunks() {
	}

	/**
	 * Collects a stream into one response: the full text, the finish reason, the usage, and the
	 * id and model the stream reported. An error in the stream is the error of the result.
	 * @param chunks the stream
	 * @return the aggregated response, emitted when the stream completes
	 */
	public static Mono<ChatResponse> aggregate(Flux<ChatChunk> chunks) {
		return chunks.collect(Aggregator::new, Aggregator::add).map(Aggregator::toResponse);
	}

	/** Accumulates chunks; used by {@link #aggregate(Flux)} and by streaming callbacks. */
	public static final class Aggregator {

		private final StringBuilder content = new StringBuilder();

		private @Nullable String finishReason;

		private @Nullable Usage usage;

		private @Nullable String id;

		private @Nullable String model;

		/**
		 * Adds a chunk.
		 * @param chunk the next chunk
		 */
		public void add(ChatChunk chunk) {
			this.content.append(chunk.content());
			if (chunk.finishReason() != null) {
				this.finishReason = chunk.finishReason();
			}
			if (chunk.usage() != null) {
				this.usage = chunk.usage();
			}
			if (chunk.id() != null) {
				this.id = chunk.id();
			}
			if (chunk.model() != null) {
				this.model = chunk.model();
			}
		}

		/**
		 * The response of the chunks added so far.
		 * @return the response
		 */
		public ChatResponse toResponse() {
			return new ChatResponse(this.id, this.model, this.content.toString(), this.finishReason, this.usage);
		}

	}

}
