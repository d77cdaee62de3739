package io.github.llmclient.provider.gemini;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The byte-level reader behind {@link GeminiCallEvent}: the same event shapes, read from the bytes
 * in one pass without a Jackson parser, whose creation and tokens cost about 0.9 µs of an event of
 * 388 bytes (the whole of OpenAI's chunk costs 0.4 µs; S6 in BENCHMARKS.md). Only events in
 * {@link GeminiJsonScanner}'s strict subset, which lets every part and a call's arguments be taken
 * as their text; anything else, well-formed or not, gives up, and Jackson's parser reads the same
 * bytes. Single-threaded, one per stream mapper.
 */
final class GeminiCallScanner extends GeminiJsonScanner {

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

	/** The last {@code modelVersion} and {@code responseId} read, reused while their bytes repeat. */
	private final Cached model = new Cached();

	private final Cached id = new Cached();

	/** The last call's name: parallel calls often call the same function. */
	private final Cached callName = new Cached();

	GeminiCallScanner(JsonMapper mapper) {
		super(mapper);
	}

	/**
	 * Reads an event into {@code event}.
	 * @return true when read; false to leave it to the Jackson path
	 */
	boolean read(GeminiCallEvent event, byte[] data, int offset, int length, @Nullable Usage knownUsage) {
		if (!this.allowed || length > this.maxLength) {
			return false;
		}
		reset(data, offset, length);
		try {
			root(event, knownUsage);
			space();
			return this.pos == this.end;
		}
		catch (GiveUp ex) {
			return false;
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			// an event cut short inside a token: as malformed as any other, the tree's to report
			return false;
		}
	}

	private void root(GeminiCallEvent event, @Nullable Usage knownUsage) {
		int seen = 0;
		open();
		if (closed()) {
			throw GIVE_UP;
		}
		do {
			name();
			if (nameIs(CANDIDATES)) {
				seen = once(seen, 1);
				expect('[');
				candidate(event);
				expect(']');
			}
			else if (nameIs(USAGE)) {
				seen = once(seen, 2);
				event.usage = usage(knownUsage);
			}
			else if (nameIs(MODEL)) {
				seen = once(seen, 4);
				event.modelVersion = this.model.read(this);
			}
			else if (nameIs(RESPONSE_ID)) {
				seen = once(seen, 8);
				event.responseId = this.id.read(this);
			}
			else if (nameIs(ERROR) || nameIs(PROMPT_FEEDBACK)) {
				throw GIVE_UP;
			}
			else {
				value();
			}
		}
		while (next());
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

	/** One candidate: its content's parts and its finish reason; anything else passed over, as the tree does. */
	private void candidate(GeminiCallEvent event) {
		int seen = 0;
		open();
		if (closed()) {
			throw GIVE_UP;
		}
		do {
			name();
			if (nameIs(CONTENT)) {
				seen = once(seen, 1);
				content(event);
			}
			else if (nameIs(FINISH_REASON)) {
				seen = once(seen, 2);
				event.finishReason = string();
			}
			else {
				value();
			}
		}
		while (next());
		if ((seen & 1) == 0) {
			throw GIVE_UP;
		}
	}

	private void content(GeminiCallEvent event) {
		boolean parts = false;
		open();
		if (closed()) {
			throw GIVE_UP;
		}
		do {
			name();
			if (nameIs(PARTS)) {
				parts = true;
				expect('[');
				this.depth++;
				space();
				if (this.b[this.pos] == ']') {
					this.pos++;
				}
				else {
					do {
						part(event.next());
					}
					while (nextItem());
				}
				this.depth--;
			}
			else {
				value();
			}
		}
		while (next());
		if (!parts) {
			throw GIVE_UP;
		}
	}

	private void part(GeminiCallEvent.Part part) {
		space();
		part.start = this.pos;
		int spacesBefore = this.spaces;
		boolean other = false;
		boolean textSeen = false;
		open();
		if (!closed()) {
			do {
				name();
				if (nameIs(TEXT)) {
					textSeen = true;
					part.text = string();
				}
				else if (nameIs(THOUGHT)) {
					space();
					if (literal("true")) {
						part.thought = Boolean.TRUE;
					}
					else if (literal("false")) {
						part.thought = Boolean.FALSE;
					}
					else {
						throw GIVE_UP;
					}
					part.thoughtFirst = !textSeen;
				}
				else if (nameIs(THOUGHT_SIGNATURE)) {
					part.signed = true;
					value();
				}
				else if (nameIs(FUNCTION_CALL)) {
					part.call = true;
					call(part);
				}
				else {
					other = true;
					value();
				}
			}
			while (next());
		}
		part.end = this.pos;
		part.form = (this.spaces == spacesBefore) ? GeminiJsonText.COMPACT : GeminiJsonText.SPACED;
		part.plain = textSeen && !part.signed && !part.call && !other;
	}

	private void call(GeminiCallEvent.Part part) {
		open();
		if (!closed()) {
			do {
				name();
				if (nameIs(NAME)) {
					part.callName = this.callName.read(this);
				}
				else if (nameIs(ID)) {
					part.callId = string();
				}
				else if (nameIs(ARGS)) {
					space();
					if (this.b[this.pos] == '{') {
						part.argsStart = this.pos;
						value();
						part.argsEnd = this.pos;
					}
					else if (!literal("null")) {
						throw GIVE_UP;
					}
				}
				else {
					value();
				}
			}
			while (next());
		}
		if (part.callName == null) {
			throw GIVE_UP;
		}
	}

	/** The counts {@link GeminiResponses#usage(tools.jackson.databind.JsonNode)} reads, each an {@code int}. */
	private @Nullable Usage usage(@Nullable Usage known) {
		int prompt = -1;
		int candidates = -1;
		int thoughts = -1;
		int cached = -1;
		int total = -1;
		open();
		if (!closed()) {
			do {
				name();
				if (nameIs(PROMPT_TOKENS)) {
					prompt = count();
				}
				else if (nameIs(CANDIDATES_TOKENS)) {
					candidates = count();
				}
				else if (nameIs(THOUGHTS_TOKENS)) {
					thoughts = count();
				}
				else if (nameIs(CACHED_TOKENS)) {
					cached = count();
				}
				else if (nameIs(TOTAL_TOKENS)) {
					total = count();
				}
				else {
					value();
				}
			}
			while (next());
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

	/** A token count: a non-negative {@code int} (a repeated name has given up already). */
	private int count() {
		space();
		int start = this.pos;
		long value = 0;
		while (this.pos < this.end && this.b[this.pos] >= '0' && this.b[this.pos] <= '9') {
			value = value * 10 + (this.b[this.pos++] - '0');
			if (value > Integer.MAX_VALUE) {
				throw GIVE_UP;
			}
		}
		int length = this.pos - start;
		if (length == 0 || (this.b[start] == '0' && length > 1) || (this.pos < this.end
				&& (this.b[this.pos] == '.' || this.b[this.pos] == 'e' || this.b[this.pos] == 'E'))) {
			throw GIVE_UP;
		}
		return (int) value;
	}

}
