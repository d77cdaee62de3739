package io.github.llmclient.springai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Turns the starter's answer into Spring AI's: one generation whose assistant message holds the
 * text, the tool calls (whole, unexecuted), the reasoning text ({@value #REASONING_METADATA}) and
 * the replay data ({@value #REPLAY_METADATA}) in its metadata; the finish reason in the
 * generation's metadata; id, model and usage (cache reads and writes included) in the response's.
 */
final class ResponseConverter {

	/** The assistant message's metadata key of the model's visible reasoning text. */
	static final String REASONING_METADATA = "reasoningContent";

	/**
	 * The assistant message's metadata key of the answer's {@link ReplayData}, sent back when
	 * Spring AI replays the message (a reasoning model's tool loop).
	 */
	static final String REPLAY_METADATA = "llmReplay";

	private static final String TOOL_CALL_TYPE = "function";

	/**
	 * The generation metadata of the finish reasons the starter normalises to, built once: Spring
	 * AI's is read-only (a finish reason, no content filters, no entries), and building one per
	 * answer costs a builder, a map and a set.
	 */
	private static final Map<String, ChatGenerationMetadata> COMMON_GENERATION_METADATA = commonGenerationMetadata();

	private ResponseConverter() {
	}

	static ChatResponse toChatResponse(io.github.llmclient.chat.ChatResponse answer) {
		AssistantMessage message = AssistantMessage.builder()
			.content(answer.content())
			.toolCalls(toolCalls(answer.toolCalls()))
			.properties(properties(answer.reasoning(), answer.replay()))
			.build();
		return new ChatResponse(List.of(new Generation(message, generationMetadata(answer.finishReason()))),
				metadata(answer.id(), answer.model(), answer.usage()));
	}

	static ChatGenerationMetadata generationMetadata(@Nullable String finishReason) {
		if (finishReason == null) {
			return ChatGenerationMetadata.NULL;
		}
		ChatGenerationMetadata shared = COMMON_GENERATION_METADATA.get(finishReason);
		return (shared != null) ? shared : ChatGenerationMetadata.builder().finishReason(finishReason).build();
	}

	private static Map<String, ChatGenerationMetadata> commonGenerationMetadata() {
		Map<String, ChatGenerationMetadata> metadata = new HashMap<>();
		for (String finishReason : List.of("stop", "length", "tool_calls", "content_filter")) {
			metadata.put(finishReason, ChatGenerationMetadata.builder().finishReason(finishReason).build());
		}
		return Map.copyOf(metadata);
	}

	static ChatResponseMetadata metadata(@Nullable String id, @Nullable String model, @Nullable Usage usage) {
		ChatResponseMetadata.Builder builder = ChatResponseMetadata.builder();
		if (id != null) {
			builder.id(id);
		}
		if (model != null) {
			builder.model(model);
		}
		if (usage != null) {
			builder.usage(usage(usage));
		}
		return builder.build();
	}

	static DefaultUsage usage(Usage usage) {
		return new DefaultUsage(usage.inputTokens(), usage.outputTokens(), usage.totalTokens(), usage,
				(long) usage.cachedInputTokens(), (long) usage.cacheWriteInputTokens());
	}

	static List<AssistantMessage.ToolCall> toolCalls(List<ToolCall> calls) {
		if (calls.isEmpty()) {
			return List.of();
		}
		List<AssistantMessage.ToolCall> result = new ArrayList<>(calls.size());
		for (ToolCall call : calls) {
			result.add(new AssistantMessage.ToolCall(call.id(), TOOL_CALL_TYPE, call.name(), call.arguments()));
		}
		return result;
	}

	static Map<String, Object> properties(@Nullable String reasoning, @Nullable ReplayData replay) {
		if (reasoning == null && replay == null) {
			return Map.of();
		}
		Map<String, Object> properties = new HashMap<>(4);
		if (reasoning != null && !reasoning.isEmpty()) {
			properties.put(REASONING_METADATA, reasoning);
		}
		if (replay != null) {
			properties.put(REPLAY_METADATA, replay);
		}
		return properties;
	}

}
