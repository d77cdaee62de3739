package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.sample.demo.DemoWire.ChunkChoice;
import io.github.llmclient.sample.demo.DemoWire.CompletionChunk;
import io.github.llmclient.sample.demo.DemoWire.Delta;
import io.github.llmclient.sample.demo.DemoWire.FunctionDelta;
import io.github.llmclient.sample.demo.DemoWire.ToolCallDelta;
import io.github.llmclient.sample.demo.DemoWire.TokenUsage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Writes a {@link DemoReply} as OpenAI does: one {@code chat.completion}, or a stream of
 * {@code chat.completion.chunk}s — a first chunk with the role, then a text piece per chunk; or,
 * for tool calls, a chunk that starts each call (id, type, name, empty arguments; the first also
 * {@code role} and {@code content: null}) followed by one chunk per fragment of its arguments —
 * then a chunk with the finish reason and an empty delta, the usage chunk when asked for, and
 * {@code data: [DONE]}. Each piece or fragment waits {@code demo.word-delay}.
 */
final class DemoCompletions {

	private DemoCompletions() {
	}

	/**
	 * The reply as one completion.
	 * @param id the completion's id
	 * @param created its time, in epoch seconds
	 * @param model the model
	 * @param reply the reply
	 * @param usage its token counts
	 * @return the completion
	 */
	static DemoWire.Completion completion(String id, long created, String model, DemoReply reply, TokenUsage usage) {
		List<DemoWire.ToolCall> calls = reply.calls()
			.stream()
			.map((call) -> new DemoWire.ToolCall(call.id(), "function",
					new DemoWire.FunctionCall(call.name(), call.arguments())))
			.toList();
		DemoWire.AnswerMessage message = new DemoWire.AnswerMessage("assistant", reply.content(), calls);
		return new DemoWire.Completion(id, "chat.completion", created, model,
				List.of(new DemoWire.Choice(0, message, reply.finishReason())), usage);
	}

	/**
	 * The reply as a stream of server-sent events.
	 * @param id the completion's id
	 * @param created its time, in epoch seconds
	 * @param model the model
	 * @param reply the reply
	 * @param usage its token counts, or null when the request did not ask for the usage chunk
	 * @param delay the pause before each piece
	 * @return the events, ending with {@code [DONE]}
	 */
	static Flux<ServerSentEvent<Object>> stream(String id, long created, String model, DemoReply reply,
			@Nullable TokenUsage usage, Duration delay) {
		Flux<CompletionChunk> body = reply.calls().isEmpty() ? text(id, created, model, reply, delay)
				: toolCalls(id, created, model, reply, delay);
		Flux<CompletionChunk> chunks = Flux.concat(body,
				Mono.just(chunk(id, created, model, new Delta(null, null), reply.finishReason())),
				(usage != null)
						? Mono.just(new CompletionChunk(id, "chat.completion.chunk", created, model, List.of(), usage))
						: Mono.empty());
		return chunks.map((chunk) -> ServerSentEvent.<Object>builder(chunk).build())
			.concatWith(Mono.just(ServerSentEvent.<Object>builder("[DONE]").build()));
	}

	private static Flux<CompletionChunk> text(String id, long created, String model, DemoReply reply,
			Duration delay) {
		return Flux.concat(Mono.just(chunk(id, created, model, new Delta("assistant", ""), null)),
				Flux.fromIterable(reply.pieces())
					.delayElements(delay)
					.map((piece) -> chunk(id, created, model, new Delta(null, piece), null)));
	}

	private static Flux<CompletionChunk> toolCalls(String id, long created, String model, DemoReply reply,
			Duration delay) {
		List<Flux<CompletionChunk>> calls = new ArrayList<>();
		for (int index = 0; index < reply.calls().size(); index++) {
			DemoReply.Call call = reply.calls().get(index);
			int callIndex = index;
			Map<String, Object> start = new LinkedHashMap<>();
			if (index == 0) {
				start.put("role", "assistant");
				start.put("content", null);
			}
			start.put("tool_calls",
					List.of(new ToolCallDelta(index, call.id(), "function", new FunctionDelta(call.name(), ""))));
			calls.add(Flux.concat(Mono.just(chunk(id, created, model, start, null)),
					Flux.fromIterable(call.argumentPieces())
						.delayElements(delay)
						.map((piece) -> chunk(id, created, model, Map.of("tool_calls",
								List.of(new ToolCallDelta(callIndex, null, null, new FunctionDelta(null, piece)))),
								null))));
		}
		return Flux.concat(calls);
	}

	private static CompletionChunk chunk(String id, long created, String model, Object delta,
			@Nullable String finishReason) {
		return new CompletionChunk(id, "chat.completion.chunk", created, model,
				List.of(new ChunkChoice(0, delta, finishReason)), null);
	}

}
