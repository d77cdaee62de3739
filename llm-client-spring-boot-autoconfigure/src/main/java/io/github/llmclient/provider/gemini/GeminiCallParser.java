package io.github.llmclient.provider.gemini;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the shapes of {@link GeminiCallEvent} with Jackson's streaming parser (the user's mapper,
 * so its limits hold), for the events the byte scanner leaves: a part or {@code args} is taken as
 * its text only when {@link GeminiJsonText} says that text is what the tree would write. One per
 * stream mapper (single-threaded).
 */
final class GeminiCallParser {

	private static final int CANDIDATES = 1;

	private static final int USAGE = 2;

	private static final int MODEL = 4;

	private static final int RESPONSE_ID = 8;

	private final JsonMapper mapper;

	private final GeminiJsonText json;

	/** The event being read, its bytes and where it starts in them. */
	private @Nullable GeminiCallEvent event;

	private byte[] data = new byte[0];

	private int offset;

	GeminiCallParser(JsonMapper mapper) {
		this.mapper = mapper;
		this.json = new GeminiJsonText(mapper);
	}

	/**
	 * Reads an event into {@code event} (cleared).
	 * @return true when read; false for the tree
	 */
	boolean read(GeminiCallEvent event, byte[] data, int offset, int length, @Nullable String knownId,
			@Nullable String knownModel, @Nullable Usage knownUsage) {
		this.event = event;
		this.data = data;
		this.offset = offset;
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
				case USAGE -> value == JsonToken.START_OBJECT
						&& (this.event.usage = GeminiResponses.usage(parser, knownUsage)) != GeminiResponses.NOT_READ;
				case MODEL -> value == JsonToken.VALUE_STRING
						&& (this.event.modelVersion = GeminiResponses.string(parser, knownModel)) != null;
				case RESPONSE_ID -> value == JsonToken.VALUE_STRING
						&& (this.event.responseId = GeminiResponses.string(parser, knownId)) != null;
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
				this.event.finishReason = parser.getString();
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
					if (!part(parser, this.event.next())) {
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

	/** A part: its text, thought, signature, call; other fields kept only in its bytes. */
	private boolean part(JsonParser parser, GeminiCallEvent.Part part) {
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
	private boolean call(JsonParser parser, GeminiCallEvent.Part part) {
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
