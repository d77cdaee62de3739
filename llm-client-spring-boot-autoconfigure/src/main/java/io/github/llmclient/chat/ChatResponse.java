package io.github.llmclient.chat;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The complete answer of a non-streaming call, or of a stream aggregated. Written by a plain
 * Jackson {@code JsonMapper} it reads back equal, replay data included, so an answer can be
 * stored and replayed later with {@link ChatMessage#assistant(ChatResponse)}.
 *
 * @param id the provider's response id, if it sent one
 * @param model the model that answered, if reported
 * @param content the answer's text (never null; {@code ""} for an answer that only calls tools)
 * @param finishReason why generation stopped, normalised to {@code stop}, {@code length},
 * {@code tool_calls} or {@code content_filter} where the provider's word maps to one
 * @param usage token counts, if reported
 * @param toolCalls the tools the model calls, in order (empty when none)
 * @param reasoning the model's visible reasoning text, or null when it showed none
 * @param replay what the provider needs to continue the conversation that the text does not show
 * (signed thinking, encrypted reasoning), replayed by {@link ChatMessage#assistant(ChatResponse)};
 * null when there is none
 */
public record ChatResponse(@Nullable String id, @Nullable String model, String content, @Nullable String finishReason,
		@Nullable Usage usage, List<ToolCall> toolCalls, @Nullable String reasoning, @Nullable ReplayData replay) {

	public ChatResponse {
		Objects.requireNonNull(content, "content must not be null");
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		TokenLimit.mark(finishReason, toolCalls);
		if (reasoning != null && reasoning.isEmpty()) {
			reasoning = null;
		}
	}

	/**
	 * An answer without replay data.
	 * @param id the provider's response id, if it sent one
	 * @param model the model that answered, if reported
	 * @param content the answer's text
	 * @param finishReason why generation stopped
	 * @param usage token counts, if reported
	 * @param toolCalls the tools the model calls, in order
	 * @param reasoning the model's visible reasoning text, or null
	 */
	public ChatResponse(@Nullable String id, @Nullable String model, String content, @Nullable String finishReason,
			@Nullable Usage usage, List<ToolCall> toolCalls, @Nullable String reasoning) {
		this(id, model, content, finishReason, usage, toolCalls, reasoning, null);
	}

	/**
	 * A text answer without tool calls or reasoning.
	 * @param id the provider's response id, if it sent one
	 * @param model the model that answered, if reported
	 * @param content the answer's text
	 * @param finishReason why generation stopped
	 * @param usage token counts, if reported
	 */
	public ChatResponse(@Nullable String id, @Nullable String model, String content, @Nullable String finishReason,
			@Nullable Usage usage) {
		this(id, model, content, finishReason, usage, List.of(), null, null);
	}

	/**
	 * The answer's text read as JSON of the given type, as asked for with a
	 * {@link ResponseFormat}.
	 * @param <T> the type
	 * @param type a record or bean
	 * @return the value
	 * @throws io.github.llmclient.error.LlmException when the text is not JSON of that type (the
	 * message names the type and quotes at most the first 200 characters); when the answer
	 * stopped at the token limit ({@code finishReason} {@code length}) the message says so and how
	 * to raise the limit, and its {@code errorType()} is
	 * {@link io.github.llmclient.error.LlmException#OUTPUT_TRUNCATED}
	 */
	public <T> T contentAs(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return Json.read(this.content, type, "the answer", TokenLimit.isCutOff(this.finishReason));
	}

}
