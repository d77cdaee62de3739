package io.github.llmclient.provider.gemini;

import java.util.Locale;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What answers and stream chunks share: finish reasons, usage, function calls' arguments. */
final class GeminiResponses {

	private GeminiResponses() {
	}

	/**
	 * Normalises a finish reason: Gemini ends a call with {@code STOP}, so an answer that calls
	 * functions finishes with {@code tool_calls}.
	 * @param reason Gemini's word, or null
	 * @param calledFunctions whether the answer holds function calls
	 * @return the normalised word, or null
	 */
	static @Nullable String finishReason(@Nullable String reason, boolean calledFunctions) {
		if (reason == null) {
			return null;
		}
		return switch (reason) {
			case "STOP" -> calledFunctions ? "tool_calls" : "stop";
			case "MAX_TOKENS" -> "length";
			case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" -> "content_filter";
			default -> reason.toLowerCase(Locale.ROOT);
		};
	}

	/**
	 * Reads {@code usageMetadata}: input {@code promptTokenCount} (cached tokens included), cached
	 * {@code cachedContentTokenCount}, output {@code candidatesTokenCount + thoughtsTokenCount},
	 * reasoning {@code thoughtsTokenCount}.
	 * @param metadata the {@code usageMetadata} node (possibly missing)
	 * @return the usage, or null when the node holds no counts (Vertex's early stream chunks)
	 */
	static @Nullable Usage usage(JsonNode metadata) {
		if (!metadata.has("promptTokenCount") && !metadata.has("candidatesTokenCount")
				&& !metadata.has("totalTokenCount")) {
			return null;
		}
		int input = metadata.path("promptTokenCount").asInt(0);
		int candidates = metadata.path("candidatesTokenCount").asInt(0);
		int thoughts = metadata.path("thoughtsTokenCount").asInt(0);
		int cached = metadata.path("cachedContentTokenCount").asInt(0);
		int output = candidates + thoughts;
		int total = metadata.has("totalTokenCount") ? metadata.path("totalTokenCount").asInt(0) : input + output;
		return new Usage(input, output, total, cached, thoughts);
	}

	/**
	 * The usage of counts read from the bytes, as {@link #usage(JsonNode)} makes it from a tree:
	 * each count -1 when absent; null without any of prompt, candidates and total.
	 * @param known the latest usage, returned instead of an equal copy
	 * @return the usage, or null
	 */
	static @Nullable Usage usage(int prompt, int candidates, int thoughts, int cached, int total,
			@Nullable Usage known) {
		if (prompt < 0 && candidates < 0 && total < 0) {
			return null;
		}
		int input = Math.max(prompt, 0);
		int output = Math.max(candidates, 0) + Math.max(thoughts, 0);
		Usage usage = new Usage(input, output, (total >= 0) ? total : input + output, Math.max(cached, 0),
				Math.max(thoughts, 0));
		return usage.equals(known) ? known : usage;
	}

	/**
	 * A function call's arguments as JSON text.
	 * @param functionCall the {@code functionCall} node
	 * @return {@code args} as compact JSON, {@code {}} when absent
	 */
	static String arguments(JsonNode functionCall) {
		JsonNode args = functionCall.get("args");
		return (args == null || args.isNull()) ? "{}" : args.toString();
	}

	/**
	 * A function call's id: its own, or a new made-up one.
	 * @param functionCall the {@code functionCall} node
	 * @return the id
	 */
	static String callId(JsonNode functionCall) {
		JsonNode id = functionCall.get("id");
		return (id != null && id.isString() && !id.stringValue().isEmpty()) ? id.stringValue() : GeminiCallIds.madeUp();
	}

	/**
	 * A streamed function call's id: its own, or the answer's next made-up one.
	 * @param functionCall the {@code functionCall} node
	 * @param ids the answer's made-up ids
	 * @return the id
	 */
	static String callId(JsonNode functionCall, GeminiCallIds.Sequence ids) {
		JsonNode id = functionCall.get("id");
		return (id != null && id.isString() && !id.stringValue().isEmpty()) ? id.stringValue() : ids.next();
	}

	/**
	 * Whether a part's text is a thought summary.
	 * @param part the part
	 * @return true for {@code thought: true}
	 */
	static boolean isThought(JsonNode part) {
		return part.path("thought").asBoolean(false);
	}

	/**
	 * A text node's value, or null.
	 * @param node the node
	 * @return the text, or null when the node is not a string
	 */
	static @Nullable String text(JsonNode node) {
		return node.isString() ? node.stringValue() : null;
	}

}
