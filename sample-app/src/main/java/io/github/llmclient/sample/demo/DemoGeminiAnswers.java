package io.github.llmclient.sample.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.codec.ServerSentEvent;

/**
 * Writes a {@link DemoReply} as Gemini does: one {@code GenerateContentResponse}, or a stream of
 * them ({@code alt=sse}), each holding the next text piece and the usage so far (cumulative), the
 * last one also the {@code finishReason}; no end marker, the stream just ends. Tool calls are
 * {@code functionCall} parts sent whole ({@code args} an object), the first carrying a
 * {@code thoughtSignature} as Gemini 3 does.
 */
final class DemoGeminiAnswers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private DemoGeminiAnswers() {
	}

	/**
	 * The reply as one response.
	 * @param responseId the response's id
	 * @param model the model
	 * @param reply the reply
	 * @param promptTokens the prompt's tokens
	 * @return the response
	 */
	static ObjectNode response(String responseId, String model, DemoReply reply, int promptTokens) {
		ArrayNode parts = NODES.arrayNode();
		if (reply.calls().isEmpty()) {
			parts.addObject().put("text", String.join("", reply.pieces()));
		}
		else {
			calls(parts, reply, responseId);
		}
		return chunk(responseId, model, parts, finishReason(reply), promptTokens, reply.tokens());
	}

	/**
	 * The reply as server-sent events.
	 * @param responseId the response's id
	 * @param model the model
	 * @param reply the reply
	 * @param promptTokens the prompt's tokens
	 * @param delay the pause before each piece
	 * @return the events; the last carries the finish reason
	 */
	static Flux<ServerSentEvent<Object>> stream(String responseId, String model, DemoReply reply, int promptTokens,
			Duration delay) {
		List<ObjectNode> chunks = new ArrayList<>();
		if (!reply.calls().isEmpty()) {
			ArrayNode parts = NODES.arrayNode();
			calls(parts, reply, responseId);
			chunks.add(chunk(responseId, model, parts, finishReason(reply), promptTokens, reply.tokens()));
		}
		else {
			List<String> pieces = reply.pieces().isEmpty() ? List.of("") : reply.pieces();
			for (int i = 0; i < pieces.size(); i++) {
				ArrayNode parts = NODES.arrayNode();
				parts.addObject().put("text", pieces.get(i));
				boolean last = i == pieces.size() - 1;
				chunks.add(chunk(responseId, model, parts, last ? finishReason(reply) : null, promptTokens, i + 1));
			}
		}
		return Flux.fromIterable(chunks)
			.delayElements(delay)
			.map((chunk) -> ServerSentEvent.<Object>builder(chunk).build());
	}

	private static void calls(ArrayNode parts, DemoReply reply, String responseId) {
		for (int i = 0; i < reply.calls().size(); i++) {
			DemoReply.Call call = reply.calls().get(i);
			ObjectNode part = parts.addObject();
			part.putObject("functionCall").put("name", call.name()).set("args", JSON.readTree(call.arguments()));
			if (i == 0) {
				// opaque to clients: they must send it back on this very part
				part.put("thoughtSignature", Base64.getEncoder()
					.encodeToString(("demo-signature:" + responseId).getBytes(StandardCharsets.UTF_8)));
			}
		}
	}

	private static String finishReason(DemoReply reply) {
		return reply.finishReason().equals("length") ? "MAX_TOKENS" : "STOP";
	}

	private static ObjectNode chunk(String responseId, String model, ArrayNode parts, @Nullable String finishReason,
			int promptTokens, int outputTokens) {
		ObjectNode response = NODES.objectNode();
		ObjectNode candidate = response.putArray("candidates").addObject();
		candidate.putObject("content").put("role", "model").set("parts", parts);
		if (finishReason != null) {
			candidate.put("finishReason", finishReason);
		}
		candidate.put("index", 0);
		response.putObject("usageMetadata")
			.put("promptTokenCount", promptTokens)
			.put("candidatesTokenCount", outputTokens)
			.put("totalTokenCount", promptTokens + outputTokens);
		response.put("modelVersion", model);
		response.put("responseId", responseId);
		return response;
	}

	/**
	 * The models served, as {@code GET /models} lists them.
	 * @param properties the demo's properties
	 * @return the list, in one page
	 */
	static ObjectNode models(DemoModelProperties properties) {
		ObjectNode list = NODES.objectNode();
		ArrayNode models = list.putArray("models");
		model(models.addObject(), properties.model(), "generateContent", "streamGenerateContent");
		model(models.addObject(), properties.embeddingModel(), "embedContent", "batchEmbedContents");
		return list;
	}

	private static void model(ObjectNode model, String id, String... methods) {
		model.put("name", "models/" + id).put("version", "1").put("displayName", id);
		ArrayNode supported = model.putArray("supportedGenerationMethods");
		for (String method : methods) {
			supported.add(method);
		}
	}

	/**
	 * Embeddings as {@code batchEmbedContents} answers them.
	 * @param vectors one vector per request, in order
	 * @return the answer
	 */
	static ObjectNode embeddings(List<float[]> vectors) {
		ObjectNode answer = NODES.objectNode();
		ArrayNode embeddings = answer.putArray("embeddings");
		for (float[] vector : vectors) {
			ArrayNode values = embeddings.addObject().putArray("values");
			for (float value : vector) {
				values.add(value);
			}
		}
		return answer;
	}

}
