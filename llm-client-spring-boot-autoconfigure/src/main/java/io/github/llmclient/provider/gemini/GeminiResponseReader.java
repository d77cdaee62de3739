package io.github.llmclient.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads {@code generateContent} answers and model lists. Text parts are joined (thought parts
 * into {@code reasoning()}), each {@code functionCall} becomes a {@link ToolCall}; when any part
 * carries a {@code thoughtSignature}, the parts are kept verbatim as {@link ReplayData#GEMINI}
 * replay data ({@code {"parts": […]}}) so that the next request sends them back exactly. A
 * prompt blocked before any candidate is an empty answer finishing with {@code content_filter}.
 */
final class GeminiResponseReader {

	private final JsonMapper mapper;

	GeminiResponseReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatResponse read(byte[] body) {
		JsonNode root = this.mapper.readTree(body);
		String id = GeminiResponses.text(root.path("responseId"));
		String model = GeminiResponses.text(root.path("modelVersion"));
		JsonNode candidates = root.path("candidates");
		if (!candidates.isArray() || candidates.isEmpty()) {
			String blocked = GeminiResponses.text(root.path("promptFeedback").path("blockReason"));
			if (blocked == null) {
				throw new IllegalStateException("the answer has no candidates and no promptFeedback.blockReason");
			}
			return new ChatResponse(id, model, "", "content_filter", GeminiResponses.usage(root.path("usageMetadata")),
					List.of(), null, null);
		}
		JsonNode candidate = candidates.get(0);
		JsonNode parts = candidate.path("content").path("parts");
		StringBuilder content = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		List<ToolCall> calls = new ArrayList<>();
		boolean signed = false;
		for (JsonNode part : parts) {
			signed |= part.has("thoughtSignature");
			JsonNode functionCall = part.get("functionCall");
			if (functionCall != null) {
				calls.add(new ToolCall(GeminiResponses.callId(functionCall),
						String.valueOf(GeminiResponses.text(functionCall.path("name"))),
						GeminiResponses.arguments(functionCall)));
				continue;
			}
			String text = GeminiResponses.text(part.path("text"));
			if (text != null) {
				(GeminiResponses.isThought(part) ? reasoning : content).append(text);
			}
		}
		ReplayData replay = signed ? replay(this.mapper, (ArrayNode) parts) : null;
		return new ChatResponse(id, model, content.toString(),
				GeminiResponses.finishReason(GeminiResponses.text(candidate.path("finishReason")), !calls.isEmpty()),
				GeminiResponses.usage(root.path("usageMetadata")), calls, reasoning.toString(), replay);
	}

	/** The parts as replay data: {@code {"parts": […]}}, exactly as received. */
	static ReplayData replay(JsonMapper mapper, ArrayNode parts) {
		return new ReplayData(ReplayData.GEMINI, mapper.createObjectNode().set("parts", parts).toString());
	}

	/**
	 * Reads a page of a model list: Gemini's {@code models[].name} without {@code models/}, or
	 * Vertex's {@code publisherModels[].name} without {@code publishers/google/models/}.
	 */
	List<String> readModels(byte[] body) {
		JsonNode root = this.mapper.readTree(body);
		JsonNode models = root.has("publisherModels") ? root.path("publisherModels") : root.path("models");
		List<String> ids = new ArrayList<>(models.size());
		for (JsonNode model : models) {
			String name = GeminiResponses.text(model.path("name"));
			if (name != null) {
				ids.add(name.substring(name.lastIndexOf('/') + 1));
			}
		}
		return ids;
	}

	/** The token of the next page of a model list, or null on the last. */
	@Nullable String nextPageToken(byte[] body) {
		String token = GeminiResponses.text(this.mapper.readTree(body).path("nextPageToken"));
		return (token == null || token.isEmpty()) ? null : token;
	}

}
