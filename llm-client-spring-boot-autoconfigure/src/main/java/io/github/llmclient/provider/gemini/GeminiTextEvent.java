package io.github.llmclient.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot path of a Gemini stream: reads the usual event, one candidate whose content holds only
 * plain text parts ({@code text}, optionally {@code thought}), with {@code usageMetadata},
 * {@code modelVersion} and {@code responseId}, in one pass with Jackson's streaming parser instead
 * of a tree (which cost about 3.5 KB and half the CPU of each chunk: S2 in BENCHMARKS.md). Any other
 * shape (a finish reason, a signature, a function call, an error, a blocked prompt, two candidates,
 * a repeated name, a field of an unexpected type, malformed JSON) answers false, and the mapper reads
 * the same bytes as a tree, which then gives the answer or the error exactly as before. One per
 * stream mapper (single-threaded); each {@link #read} replaces what the previous one found.
 */
final class GeminiTextEvent {

	private static final int CANDIDATES = 1;

	private static final int USAGE = 2;

	private static final int MODEL = 4;

	private static final int RESPONSE_ID = 8;

	private final JsonMapper mapper;

	/** The texts of the parts, in order. */
	final List<String> texts = new ArrayList<>(2);

	/** Per part: {@code thought}'s value, or null when the part has none. */
	final List<@Nullable Boolean> thoughts = new ArrayList<>(2);

	/** Per part: whether {@code thought} came before {@code text} (kept so for replay). */
	final List<Boolean> thoughtFirst = new ArrayList<>(2);

	/** The event's {@code responseId}, or null. */
	@Nullable String responseId;

	/** The event's {@code modelVersion}, or null. */
	@Nullable String modelVersion;

	/** The event's usage, or null when it has no counts. */
	@Nullable Usage usage;

	GeminiTextEvent(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Reads an event.
	 * @param data holds the event's JSON
	 * @param offset where it starts
	 * @param length how many bytes it has
	 * @param knownId the stream's id so far, returned instead of an equal copy
	 * @param knownModel the stream's model so far, likewise
	 * @param knownUsage the latest usage, likewise
	 * @return true when the event has the usual shape and its fields are now here; false for the tree
	 */
	boolean read(byte[] data, int offset, int length, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		this.texts.clear();
		this.thoughts.clear();
		this.thoughtFirst.clear();
		this.responseId = null;
		this.modelVersion = null;
		this.usage = null;
		try (JsonParser parser = this.mapper.createParser(data, offset, length)) {
			return root(parser, knownId, knownModel, knownUsage) && parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			// malformed: the tree reads it again and reports it
			return false;
		}
	}

	private boolean root(JsonParser parser, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return false;
		}
		int seen = 0;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			int field = switch (name) {
				case "candidates" -> CANDIDATES;
				case "usageMetadata" -> USAGE;
				case "modelVersion" -> MODEL;
				case "responseId" -> RESPONSE_ID;
				// an error or a blocked prompt is the tree's
				case "error", "promptFeedback" -> -1;
				default -> 0;
			};
			if (field < 0 || (seen & field) != 0) {
				return false;
			}
			seen |= field;
			boolean read = switch (field) {
				case CANDIDATES -> value == JsonToken.START_ARRAY && candidates(parser);
				case USAGE -> value == JsonToken.START_OBJECT && usage(parser, knownUsage);
				case MODEL -> value == JsonToken.VALUE_STRING
						&& (this.modelVersion = string(parser, knownModel)) != null;
				case RESPONSE_ID -> value == JsonToken.VALUE_STRING
						&& (this.responseId = string(parser, knownId)) != null;
				default -> skip(parser);
			};
			if (!read) {
				return false;
			}
		}
		return (seen & CANDIDATES) != 0;
	}

	/** Exactly one candidate, holding only {@code content} and {@code index}. */
	private boolean candidates(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return false;
		}
		boolean content = false;
		boolean index = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("content".equals(name) && !content && value == JsonToken.START_OBJECT) {
				content = true;
				if (!content(parser)) {
					return false;
				}
			}
			else if ("index".equals(name) && !index) {
				index = true;
				parser.skipChildren();
			}
			else {
				// a finish reason, safety ratings, citations, grounding…: the tree's
				return false;
			}
		}
		return content && parser.nextToken() == JsonToken.END_ARRAY;
	}

	/** {@code parts} of plain text and an optional {@code role}. */
	private boolean content(JsonParser parser) {
		boolean parts = false;
		boolean role = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("parts".equals(name) && !parts && value == JsonToken.START_ARRAY) {
				parts = true;
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					if (!part(parser)) {
						return false;
					}
				}
				if (parser.currentToken() != JsonToken.END_ARRAY) {
					return false;
				}
			}
			else if ("role".equals(name) && !role && value == JsonToken.VALUE_STRING) {
				role = true;
			}
			else {
				return false;
			}
		}
		return parts;
	}

	/** A part of only {@code text} (a string) and, optionally, {@code thought} (a boolean). */
	private boolean part(JsonParser parser) {
		String text = null;
		Boolean thought = null;
		boolean thoughtFirst = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("text".equals(name) && text == null && value == JsonToken.VALUE_STRING) {
				text = parser.getString();
			}
			else if ("thought".equals(name) && thought == null
					&& (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)) {
				thought = value == JsonToken.VALUE_TRUE;
				thoughtFirst = text == null;
			}
			else {
				// a signature, a function call, inline data…: the tree's
				return false;
			}
		}
		if (text == null) {
			return false;
		}
		this.texts.add(text);
		this.thoughts.add(thought);
		this.thoughtFirst.add(thoughtFirst);
		return true;
	}

	/** The counts {@link GeminiResponses#usage} reads, each an {@code int} when present. */
	private boolean usage(JsonParser parser, @Nullable Usage known) {
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
				default -> skip(parser);
			};
			if (!read) {
				return false;
			}
		}
		if (prompt < 0 && candidates < 0 && total < 0) {
			return true;
		}
		int input = Math.max(prompt, 0);
		int output = Math.max(candidates, 0) + Math.max(thoughts, 0);
		Usage usage = new Usage(input, output, (total >= 0) ? total : input + output, Math.max(cached, 0),
				Math.max(thoughts, 0));
		this.usage = usage.equals(known) ? known : usage;
		return true;
	}

	/** The string value, or {@code known} when equal to it (no copy). */
	private static String string(JsonParser parser, @Nullable String known) {
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

	private static boolean skip(JsonParser parser) {
		parser.skipChildren();
		return true;
	}

}
