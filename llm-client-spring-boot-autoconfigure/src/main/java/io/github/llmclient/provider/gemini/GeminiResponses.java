package io.github.llmclient.provider.gemini;

import java.util.Locale;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/** What answers and stream chunks share: finish reasons, usage, function calls' arguments. */
final class GeminiResponses {

	/** What {@link #usage(JsonParser, Usage)} answers for counts the tree must read: compared by identity. */
	static final Usage NOT_READ = new Usage(-1, -1, -1);

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
	 * Reads {@code usageMetadata} as {@link #usage(JsonNode)} does, from a parser on its
	 * {@code START_OBJECT}: each count an {@code int} when present.
	 * @param parser the parser
	 * @param known the latest usage, returned instead of an equal copy
	 * @return the usage, null when the object holds no counts, or {@link #NOT_READ} when a count is
	 * not an {@code int} or repeated (the tree's to read)
	 */
	static @Nullable Usage usage(JsonParser parser, @Nullable Usage known) {
		int prompt = -1;
		int candidates = -1;
		int thoughts = -1;
		int cached = -1;
		int total = -1;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			int count = (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT)
					? parser.getIntValue() : -1;
			boolean read = switch (name) {
				case "promptTokenCount" -> prompt < 0 && (prompt = count) >= 0;
				case "candidatesTokenCount" -> candidates < 0 && (candidates = count) >= 0;
				case "thoughtsTokenCount" -> thoughts < 0 && (thoughts = count) >= 0;
				case "cachedContentTokenCount" -> cached < 0 && (cached = count) >= 0;
				case "totalTokenCount" -> total < 0 && (total = count) >= 0;
				default -> {
					parser.skipChildren();
					yield true;
				}
			};
			if (!read) {
				return NOT_READ;
			}
		}
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
	 * The parser's current string, or {@code known} when equal to it (no copy).
	 * @param parser the parser, on a string
	 * @param known the value seen before, or null
	 * @return the string
	 */
	static String string(JsonParser parser, @Nullable String known) {
		if (known != null && known.length() == parser.getStringLength()) {
			char[] chars = parser.getStringCharacters();
			int offset = parser.getStringOffset();
			int i = 0;
			while (i < known.length() && chars[offset + i] == known.charAt(i)) {
				i++;
			}
			if (i == known.length()) {
				return known;
			}
		}
		return parser.getString();
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
