package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link DemoReply} as Bedrock's Converse API does: one {@code converse} answer
 * ({@code output.message}, {@code stopReason}, {@code usage}, {@code metrics}), or a
 * {@code converse-stream} of event-stream frames ({@link DemoBedrockFrames}): {@code messageStart};
 * per text piece a {@code contentBlockDelta}; per tool call a {@code contentBlockStart} with its id
 * and name, a {@code contentBlockDelta} per fragment of its input; a {@code contentBlockStop} after
 * each block; {@code messageStop} with the stop reason; {@code metadata} with the usage. Each piece
 * or fragment waits {@code demo.word-delay}.
 */
final class DemoBedrockAnswers {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DemoBedrockAnswers() {
	}

	/**
	 * Bedrock's stop reason for the demo model's finish reason.
	 * @param finishReason {@code stop}, {@code length} or {@code tool_calls}
	 * @return {@code end_turn}, {@code max_tokens} or {@code tool_use}
	 */
	static String stopReason(String finishReason) {
		return switch (finishReason) {
			case "length" -> "max_tokens";
			case "tool_calls" -> "tool_use";
			default -> "end_turn";
		};
	}

	/**
	 * The reply as one Converse answer.
	 * @param reply the reply
	 * @param inputTokens the prompt's tokens
	 * @return the answer's JSON
	 */
	static ObjectNode converse(DemoReply reply, int inputTokens) {
		ObjectNode body = NODES.objectNode();
		ObjectNode message = body.putObject("output").putObject("message");
		message.put("role", "assistant");
		ArrayNode content = message.putArray("content");
		if (reply.calls().isEmpty()) {
			content.addObject().put("text", String.join("", reply.pieces()));
		}
		for (DemoReply.Call call : reply.calls()) {
			ObjectNode use = content.addObject().putObject("toolUse");
			use.put("toolUseId", call.id()).put("name", call.name());
			use.set("input", JsonMapper.shared().readTree(call.arguments()));
		}
		body.put("stopReason", stopReason(reply.finishReason()));
		body.set("usage", usage(inputTokens, reply.tokens()));
		body.putObject("metrics").put("latencyMs", 0);
		return body;
	}

	/**
	 * The reply as a Converse stream.
	 * @param reply the reply
	 * @param inputTokens the prompt's tokens
	 * @param delay the pause before each piece
	 * @return the frames
	 */
	static Flux<byte[]> stream(DemoReply reply, int inputTokens, Duration delay) {
		List<Flux<byte[]>> blocks = new ArrayList<>();
		if (reply.calls().isEmpty()) {
			blocks.add(Flux.fromIterable(reply.pieces())
				.delayElements(delay)
				.map((piece) -> delta(0, NODES.objectNode().put("text", piece)))
				.concatWith(Mono.fromSupplier(() -> stop(0))));
		}
		for (int index = 0; index < reply.calls().size(); index++) {
			DemoReply.Call call = reply.calls().get(index);
			int block = index;
			ObjectNode start = NODES.objectNode();
			start.putObject("start").putObject("toolUse").put("toolUseId", call.id()).put("name", call.name());
			start.put("contentBlockIndex", block);
			blocks.add(Flux.concat(Mono.fromSupplier(() -> frame("contentBlockStart", start)),
					Flux.fromIterable(call.argumentPieces())
						.delayElements(delay)
						.map((piece) -> delta(block, NODES.objectNode().set("toolUse",
								NODES.objectNode().put("input", piece)))),
					Mono.fromSupplier(() -> stop(block))));
		}
		ObjectNode metadata = NODES.objectNode();
		metadata.set("usage", usage(inputTokens, reply.tokens()));
		metadata.putObject("metrics").put("latencyMs", 0);
		return Flux.concat(Mono.fromSupplier(() -> frame("messageStart", NODES.objectNode().put("role", "assistant"))),
				Flux.concat(blocks),
				Mono.fromSupplier(() -> frame("messageStop",
						NODES.objectNode().put("stopReason", stopReason(reply.finishReason())))),
				Mono.fromSupplier(() -> frame("metadata", metadata)));
	}

	private static byte[] delta(int block, ObjectNode delta) {
		ObjectNode payload = NODES.objectNode();
		payload.set("delta", delta);
		payload.put("contentBlockIndex", block);
		return frame("contentBlockDelta", payload);
	}

	private static byte[] stop(int block) {
		return frame("contentBlockStop", NODES.objectNode().put("contentBlockIndex", block));
	}

	private static byte[] frame(String event, ObjectNode payload) {
		return DemoBedrockFrames.event(event, JsonMapper.shared().writeValueAsBytes(payload));
	}

	private static ObjectNode usage(int inputTokens, int outputTokens) {
		return NODES.objectNode()
			.put("inputTokens", inputTokens)
			.put("outputTokens", outputTokens)
			.put("totalTokens", inputTokens + outputTokens);
	}

}
