package io.github.llmclient.provider.gemini;

import io.github.llmclient.provider.json.JsonScanner;
import io.github.llmclient.provider.json.JsonWritten;

/**
 * The parts of a Gemini event read in one pass, for {@link GeminiCallScanner} (which reads the
 * event around them): text, thought, signed, {@code functionCall} and other parts, each a
 * {@link GeminiCallEvent.Part}. A part that is not plain text is kept for replay as its text, so
 * it must be, whitespace aside, Jackson's own text ({@link JsonWritten}): the usual compact call
 * part is checked while its arguments are passed over, any other part by a second pass over its
 * bytes. Anything else gives up.
 *
 * <p>
 * Depths passed to {@link #skipValue} count the containers around the value: a part is inside 5
 * (the root object, the candidates, the candidate, the content, the parts), its fields 6, a call's 7.
 */
abstract class GeminiPartScanner extends JsonScanner {

	private static final byte[] TEXT = ascii("text");

	private static final byte[] THOUGHT = ascii("thought");

	private static final byte[] THOUGHT_SIGNATURE = ascii("thoughtSignature");

	private static final byte[] FUNCTION_CALL = ascii("functionCall");

	private static final byte[] NAME = ascii("name");

	private static final byte[] ID = ascii("id");

	private static final byte[] ARGS = ascii("args");

	/** How the usual call part starts, up to its name's value; {@link #ARGS_FIELD} and {@link #CALL_END} follow. */
	private static final byte[] CALL_START = ascii("{\"functionCall\":{\"name\":");

	private static final byte[] ARGS_FIELD = ascii(",\"args\":");

	private static final byte[] CALL_END = ascii("}}");

	final GeminiCallEvent event;

	byte[] bytes = new byte[0];

	private final JsonWritten written;

	GeminiPartScanner(GeminiCallEvent event, JsonWritten written) {
		super(new byte[0], 0, 0);
		this.event = event;
		this.written = written;
	}

	/** Notes a field read once: a repeated name, whose last value the tree keeps, gives up. */
	static int once(int seen, int field) {
		if ((seen & field) != 0) {
			throw GIVE_UP;
		}
		return seen | field;
	}

	/** The parts from just after their {@code '['} to the end of the array. */
	final void parts() {
		if (firstElement()) {
			do {
				skipWhitespace();
				part(this.event.next());
			}
			while (nextElement());
		}
	}

	private void part(GeminiCallEvent.Part part) {
		int start = position();
		part.start = start;
		if (skipLiteral(CALL_START) && usualCall(part)) {
			return;
		}
		reset(start);
		part.clear();
		int seen = 0;
		boolean other = false;
		if (!enterObject()) {
			throw GIVE_UP;
		}
		if (firstName()) {
			do {
				if (nameIs(TEXT)) {
					seen = once(seen, 1);
					part.text = string(null);
				}
				else if (nameIs(THOUGHT)) {
					seen = once(seen, 2);
					part.thought = bool();
					part.thoughtFirst = (seen & 1) == 0;
				}
				else if (nameIs(THOUGHT_SIGNATURE)) {
					seen = once(seen, 4);
					part.signed = true;
					skipValue(6);
				}
				else if (nameIs(FUNCTION_CALL)) {
					seen = once(seen, 8);
					part.call = true;
					call(part);
				}
				else {
					other = true;
					skipValue(6);
				}
			}
			while (nextName());
		}
		part.end = position();
		part.plain = (seen & 1) != 0 && !part.signed && !part.call && !other;
		if (!part.plain) {
			// kept for replay as its text (a call's arguments too): it must be Jackson's own text
			reset(start);
			part.spaced = skipWrittenValue(this.written, 5);
			if (position() != part.end) {
				throw GIVE_UP;
			}
		}
	}

	/**
	 * The usual call part, compact: {@code {"functionCall":{"name":"…","args":{…}}}} (its start read
	 * already). Its text is Jackson's when the name has no escape and the arguments are Jackson's
	 * text, so only the arguments are checked ({@link JsonWritten}), in the pass that reads them.
	 * @return false for any other part (the caller reads it again in general)
	 */
	private boolean usualCall(GeminiCallEvent.Part part) {
		int nameStart = position();
		String name = string(this.event.lastCallName);
		for (int i = nameStart + 1; i < position() - 1; i++) {
			if (this.bytes[i] == '\\') {
				return false;
			}
		}
		if (!skipLiteral(ARGS_FIELD) || peek() != '{') {
			return false;
		}
		part.argsStart = position();
		part.spaced = skipWrittenValue(this.written, 7);
		part.argsEnd = position();
		if (!skipLiteral(CALL_END)) {
			return false;
		}
		part.end = position();
		part.call = true;
		part.callName = name;
		this.event.lastCallName = name;
		return true;
	}

	private void call(GeminiCallEvent.Part part) {
		int seen = 0;
		if (!enterObject()) {
			throw GIVE_UP;
		}
		if (firstName()) {
			do {
				if (nameIs(NAME)) {
					seen = once(seen, 1);
					part.callName = string(this.event.lastCallName);
				}
				else if (nameIs(ID)) {
					seen = once(seen, 2);
					part.callId = string(null);
				}
				else if (nameIs(ARGS)) {
					seen = once(seen, 4);
					if (peek() == '{') {
						part.argsStart = position();
						skipValue(7);
						part.argsEnd = position();
					}
					else {
						expectNull();
					}
				}
				else {
					skipValue(7);
				}
			}
			while (nextName());
		}
		if (part.callName == null) {
			throw GIVE_UP;
		}
		this.event.lastCallName = part.callName;
	}

	private void expectNull() {
		if (peek() != 'n') {
			throw GIVE_UP;
		}
		skipValue(7);
	}

}
