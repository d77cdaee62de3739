package io.github.llmclient.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One piece of a streamed answer.
 *
 * @param content the text delta (never null, may be empty)
 * @param finishReason null until the chunk that ends the answer, then normalised like
 * {@link ChatResponse#finishReason()}
 * @param usage null except on the chunk that carries the complete token counts
 * @param id the response id the stream reported, on every chunk once known
 * @param model the model the stream reported, on every chunk once known
 */
public record ChatChunk(String content, @Nullable String finishReason, @Nullable Usage usage, @Nullable String id,
		@Nullable String model) {

	public ChatChunk {
		Objects.requireNonNull(content, "content must not be null");
	}

	/**
	 * Whether this chunk carries anything a reader would see: text, a finish reason or usage.
	 * @return false for an empty keep-alive-like chunk
	 */
	public boolean hasPayload() {
		return !this.content.isEmpty() || this.finishReason != null || this.usage != null;
	}

}
