package io.github.llmclient.springai;

import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Turns one stream's chunks into Spring AI's streamed responses (stateful, one per stream): each
 * text or reasoning delta as it comes; tool call fragments gathered, and every call sent once,
 * whole, on the last response, which also carries the finish reason, the usage and the replay
 * data. Spring AI's {@code ToolCallingAdvisor} checks a streamed answer for tool calls once it has
 * aggregated it, so holding them back until they are complete loses nothing.
 */
final class StreamConverter {

	private final ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();

	/** The id and model of the text responses, built once they are known. */
	private @Nullable ChatResponseMetadata deltaMetadata;

	private @Nullable String metadataId;

	/**
	 * The response for a chunk, or null for one that carries nothing to show now (tool call
	 * fragments, usage, the finish reason: all on {@link #last()}).
	 */
	@Nullable ChatResponse next(ChatChunk chunk) {
		return add(chunk) ? delta(chunk) : null;
	}

	/**
	 * Takes a chunk in and tells whether it has a response of its own now (text or reasoning);
	 * {@link #delta(ChatChunk)} builds it.
	 */
	boolean add(ChatChunk chunk) {
		this.aggregator.add(chunk);
		return !chunk.content().isEmpty() || !chunk.reasoning().isEmpty();
	}

	/** The response of a chunk {@link #add(ChatChunk)} accepted. */
	ChatResponse delta(ChatChunk chunk) {
		String content = chunk.content();
		String reasoning = chunk.reasoning();
		AssistantMessage message = AssistantMessage.builder()
			.content(content)
			.properties(ResponseConverter.properties(reasoning.isEmpty() ? null : reasoning, null))
			.build();
		return new ChatResponse(List.of(new Generation(message, ChatGenerationMetadata.NULL)), deltaMetadata(chunk));
	}

	private ChatResponseMetadata deltaMetadata(ChatChunk chunk) {
		ChatResponseMetadata metadata = this.deltaMetadata;
		if (metadata == null || (chunk.id() != null && !chunk.id().equals(this.metadataId))) {
			metadata = ResponseConverter.metadata(chunk.id(), chunk.model(), null);
			this.deltaMetadata = metadata;
			this.metadataId = chunk.id();
		}
		return metadata;
	}

	/**
	 * The last response: no text of its own, the tool calls whole, the finish reason, the usage,
	 * the replay data and the whole reasoning text (Spring AI's aggregation keeps the last value of
	 * each metadata key, so the whole text goes last).
	 */
	ChatResponse last() {
		io.github.llmclient.chat.ChatResponse answer = this.aggregator.toResponse();
		AssistantMessage message = AssistantMessage.builder()
			.content("")
			.toolCalls(ResponseConverter.toolCalls(answer.toolCalls()))
			.properties(ResponseConverter.properties(answer.reasoning(), answer.replay()))
			.build();
		return new ChatResponse(
				List.of(new Generation(message, ResponseConverter.generationMetadata(answer.finishReason()))),
				ResponseConverter.metadata(answer.id(), answer.model(), answer.usage()));
	}

	/** The whole answer so far, as one response: what the observation records. */
	ChatResponse aggregated() {
		return ResponseConverter.toChatResponse(this.aggregator.toResponse());
	}

}
