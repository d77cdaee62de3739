package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an event of function calls (and of any parts beside them) in one pass, from its bytes
 * ({@link GeminiCallScanner}) or, for what the scanner leaves, with Jackson's streaming parser,
 * instead of a tree: one candidate whose parts are calls, text, thoughts, signed
 * or other parts, an optional {@code finishReason}, {@code usageMetadata}, {@code modelVersion} and
 * {@code responseId}. A call's arguments, and every part that is not plain text, are taken as
 * their JSON text from the event's bytes ({@link GeminiJsonText}), which is what the tree wrote
 * back, so that a part is kept for replay as a few bytes, not as a tree. Anything else (an error,
 * a blocked prompt, no or two candidates, a repeated name, a field of an unexpected type, text
 * that Jackson would write differently, malformed JSON) answers false, and the mapper reads the
 * event as a tree, which gives the answer or the error exactly as before. One per stream mapper
 * (single-threaded); each {@link #read} replaces what the previous one found, and its parts'
 * bytes may be taken only until the next.
 */
final class GeminiCallEvent {

	private static final int CANDIDATES = 1;

	private static final int USAGE = 2;

	private static final int MODEL = 4;

	private static final int RESPONSE_ID = 8;

	private final JsonMapper mapper;

	private final GeminiJsonText json;

	private final GeminiCallScanner scanner;

	/** The parts read, reused from event to event: the first {@link #size} are this event's. */
	private final List<Part> parts = new ArrayList<>(2);

	/** How many parts the event has. */
	int size;

	/** The event's {@code responseId}, or null. */
	@Nullable String responseId;

	/** The event's {@code modelVersion}, or null. */
	@Nullable String modelVersion;

	/** The event's usage, or null when it has no counts. */
	@Nullable Usage usage;

	/** The candidate's {@code finishReason}, or null. */
	@Nullable String finishReason;

	/** The bytes of the event read last, and where it starts. */
	private byte[] data = new byte[0];

	private int offset;

	GeminiCallEvent(JsonMapper mapper) {
		this.mapper = mapper;
		this.json = new GeminiJsonText(mapper);
		this.scanner = new GeminiCallScanner(mapper);
	}

	/** One part of the event. */
	static final class Part {

		/** Its text, or null when it has no {@code text} string. */
		@Nullable String text;

		/** Its {@code thought}, or null when it has none. */
		@Nullable Boolean thought;

		/** Whether {@code thought} came before {@code text}. */
		boolean thoughtFirst;

		/** Whether it carries a {@code thoughtSignature}. */
		boolean signed;

		/** Whether it holds only {@code text} and, optionally, {@code thought}. */
		boolean plain;

		/** Whether it is a {@code functionCall}. */
		boolean call;

		/** The call's own id, or null. */
		@Nullable String callId;

		/** The call's name. */
		@Nullable String callName;

		/** Where the part's bytes start and end (exclusive) in the event's array. */
		int start;

		int end;

		/** What {@link GeminiJsonText#check} said of the part's bytes (plain text parts: unchecked). */
		int form;

		/** Where the call's {@code args} object starts and ends (exclusive); -1 when absent or null. */
		int argsStart;

		int argsEnd;

		private void clear() {
			this.text = null;
			this.thought = null;
			this.thoughtFirst = false;
			this.signed = false;
			this.plain = false;
			this.call = false;
			this.callId = null;
			this.callName = null;
			this.argsStart = -1;
			this.argsEnd = -1;
		}

	}

	/** The event's part with the given index. */
	Part part(int index) {
		return this.parts.get(index);
	}

	/** A call's arguments as JSON text, as {@link GeminiResponses#arguments} writes them. */
	String arguments(Part part) {
		return (part.argsStart < 0) ? "{}" : GeminiJsonText.text(this.data, part.argsStart, part.argsEnd, part.form);
	}

	/** Writes a part that is not plain text as the tree would write it. */
	void copy(Part part, ByteArrayOutputStream out) {
		GeminiJsonText.copy(this.data, part.start, part.end, part.form, out);
	}

	/**
	 * Reads an event.
	 * @param data holds the event's JSON
	 * @param offset where it starts
	 * @param length how many bytes it has
	 * @param knownId the stream's id so far, returned instead of an equal copy
	 * @param knownModel the stream's model so far, likewise
	 * @param knownUsage the latest usage, likewise
	 * @return true when the event has a shape read here and its fields are now here; false for the tree
	 */
	boolean read(byte[] data, int offset, int length, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		this.data = data;
		this.offset = offset;
		clear();
		if (this.scanner.read(this, data, offset, length, knownUsage)) {
			return true;
		}
		// outside the scanner's subset (or malformed): Jackson's parser, then the tree
		clear();
		try (JsonParser parser = this.mapper.createParser(data, offset, length)) {
			return root(parser, knownId, knownModel, knownUsage) && parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			// malformed: the tree reads it again and reports it
			return false;
		}
	}

	private void clear() {
		this.size = 0;
		this.responseId = null;
		this.modelVersion = null;
		this.usage = null;
		this.finishReason = null;
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
				case USAGE -> value == JsonToken.START_OBJECT
						&& (this.usage = GeminiResponses.usage(parser, knownUsage)) != GeminiResponses.NOT_READ;
				case MODEL -> value == JsonToken.VALUE_STRING
						&& (this.modelVersion = GeminiResponses.string(parser, knownModel)) != null;
				case RESPONSE_ID -> value == JsonToken.VALUE_STRING
						&& (this.responseId = GeminiResponses.string(parser, knownId)) != null;
				default -> skip(parser);
			};
			if (!read) {
				return false;
			}
		}
		return (seen & CANDIDATES) != 0;
	}

	/**
	 * Exactly one candidate with {@code content}; its {@code finishReason} when a string; its other
	 * fields (safety ratings, citations…) passed over, as the tree does.
	 */
	private boolean candidates(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return false;
		}
		boolean content = false;
		boolean finish = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("content".equals(name)) {
				if (content || value != JsonToken.START_OBJECT || !content(parser)) {
					return false;
				}
				content = true;
			}
			else if ("finishReason".equals(name)) {
				if (finish || value != JsonToken.VALUE_STRING) {
					return false;
				}
				finish = true;
				this.finishReason = parser.getString();
			}
			else {
				// the index, safety ratings, citations…: the tree passes over them too
				parser.skipChildren();
			}
		}
		return content && parser.nextToken() == JsonToken.END_ARRAY;
	}

	/** {@code parts} (an array of objects) and anything else passed over. */
	private boolean content(JsonParser parser) {
		boolean parts = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("parts".equals(name)) {
				if (parts || value != JsonToken.START_ARRAY) {
					return false;
				}
				parts = true;
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					if (!part(parser, next())) {
						return false;
					}
				}
				if (parser.currentToken() != JsonToken.END_ARRAY) {
					return false;
				}
			}
			else {
				parser.skipChildren();
			}
		}
		return parts;
	}

	/** A new part of the event, cleared. */
	Part next() {
		if (this.size == this.parts.size()) {
			this.parts.add(new Part());
		}
		Part part = this.parts.get(this.size++);
		part.clear();
		return part;
	}

	/** A part: its text, thought, signature, call; other fields kept only in its bytes. */
	private boolean part(JsonParser parser, Part part) {
		part.start = offset(parser);
		boolean other = false;
		boolean textSeen = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "text" -> {
					if (textSeen || value != JsonToken.VALUE_STRING) {
						return false;
					}
					textSeen = true;
					part.text = parser.getString();
				}
				case "thought" -> {
					if (part.thought != null || (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE)) {
						return false;
					}
					part.thought = value == JsonToken.VALUE_TRUE;
					part.thoughtFirst = !textSeen;
				}
				case "thoughtSignature" -> {
					if (part.signed) {
						return false;
					}
					part.signed = true;
					parser.skipChildren();
				}
				case "functionCall" -> {
					if (part.call || value != JsonToken.START_OBJECT || !call(parser, part)) {
						return false;
					}
					part.call = true;
				}
				default -> {
					// inline data, code…: kept in the part's bytes, as the tree keeps them
					other = true;
					parser.skipChildren();
				}
			}
		}
		part.end = offset(parser) + 1;
		part.plain = textSeen && !part.signed && !part.call && !other;
		if (part.plain) {
			return true;
		}
		part.form = this.json.check(this.data, part.start, part.end);
		return part.form != GeminiJsonText.NOT_CANONICAL;
	}

	/** A {@code functionCall}: its name and id (strings), where its arguments are; other fields passed over. */
	private boolean call(JsonParser parser, Part part) {
		boolean args = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "name" -> {
					if (part.callName != null || value != JsonToken.VALUE_STRING) {
						return false;
					}
					part.callName = parser.getString();
				}
				case "id" -> {
					if (part.callId != null || value != JsonToken.VALUE_STRING) {
						return false;
					}
					part.callId = parser.getString();
				}
				case "args" -> {
					if (args) {
						return false;
					}
					args = true;
					if (value == JsonToken.START_OBJECT) {
						part.argsStart = offset(parser);
						parser.skipChildren();
						part.argsEnd = offset(parser) + 1;
					}
					else if (value != JsonToken.VALUE_NULL) {
						// arguments that are not an object: the tree writes whatever they are
						return false;
					}
				}
				default -> parser.skipChildren();
			}
		}
		return part.callName != null;
	}

	/** Where the current token starts in the event's array. */
	private int offset(JsonParser parser) {
		return this.offset + (int) parser.currentTokenLocation().getByteOffset();
	}

	private static boolean skip(JsonParser parser) {
		parser.skipChildren();
		return true;
	}

}
