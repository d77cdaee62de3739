package io.github.llmclient.provider.openai;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@code chat.completion} or {@code chat.completion.chunk} that the client uses, as
 * {@link ChunkScanner} and {@link JacksonChunkReader} read them (a test holds the two to the same
 * answers). Mutable and short-lived: one per body read.
 */
final class ParsedCompletion {

	/** The response id, or null. */
	@Nullable String id;

	/** The model, or null. */
	@Nullable String model;

	/** The first choice's text, or null. */
	@Nullable String content;

	/**
	 * The first choice's reasoning text: {@code reasoning_content} (DeepSeek, vLLM, Qwen), else
	 * {@code reasoning} (servers that send both send the same text in each); or null.
	 */
	@Nullable String reasoning;

	/**
	 * The first choice's tool calls, in the order sent; each index is the one on the wire, or the
	 * call's position in its array when the wire has none (a response's calls have none). Empty
	 * (the shared {@code List.of()}) when there are none.
	 */
	List<ToolCallDelta> toolCalls = List.of();

	/** The first choice's finish reason, or null. */
	@Nullable String finishReason;

	/** Token counts, or null. */
	@Nullable Usage usage;

	/** An error object the body carried, or null. */
	@Nullable ProviderError error;

	/** Whether the body had a first choice. */
	boolean hasChoice;

	/**
	 * The first choice's text: its {@code content}, or, when a model declined (OpenAI's
	 * structured outputs), its {@code refusal} — delivered as the text rather than dropped, so an
	 * answer read as a type fails quoting why.
	 * @param content {@code content}, or null
	 * @param refusal {@code refusal}, or null
	 * @return the text, or null
	 */
	static @Nullable String content(@Nullable String content, @Nullable String refusal) {
		return (content != null) ? content : refusal;
	}

	/**
	 * The first choice's reasoning from the two fields servers use for it.
	 * @param reasoningContent {@code reasoning_content}, or null
	 * @param reasoning {@code reasoning}, or null
	 * @return the one to keep
	 */
	static @Nullable String reasoning(@Nullable String reasoningContent, @Nullable String reasoning) {
		return (reasoningContent != null) ? reasoningContent : reasoning;
	}

	/**
	 * This body as a non-streaming answer.
	 * @return the response
	 * @throws IllegalStateException when the body holds an error or is not a chat completion
	 */
	ChatResponse toResponse() {
		if (this.error != null) {
			throw new IllegalStateException("the response holds an error: " + this.error.message());
		}
		if (!this.hasChoice) {
			// Not a chat completion (a proxy's page, another API's JSON): an error, not an empty answer.
			throw new IllegalStateException("the body has no choices, so it is not a chat completion");
		}
		List<ToolCall> calls = List.of();
		if (!this.toolCalls.isEmpty()) {
			calls = new ArrayList<>(this.toolCalls.size());
			for (ToolCallDelta call : this.toolCalls) {
				// A call without an id or name is still delivered, never dropped (as a stream's are).
				calls.add(new ToolCall((call.id() != null) ? call.id() : "", (call.name() != null) ? call.name() : "",
						call.argumentsDelta()));
			}
		}
		// A tool-only answer has "content": null; content is never null in a ChatResponse.
		return new ChatResponse(this.id, this.model, (this.content != null) ? this.content : "", this.finishReason,
				this.usage, calls, this.reasoning);
	}

}
