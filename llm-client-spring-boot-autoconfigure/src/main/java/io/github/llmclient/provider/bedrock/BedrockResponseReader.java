package io.github.llmclient.provider.bedrock;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.FinishReasons;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads Converse answers and the control plane's model list. Text blocks are joined into the
 * content, {@code toolUse} blocks become tool calls, {@code reasoningContent} blocks give the
 * reasoning text and, as they were received (signatures included), the replay data.
 */
final class BedrockResponseReader {

	private final JsonMapper mapper;

	BedrockResponseReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatResponse read(byte[] body, @Nullable String model) {
		JsonNode root = this.mapper.readTree(body);
		JsonNode content = root.path("output").path("message").path("content");
		if (!content.isArray()) {
			throw new IllegalStateException("no output.message.content in the Converse answer");
		}
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		List<ToolCall> toolCalls = new ArrayList<>();
		ArrayNode replay = this.mapper.createArrayNode();
		for (JsonNode block : content) {
			if (block.has("text")) {
				text.append(block.get("text").asString());
			}
			else if (block.has("toolUse")) {
				JsonNode toolUse = block.get("toolUse");
				JsonNode input = toolUse.path("input");
				toolCalls.add(new ToolCall(toolUse.path("toolUseId").asString(), toolUse.path("name").asString(),
						input.isMissingNode() || input.isNull() ? "{}" : this.mapper.writeValueAsString(input)));
			}
			else if (block.has("reasoningContent")) {
				JsonNode reasoningText = block.get("reasoningContent").path("reasoningText");
				if (reasoningText.has("text")) {
					reasoning.append(reasoningText.get("text").asString());
				}
				replay.add(block);
			}
		}
		return new ChatResponse(null, model, text.toString(), finishReason(root.path("stopReason").asString(null)),
				usage(root.path("usage")), toolCalls, reasoning.toString(),
				replay.isEmpty() ? null : new ReplayData(ReplayData.BEDROCK, this.mapper.writeValueAsString(replay)));
	}

	/**
	 * Bedrock's stop reason in the shared words: {@code end_turn}, {@code stop_sequence} →
	 * {@code stop}; {@code max_tokens} → {@code length}; {@code tool_use} → {@code tool_calls};
	 * {@code guardrail_intervened}, {@code content_filtered} → {@code content_filter}.
	 */
	static @Nullable String finishReason(@Nullable String stopReason) {
		if (stopReason == null) {
			return null;
		}
		return switch (stopReason) {
			case "end_turn", "stop_sequence" -> "stop";
			case "max_tokens" -> "length";
			case "tool_use" -> "tool_calls";
			case "guardrail_intervened", "content_filtered" -> "content_filter";
			default -> FinishReasons.normalize(stopReason);
		};
	}

	/**
	 * Input counts cache reads and writes ({@code inputTokens} is only the uncached rest), as on
	 * Anthropic.
	 */
	static @Nullable Usage usage(JsonNode usage) {
		if (!usage.isObject()) {
			return null;
		}
		int cacheRead = usage.path("cacheReadInputTokens").asInt(0);
		int cacheWrite = usage.path("cacheWriteInputTokens").asInt(0);
		int input = usage.path("inputTokens").asInt(0) + cacheRead + cacheWrite;
		int output = usage.path("outputTokens").asInt(0);
		return new Usage(input, output, input + output, cacheRead, 0, cacheWrite);
	}

	/** {@code modelSummaries[].modelId} of {@code GET /foundation-models}. */
	List<String> readModels(byte[] body) {
		JsonNode summaries = this.mapper.readTree(body).path("modelSummaries");
		if (!summaries.isArray()) {
			throw new IllegalStateException("no modelSummaries in the model list");
		}
		List<String> ids = new ArrayList<>(summaries.size());
		for (JsonNode summary : summaries) {
			String id = summary.path("modelId").asString(null);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids;
	}

}
