package io.github.llmclient.provider.gemini;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.json.JsonScanner;
import io.github.llmclient.provider.json.JsonWritten;
import org.jspecify.annotations.Nullable;

/**
 * Reads an event of function calls (and of any parts beside them) into a {@link GeminiCallEvent}
 * in one pass over its bytes, on the shared {@link JsonScanner}, or gives up: one candidate whose
 * parts are calls, text, thoughts, signed or other parts, an optional {@code finishReason},
 * {@code usageMetadata}, {@code modelVersion} and {@code responseId}. Every part that is not plain
 * text (and so a call's arguments) must be, whitespace aside, the text Jackson writes for it
 * ({@link JsonWritten}), so that it is taken as its text. Anything else (an error, a blocked
 * prompt, no or two candidates, a repeated name of those read, a value of another type, a count
 * that is not a natural {@code int} of up to nine digits, a fraction or a {@code &#92;u} escape in a
 * part kept as text, malformed JSON) gives up, and the mapper reads the event as a tree, which
 * gives the answer or the error exactly as before.
 *
 * <p>
 * Why by hand: a Jackson parser's creation and tokens cost about 0.9 µs of a 388-byte call event,
 * more than the whole of an OpenAI fragment's chunk (S6 in BENCHMARKS.md).
 *
 * <p>
 * Depths passed to {@link #skipValue} count the containers around the value: the root object is 1,
 * the candidate's fields 3, the content's 4, a part's 6, a call's 7.
 */
final class GeminiCallScanner extends JsonScanner {

	private static final byte[] CANDIDATES = ascii("candidates");

	private static final byte[] USAGE = ascii("usageMetadata");

	private static final byte[] MODEL = ascii("modelVersion");

	private static final byte[] RESPONSE_ID = ascii("responseId");

	private static final byte[] ERROR = ascii("error");

	private static final byte[] PROMPT_FEEDBACK = ascii("promptFeedback");

	private static final byte[] CONTENT = ascii("content");

	private static final byte[] FINISH_REASON = ascii("finishReason");

	private static final byte[] PARTS = ascii("parts");

	private static final byte[] TEXT = ascii("text");

	private static final byte[] THOUGHT = ascii("thought");

	private static final byte[] THOUGHT_SIGNATURE = ascii("thoughtSignature");

	private static final byte[] FUNCTION_CALL = ascii("functionCall");

	private static final byte[] NAME = ascii("name");

	private static final byte[] ID = ascii("id");

	private static final byte[] ARGS = ascii("args");

	private static final byte[] PROMPT_TOKENS = ascii("promptTokenCount");

	private static final byte[] CANDIDATES_TOKENS = ascii("candidatesTokenCount");

	private static final byte[] THOUGHTS_TOKENS = ascii("thoughtsTokenCount");

	private static final byte[] CACHED_TOKENS = ascii("cachedContentTokenCount");

	private static final byte[] TOTAL_TOKENS = ascii("totalTokenCount");

	/** How the usual call part starts, up to its name's value; {@link #ARGS_FIELD} and {@link #CALL_END} follow. */
	private static final byte[] CALL_START = ascii("{\"functionCall\":{\"name\":");

	private static final byte[] ARGS_FIELD = ascii(",\"args\":");

	private static final byte[] CALL_END = ascii("}}");

	private final GeminiCallEvent event;

	private final byte[] bytes;

	private final int end;

	private final JsonWritten written;

	private final @Nullable String knownId;

	private final @Nullable String knownModel;

	private final @Nullable Usage knownUsage;

	private GeminiCallScanner(byte[] bytes, int offset, int length, GeminiCallEvent event, JsonWritten written,
			@Nullable String knownId, @Nullable String knownModel, @Nullable Usage knownUsage) {
		super(bytes, offset, length);
		this.event = event;
		this.bytes = bytes;
		this.end = offset + length;
		this.written = written;
		this.knownId = knownId;
		this.knownModel = knownModel;
		this.knownUsage = knownUsage;
	}

	/**
	 * Reads an event into {@code event} (cleared by the caller).
	 * @return false when the scanner gave up: read the bytes as a tree instead
	 */
	static boolean read(byte[] bytes, int offset, int length, GeminiCallEvent event, JsonWritten written,
			@Nullable String knownId, @Nullable String knownModel, @Nullable Usage knownUsage) {
		try {
			GeminiCallScanner scanner = new GeminiCallScanner(bytes, offset, length, event, written, knownId,
					knownModel, knownUsage);
			scanner.root();
			return scanner.atEnd();
		}
		catch (GiveUp ex) {
			return false;
		}
	}

	private void root() {
		skipWhitespace();
		int start = position();
		if (skipLiteral(GeminiTextScanner.USUAL_START)) {
			// the usual start: inside the candidate's content, at the first part
			parts();
			int tail = position();
			GeminiTextEvent text = this.event.text;
			if (GeminiTextScanner.readTail(this.bytes, tail, this.end, text, this.knownId, this.knownModel,
					this.knownUsage)) {
				// the same tail as the text events': read (or its kept bytes reused) by the same code
				this.event.responseId = text.responseId;
				this.event.modelVersion = text.modelVersion;
				this.event.usage = text.usage;
				reset(this.end);
				return;
			}
			// a finish reason or another field beside the parts: read on from the tail
			content(1, nextName());
			candidate(1, nextName());
			fields(1, nextName());
			return;
		}
		reset(start);
		expect('{');
		fields(0, firstName());
	}

	/**
	 * The root object's fields from the current name on.
	 * @param seen which of candidates (1), usage (2), model (4) and id (8) were read already
	 * @param named whether a name is read (false at the end of the object)
	 */
	private void fields(int seen, boolean named) {
		GeminiCallEvent event = this.event;
		while (named) {
			if (nameIs(CANDIDATES)) {
				seen = once(seen, 1);
				if (!enterArray() || !firstElement() || !enterObject()) {
					throw GIVE_UP;
				}
				candidate(0, firstName());
			}
			else if (nameIs(USAGE)) {
				seen = once(seen, 2);
				event.usage = usage();
			}
			else if (nameIs(MODEL)) {
				seen = once(seen, 4);
				event.modelVersion = string(this.knownModel);
			}
			else if (nameIs(RESPONSE_ID)) {
				seen = once(seen, 8);
				event.responseId = string(this.knownId);
			}
			else if (nameIs(ERROR) || nameIs(PROMPT_FEEDBACK)) {
				throw GIVE_UP;
			}
			else {
				skipValue(1);
			}
			named = nextName();
		}
		if ((seen & 1) == 0) {
			throw GIVE_UP;
		}
	}

	private static int once(int seen, int field) {
		if ((seen & field) != 0) {
			throw GIVE_UP;
		}
		return seen | field;
	}

	/**
	 * The one candidate's fields from the current name on, and the end of the candidates: its
	 * content's parts and its finish reason; anything else passed over, as the tree does.
	 * @param seen which of content (1) and finish reason (2) were read already
	 */
	private void candidate(int seen, boolean named) {
		while (named) {
			if (nameIs(CONTENT)) {
				seen = once(seen, 1);
				if (!enterObject()) {
					throw GIVE_UP;
				}
				content(0, firstName());
			}
			else if (nameIs(FINISH_REASON)) {
				seen = once(seen, 2);
				this.event.finishReason = string(null);
			}
			else {
				skipValue(3);
			}
			named = nextName();
		}
		if ((seen & 1) == 0 || nextElement()) {
			throw GIVE_UP;
		}
	}

	/**
	 * The content's fields from the current name on.
	 * @param seen 1 when the parts were read already
	 */
	private void content(int seen, boolean named) {
		while (named) {
			if (nameIs(PARTS)) {
				seen = once(seen, 1);
				if (!enterArray()) {
					throw GIVE_UP;
				}
				parts();
			}
			else {
				skipValue(4);
			}
			named = nextName();
		}
		if (seen == 0) {
			throw GIVE_UP;
		}
	}

	/** The parts from just after their {@code '['} to the end of the array. */
	private void parts() {
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

	/** The counts {@link GeminiResponses#usage(tools.jackson.databind.JsonNode)} reads, each an {@code int}. */
	private @Nullable Usage usage() {
		int prompt = -1;
		int candidates = -1;
		int thoughts = -1;
		int cached = -1;
		int total = -1;
		if (!enterObject()) {
			throw GIVE_UP;
		}
		if (firstName()) {
			do {
				if (nameIs(PROMPT_TOKENS)) {
					prompt = count(prompt);
				}
				else if (nameIs(CANDIDATES_TOKENS)) {
					candidates = count(candidates);
				}
				else if (nameIs(THOUGHTS_TOKENS)) {
					thoughts = count(thoughts);
				}
				else if (nameIs(CACHED_TOKENS)) {
					cached = count(cached);
				}
				else if (nameIs(TOTAL_TOKENS)) {
					total = count(total);
				}
				else {
					skipValue(2);
				}
			}
			while (nextName());
		}
		if (prompt < 0 && candidates < 0 && total < 0) {
			return null;
		}
		int input = Math.max(prompt, 0);
		int output = Math.max(candidates, 0) + Math.max(thoughts, 0);
		Usage usage = new Usage(input, output, (total >= 0) ? total : input + output, Math.max(cached, 0),
				Math.max(thoughts, 0));
		return usage.equals(this.knownUsage) ? this.knownUsage : usage;
	}

	/** A token count read once: a natural {@code int} of up to nine digits. */
	private int count(int before) {
		if (before >= 0 || !peekIntegerNumber()) {
			throw GIVE_UP;
		}
		int value = integer();
		if (value < 0) {
			throw GIVE_UP;
		}
		return value;
	}

}
