package io.github.llmclient.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The complete answer of a non-streaming call, or of a stream aggregated.
 *
 * @param id the provider's response id, if it sent one
 * @param model the model that answered, if reported
 * @param content the answer's text (never null, may be empty, e.g. for tool calls)
 * @param finishReason why generation stopped, normalised to {@code stop}, {@code length},
 * {@code tool_calls} or {@code content_filter} where the provider's word maps to one
 * @param usage token counts, if reported
 */
public record ChatResponse(@Nullable String id, @Nullable String model, String content, @Nullable String finishReason,
		@Nullable Usage usage) {

	public ChatResponse {
		Objects.requireNonNull(content, "content must not be null");
	}

}
