package io.github.llmclient.chat;

import java.util.List;
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
 * @param toolCalls pieces of tool calls (usually empty)
 * @param reasoning the reasoning text delta (never null, may be empty)
 * @param replay the stream's complete replay data ({@link ChatResponse#replay()}), on the one chunk
 * that carries it (usually the last); null on every other
 */
public record ChatChunk(String content, @Nullable String finishReason, @Nullable Usage usage, @Nullable String id,
		@Nullable String model, List<ToolCallDelta> toolCalls, String reasoning, @Nullable ReplayData replay) {

	public ChatChunk {
		Objects.requireNonNull(content, "content must not be null");
		Objects.requireNonNull(reasoning, "reasoning must not be null");
		// List.of() is a shared constant: the text chunk on the hot path allocates no list
		toolCalls = (toolCalls == null || toolCalls.isEmpty()) ? List.of() : List.copyOf(toolCalls);
	}

	/**
	 * A chunk without replay data.
	 * @param content the text delta
	 * @param finishReason the finish reason, on the last chunk
	 * @param usage the token counts, on the chunk that carries them
	 * @param id the response id, once known
	 * @param model the model, once known
	 * @param toolCalls pieces of tool calls
	 * @param reasoning the reasoning text delta
	 */
	public ChatChunk(String content, @Nullable String finishReason, @Nullable Usage usage, @Nullable String id,
			@Nullable String model, List<ToolCallDelta> toolCalls, String reasoning) {
		this(content, finishReason, usage, id, model, toolCalls, reasoning, null);
	}

	/**
	 * A text chunk.
	 * @param content the text delta
	 * @param finishReason the finish reason, on the last chunk
	 * @param usage the token counts, on the chunk that carries them
	 * @param id the response id, once known
	 * @param model the model, once known
	 */
	public ChatChunk(String content, @Nullable String finishReason, @Nullable Usage usage, @Nullable String id,
			@Nullable String model) {
		this(content, finishReason, usage, id, model, List.of(), "", null);
	}

	/**
	 * Whether this chunk carries anything a reader would see: text, reasoning, a tool call piece,
	 * a finish reason or usage.
	 * @return false for an empty keep-alive-like chunk
	 */
	public boolean hasPayload() {
		return !this.content.isEmpty() || this.finishReason != null || this.usage != null || !this.toolCalls.isEmpty()
				|| !this.reasoning.isEmpty() || this.replay != null;
	}

}
