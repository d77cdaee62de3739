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
 * The parts are read by {@link GeminiPartScanner}; the tail after them, in the usual event that
 * starts with {@link GeminiTextScanner#USUAL_START}, by the text events' own reader
 * ({@link GeminiTailScanner#readTail}), which reuses the kept tail of the previous event when only
 * its counts differ, and here only when that reader gives up (a finish reason, another field).
 * Depths passed to {@link #skipValue} count the containers around the value: the root object's
 * fields are inside 1, the candidate's 3, the content's 4.
 */
final class GeminiCallScanner extends GeminiPartScanner {

	private static final byte[] CANDIDATES = ascii("candidates");

	private static final byte[] USAGE = ascii("usageMetadata");

	private static final byte[] MODEL = ascii("modelVersion");

	private static final byte[] RESPONSE_ID = ascii("responseId");

	private static final byte[] ERROR = ascii("error");

	private static final byte[] PROMPT_FEEDBACK = ascii("promptFeedback");

	private static final byte[] CONTENT = ascii("content");

	private static final byte[] FINISH_REASON = ascii("finishReason");

	private static final byte[] PARTS = ascii("parts");
	private static final byte[] PROMPT_TOKENS = ascii("promptTokenCount");

	private static final byte[] CANDIDATES_TOKENS = ascii("candidatesTokenCount");

	private static final byte[] THOUGHTS_TOKENS = ascii("thoughtsTokenCount");

	private static final byte[] CACHED_TOKENS = ascii("cachedContentTokenCount");

	private static final byte[] TOTAL_TOKENS = ascii("totalTokenCount");
	private int end;

	private @Nullable String knownId;

	private @Nullable String knownModel;

	private @Nullable Usage knownUsage;

	/** A scanner kept by {@code event} and reading into it, event after event. */
	GeminiCallScanner(GeminiCallEvent event, JsonWritten written) {
		super(event, written);
	}

	/**
	 * Reads an event into the event this scanner fills (cleared by the caller).
	 * @return false when the scanner gave up: read the bytes as a tree instead
	 */
	boolean read(byte[] bytes, int offset, int length, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		restart(bytes, offset, length);
		this.bytes = bytes;
		this.end = offset + length;
		this.knownId = knownId;
		this.knownModel = knownModel;
		this.knownUsage = knownUsage;
		try {
			root();
			return atEnd();
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
			if (text.scanner.readTail(this.bytes, tail, this.end, this.knownId, this.knownModel, this.knownUsage)) {
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
		return GeminiResponses.usage(prompt, candidates, thoughts, cached, total, this.knownUsage);
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
