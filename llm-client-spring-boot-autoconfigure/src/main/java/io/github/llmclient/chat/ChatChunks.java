package io.github.llmclient.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
	 * Collects a stream into one response: the full text, the tool calls (their argument
	 * fragments joined, by index), the reasoning, the finish reason, the usage, and the id and
	 * model the stream reported; the same response the non-streaming call gives. An error in the
	 * stream is the error of the result.
	 * @param chunks the stream
	 * @return the aggregated response, emitted when the stream completes
	 */
	public static Mono<ChatResponse> aggregate(Flux<ChatChunk> chunks) {
		return chunks.collect(Aggregator::new, Aggregator::add).map(Aggregator::toResponse);
	}

	/**
	 * Accumulates chunks; used by {@link #aggregate(Flux)} and by streaming callbacks. This is the
	 * one place where every provider's tool-call fragments are assembled. Not thread-safe.
	 */
	public static final class Aggregator {

		private final StringBuilder content = new StringBuilder();

		private @Nullable StringBuilder reasoning;

		private @Nullable Map<Integer, PendingCall> toolCalls;

		private @Nullable String finishReason;

		private @Nullable Usage usage;

		private @Nullable String id;

		private @Nullable String model;

		private @Nullable ReplayData replay;

		/**
		 * Adds a chunk.
		 * @param chunk the next chunk
		 */
		public void add(ChatChunk chunk) {
			this.content.append(chunk.content());
			if (!chunk.reasoning().isEmpty()) {
				if (this.reasoning == null) {
					this.reasoning = new StringBuilder();
				}
				this.reasoning.append(chunk.reasoning());
			}
			if (!chunk.toolCalls().isEmpty()) {
				if (this.toolCalls == null) {
					this.toolCalls = new TreeMap<>();
				}
				for (ToolCallDelta delta : chunk.toolCalls()) {
					this.toolCalls.computeIfAbsent(delta.index(), (index) -> new PendingCall()).add(delta);
				}
			}
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
			if (chunk.replay() != null) {
				this.replay = chunk.replay();
			}
		}

		/**
		 * The response of the chunks added so far.
		 * @return the response
		 */
		public ChatResponse toResponse() {
			List<ToolCall> calls = List.of();
			if (this.toolCalls != null) {
				calls = new ArrayList<>(this.toolCalls.size());
				for (PendingCall call : this.toolCalls.values()) {
					calls.add(call.toToolCall());
				}
			}
			return new ChatResponse(this.id, this.model, this.content.toString(), this.finishReason, this.usage, calls,
					(this.reasoning != null) ? this.reasoning.toString() : null, this.replay);
		}

	}

	/** One tool call being assembled: the first id and name seen, the fragments joined. */
	private static final class PendingCall {

		private @Nullable String id;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		void add(ToolCallDelta delta) {
			if (this.id == null && delta.id() != null && !delta.id().isEmpty()) {
				this.id = delta.id();
			}
			if (this.name == null && delta.name() != null && !delta.name().isEmpty()) {
				this.name = delta.name();
			}
			this.arguments.append(delta.argumentsDelta());
		}

		/** A server that never sent an id or name still gets its call delivered, never dropped. */
		ToolCall toToolCall() {
			return new ToolCall((this.id != null) ? this.id : "", (this.name != null) ? this.name : "",
					this.arguments.toString());
		}

	}

}
