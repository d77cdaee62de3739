package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Writes a {@link DemoReply} as OpenAI's Responses API does: one {@code response} object, or a
 * stream of typed events, each with its {@code sequence_number} — {@code response.created}; when
 * the request asked for reasoning, a {@code reasoning} item whose summary streams word by word
 * ({@code response.reasoning_summary_text.delta}) and whose {@code encrypted_content} comes whole
 * with {@code response.output_item.done}; then a message whose text streams a piece per
 * {@code response.output_text.delta}, or {@code function_call} items whose arguments stream in
 * {@code response.function_call_arguments.delta} events keyed by {@code item_id}; and the terminal
 * {@code response.completed} (or {@code response.incomplete} when {@code max_output_tokens} cut the
 * answer) with the whole response and its usage. No {@code [DONE]}.
 */
final class DemoResponses {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private DemoResponses() {
	}

	/**
	 * What the demo model tells of its reasoning, when asked for it.
	 * @param reply the reply it reasoned to
	 * @return the summary
	 */
	static String reasoningSummary(DemoReply reply) {
		return reply.calls().isEmpty() ? "**Answering directly**\n\nThe demo model reads the question and answers it."
				: "**Calling a tool**\n\nThe demo model needs " + reply.calls().get(0).name() + " to answer.";
	}

	/**
	 * The reply as one response object.
	 * @param id the response's id
	 * @param created its time, in epoch seconds
	 * @param model the model
	 * @param reply the reply
	 * @param summary the reasoning summary, or null when the request asked for no reasoning
	 * @param inputTokens the prompt's tokens
	 * @return the response
	 */
	static ObjectNode response(String id, long created, String model, DemoReply reply, @Nullable String summary,
			int inputTokens) {
		ObjectNode response = head(id, created, model, "completed");
		ArrayNode output = response.putArray("output");
		if (summary != null) {
			output.add(reasoning(id, summary));
		}
		for (int i = 0; i < reply.calls().size(); i++) {
			output.add(functionCall(id, i, reply.calls().get(i), reply.calls().get(i).arguments(), "completed"));
		}
		if (reply.calls().isEmpty()) {
			output.add(message(id, String.valueOf(reply.content()), "completed"));
		}
		return finish(response, reply, summary, inputTokens);
	}

	/**
	 * The reply as a stream of typed events.
	 * @param id the response's id
	 * @param created its time, in epoch seconds
	 * @param model the model
	 * @param reply the reply
	 * @param summary the reasoning summary, or null when the request asked for no reasoning
	 * @param inputTokens the prompt's tokens
	 * @param delay the pause before each piece
	 * @return the events, ending with the terminal event
	 */
	static Flux<ServerSentEvent<Object>> stream(String id, long created, String model, DemoReply reply,
			@Nullable String summary, int inputTokens, Duration delay) {
		AtomicInteger sequence = new AtomicInteger();
		List<Flux<ObjectNode>> parts = new ArrayList<>();
		parts.add(Flux.just(event("response.created").set("response", head(id, created, model, "in_progress"))));
		int index = 0;
		if (summary != null) {
			ObjectNode item = reasoning(id, summary);
			String itemId = item.path("id").asString();
			int outputIndex = index++;
			ObjectNode added = item.deepCopy();
			added.putArray("summary");
			parts.add(Flux.concat(Mono.just(itemEvent("response.output_item.added", outputIndex, added)),
					Flux.fromIterable(DemoAnswers.pieces(summary))
						.delayElements(delay)
						.map((piece) -> event("response.reasoning_summary_text.delta").put("item_id", itemId)
							.put("output_index", outputIndex).put("summary_index", 0).put("delta", piece)),
					Mono.just(itemEvent("response.output_item.done", outputIndex, item))));
		}
		for (int i = 0; i < reply.calls().size(); i++) {
			DemoReply.Call call = reply.calls().get(i);
			int outputIndex = index++;
			String itemId = "fc_" + id + "_" + i;
			parts.add(Flux.concat(
					Mono.just(itemEvent("response.output_item.added", outputIndex,
							functionCall(id, i, call, "", "in_progress"))),
					Flux.fromIterable(call.argumentPieces())
						.delayElements(delay)
						.map((piece) -> event("response.function_call_arguments.delta").put("item_id", itemId)
							.put("output_index", outputIndex).put("delta", piece)),
					Mono.just(itemEvent("response.output_item.done", outputIndex,
							functionCall(id, i, call, call.arguments(), "completed")))));
		}
		if (reply.calls().isEmpty()) {
			int outputIndex = index;
			String itemId = "msg_" + id;
			parts.add(Flux.concat(Mono.just(itemEvent("response.output_item.added", outputIndex,
					message(id, "", "in_progress"))),
					Flux.fromIterable(reply.pieces())
						.delayElements(delay)
						.map((piece) -> event("response.output_text.delta").put("item_id", itemId)
							.put("output_index", outputIndex).put("content_index", 0).put("delta", piece)),
					Mono.just(itemEvent("response.output_item.done", outputIndex,
							message(id, String.valueOf(reply.content()), "completed")))));
		}
		ObjectNode whole = response(id, created, model, reply, summary, inputTokens);
		String terminal = "completed".equals(whole.path("status").asString()) ? "response.completed"
				: "response.incomplete";
		parts.add(Flux.just(event(terminal).set("response", whole)));
		return Flux.concat(parts).map((event) -> {
			String type = event.path("type").asString();
			event.put("sequence_number", sequence.getAndIncrement());
			return ServerSentEvent.<Object>builder(event).event(type).build();
		});
	}

	private static ObjectNode head(String id, long created, String model, String status) {
		ObjectNode response = nodes.objectNode().put("id", id).put("object", "response").put("created_at", created)
			.put("status", status).put("model", model);
		response.putNull("error");
		response.putNull("incomplete_details");
		return response;
	}

	private static ObjectNode finish(ObjectNode response, DemoReply reply, @Nullable String summary, int inputTokens) {
		if ("length".equals(reply.finishReason())) {
			response.put("status", "incomplete");
			response.putObject("incomplete_details").put("reason", "max_output_tokens");
		}
		int reasoningTokens = (summary != null) ? DemoAnswers.pieces(summary).size() : 0;
		int outputTokens = reply.tokens() + reasoningTokens;
		ObjectNode usage = response.putObject("usage").put("input_tokens", inputTokens);
		usage.putObject("input_tokens_details").put("cached_tokens", 0);
		usage.put("output_tokens", outputTokens);
		usage.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
		usage.put("total_tokens", inputTokens + outputTokens);
		return response;
	}

	/** A reasoning item; its encrypted content is the demo's stand-in for OpenAI's opaque blob. */
	private static ObjectNode reasoning(String id, String summary) {
		ObjectNode item = nodes.objectNode().put("id", "rs_" + id).put("type", "reasoning");
		item.putArray("summary").addObject().put("type", "summary_text").put("text", summary);
		item.put("encrypted_content", "demo-encrypted-" + Integer.toHexString(summary.hashCode()));
		return item;
	}

	private static ObjectNode message(String id, String text, String status) {
		ObjectNode item = nodes.objectNode().put("id", "msg_" + id).put("type", "message").put("status", status)
			.put("role", "assistant");
		ArrayNode content = item.putArray("content");
		if ("completed".equals(status)) {
			content.addObject().put("type", "output_text").put("text", text).putArray("annotations");
		}
		return item;
	}

	private static ObjectNode functionCall(String id, int index, DemoReply.Call call, String arguments, String status) {
		return nodes.objectNode().put("id", "fc_" + id + "_" + index).put("type", "function_call").put("status", status)
			.put("call_id", call.id()).put("name", call.name()).put("arguments", arguments);
	}

	private static ObjectNode event(String type) {
		return nodes.objectNode().put("type", type);
	}

	private static ObjectNode itemEvent(String type, int outputIndex, ObjectNode item) {
		ObjectNode event = event(type).put("output_index", outputIndex);
		event.set("item", item);
		return event;
	}

}
