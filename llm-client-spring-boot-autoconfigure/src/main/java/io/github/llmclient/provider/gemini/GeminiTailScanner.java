package io.github.llmclient.provider.gemini;

import java.util.Arrays;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.json.JsonScanner;
import org.jspecify.annotations.Nullable;

/**
 * The part of Gemini's usual stream event around its parts, read in one pass over its bytes into
 * a {@link GeminiTextEvent} for both kinds of event ({@link GeminiTextScanner}: text parts; the
 * tail of {@link GeminiCallScanner}'s call events, {@link #readTail}): one candidate holding only
 * {@code content} ({@code parts} and {@code role}) and {@code index}, with {@code usageMetadata},
 * {@code modelVersion}, {@code responseId} and fields passed over beside it. Anything else (a
 * finish reason, an error, a blocked prompt, two candidates, a repeated name of those read, a
 * value of another type, a count that is not a natural {@code int} of up to nine digits, whatever
 * {@link JsonScanner} does not take, malformed JSON) gives up.
 *
 * <p>
 * The usual event starts with {@link GeminiTextScanner#USUAL_START}, and its tail, the bytes after
 * the parts, is the previous event's tail but for the usage counts (cumulative on Gemini, growing
 * each event) or exactly the same (on Vertex AI, which sends no counts until the last event). So
 * the tail of the last usual event is kept ({@link GeminiTextEvent.Tail}) with the places of its
 * counts, and a new tail that matches it byte for byte between those places, with a natural number
 * of up to nine digits at each, is not read again: the kept id and model stand, the usage is made
 * of the new counts. That is sound because the reading is a function of the bytes left and of
 * where it is, and after the usual start and the parts it is always at the same place (inside the
 * candidate's content, with nothing but {@code parts} read at any level), whichever scanner read
 * the parts; a count replaced by another count takes the reading through the same names and values
 * to the same end. Anything else is read name by name, and kept for the next event when it has the
 * usual shape.
 *
 * <p>
 * Depths passed to {@link #skipValue} count the containers around the value: the root object is 1,
 * {@code usageMetadata}'s fields 2, the candidate's 3.
 */
abstract class GeminiTailScanner extends JsonScanner {

	private static final byte[] CANDIDATES = ascii("candidates");

	private static final byte[] USAGE_METADATA = ascii("usageMetadata");

	private static final byte[] MODEL_VERSION = ascii("modelVersion");

	private static final byte[] RESPONSE_ID = ascii("responseId");

	private static final byte[] ERROR = ascii("error");

	private static final byte[] PROMPT_FEEDBACK = ascii("promptFeedback");

	private static final byte[] CONTENT = ascii("content");

	private static final byte[] INDEX = ascii("index");

	private static final byte[] PARTS = ascii("parts");

	private static final byte[] ROLE = ascii("role");

	private static final byte[] PROMPT_TOKEN_COUNT = ascii("promptTokenCount");

	private static final byte[] CANDIDATES_TOKEN_COUNT = ascii("candidatesTokenCount");

	private static final byte[] THOUGHTS_TOKEN_COUNT = ascii("thoughtsTokenCount");

	private static final byte[] CACHED_CONTENT_TOKEN_COUNT = ascii("cachedContentTokenCount");

	private static final byte[] TOTAL_TOKEN_COUNT = ascii("totalTokenCount");

	final GeminiTextEvent event;

	private @Nullable String knownId;

	private @Nullable String knownModel;

	private @Nullable Usage knownUsage;

	/** Where the usual event's tail starts, while it is read; -1 otherwise. */
	private int tailStart = -1;

	GeminiTailScanner(GeminiTextEvent event) {
		super(new byte[0], 0, 0);
		this.event = event;
	}

	final void start(byte[] bytes, int offset, int length, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		restart(bytes, offset, length);
		this.knownId = knownId;
		this.knownModel = knownModel;
		this.knownUsage = knownUsage;
		this.tailStart = -1;
	}

	/**
	 * The parts from just after their {@code '['} to the end of the array, when the candidate's
	 * content is read name by name.
	 */
	abstract void parts();

	/**
	 * Reads the tail of a usual event whose parts another reader read ({@link GeminiCallScanner}:
	 * calls), from just after the parts' {@code ']'}, into {@code event}'s id, model and usage, with
	 * the same reuse of the kept tail: the reading after {@link #USUAL_START} and the parts is at the
	 * same place whoever read the parts.
	 * @param tail where the tail starts
	 * @return false when the scanner gave up (the tail has a finish reason, say)
	 */
	boolean readTail(byte[] bytes, int tail, int end, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		this.event.clear();
		start(bytes, tail, end - tail, knownId, knownModel, knownUsage);
		try {
			tail();
			return true;
		}
		catch (GiveUp ex) {
			return false;
		}
	}

	/** The usual event's tail: the kept one with other counts, or read name by name and kept. */
	final void tail() {
		int tail = position();
		GeminiTextEvent event = this.event;
		if (event.tail.length >= 0 && sameTail(event.tail)) {
			return;
		}
		this.tailStart = tail;
		content(true);
		candidate(true);
		fields(true, nextName());
		event.keepTail(copyToEnd(tail, event.tail.bytes));
	}

	/**
	 * Whether the rest of the input is the kept tail with other counts (each a natural number of up
	 * to nine digits, where the kept tail had one): then reading it would take the same path
	 * through the same names and values but for those counts, so the kept id and model stand and
	 * the usage is made of the new counts.
	 * @return false, back where it started and with no counts read, for anything else
	 */
	private boolean sameTail(GeminiTextEvent.Tail tail) {
		int start = position();
		int[] counts = this.event.counts;
		int done = 0;
		for (int k = 0; k < tail.places; k++) {
			int value;
			if (!skipBytes(tail.bytes, done, tail.from[k]) || (value = naturalDigits()) < 0) {
				return notSameTail(start);
			}
			counts[tail.count[k]] = value;
			done = tail.to[k];
		}
		if (!restEquals(tail.bytes, done, tail.length)) {
			return notSameTail(start);
		}
		this.event.responseId = tail.id;
		this.event.modelVersion = tail.model;
		this.event.usage = this.event.usageOfCounts(this.knownUsage);
		return true;
	}

	private boolean notSameTail(int start) {
		reset(start);
		Arrays.fill(this.event.counts, -1);
		return false;
	}

	/**
	 * The root object's fields from the current name on, to the end of the input.
	 * @param candidates whether {@code candidates} was read already
	 * @param named whether a name is read (false at the end of the object)
	 */
	final void fields(boolean candidates, boolean named) {
		boolean usage = false;
		boolean model = false;
		boolean id = false;
		while (named) {
			if (nameIs(CANDIDATES) && !candidates) {
				candidates = true;
				candidates();
			}
			else if (nameIs(USAGE_METADATA) && !usage) {
				usage = true;
				usage();
			}
			else if (nameIs(MODEL_VERSION) && !model) {
				model = true;
				this.event.modelVersion = string(this.knownModel);
			}
			else if (nameIs(RESPONSE_ID) && !id) {
				id = true;
				this.event.responseId = string(this.knownId);
			}
			else if (nameIs(CANDIDATES) || nameIs(USAGE_METADATA) || nameIs(MODEL_VERSION) || nameIs(RESPONSE_ID)
					|| nameIs(ERROR) || nameIs(PROMPT_FEEDBACK)) {
				// a repeated name, an error or a blocked prompt: the tree's
				throw GIVE_UP;
			}
			else {
				skipValue(1);
			}
			named = nextName();
		}
		if (!candidates || !atEnd()) {
			throw GIVE_UP;
		}
	}

	/** Exactly one candidate, holding only {@code content} and {@code index}. */
	private void candidates() {
		if (!enterArray()) {
			throw GIVE_UP;
		}
		skipWhitespace();
		if (!enterObject()) {
			throw GIVE_UP;
		}
		candidate(false);
	}

	/**
	 * The candidate's fields and the end of the candidates.
	 * @param content whether {@code content} was read already (its name ahead is the next one)
	 */
	private void candidate(boolean content) {
		boolean named = content ? nextName() : firstName();
		boolean index = false;
		while (named) {
			if (nameIs(CONTENT) && !content && enterObject()) {
				content = true;
				content(false);
			}
			else if (nameIs(INDEX) && !index) {
				index = true;
				skipValue(3);
			}
			else {
				// a finish reason, safety ratings, citations, grounding, a repeated name…: the tree's
				throw GIVE_UP;
			}
			named = nextName();
		}
		// exactly one candidate
		if (!content || nextElement()) {
			throw GIVE_UP;
		}
	}

	/**
	 * The content's fields: {@code parts} of plain text and an optional {@code role}.
	 * @param parts whether {@code parts} was read already (the next name, if any, is ahead)
	 */
	private void content(boolean parts) {
		boolean named = parts ? nextName() : firstName();
		boolean role = false;
		while (named) {
			if (nameIs(PARTS) && !parts && enterArray()) {
				parts = true;
				parts();
			}
			else if (nameIs(ROLE) && !role && peek() == '"') {
				role = true;
				skipValue(4);
			}
			else {
				throw GIVE_UP;
			}
			named = nextName();
		}
		if (!parts) {
			throw GIVE_UP;
		}
	}


	/** The counts {@link GeminiResponses#usage} reads, each a natural {@code int} when present. */
	private void usage() {
		if (!enterObject()) {
			throw GIVE_UP;
		}
		boolean named = firstName();
		while (named) {
			if (nameIs(PROMPT_TOKEN_COUNT)) {
				count(GeminiTextEvent.PROMPT);
			}
			else if (nameIs(CANDIDATES_TOKEN_COUNT)) {
				count(GeminiTextEvent.CANDIDATES);
			}
			else if (nameIs(THOUGHTS_TOKEN_COUNT)) {
				count(GeminiTextEvent.THOUGHTS);
			}
			else if (nameIs(CACHED_CONTENT_TOKEN_COUNT)) {
				count(GeminiTextEvent.CACHED);
			}
			else if (nameIs(TOTAL_TOKEN_COUNT)) {
				count(GeminiTextEvent.TOTAL);
			}
			else {
				skipValue(2);
			}
			named = nextName();
		}
		this.event.usage = this.event.usageOfCounts(this.knownUsage);
	}

	/**
	 * Reads a count, a natural number of up to nine digits, not read before; in a usual event's
	 * tail, notes its place.
	 * @param which the count's index in {@link GeminiTextEvent#counts}
	 */
	private void count(int which) {
		int[] counts = this.event.counts;
		if (counts[which] >= 0 || !peekIntegerNumber() || peek() == '-') {
			throw GIVE_UP;
		}
		int start = position();
		counts[which] = integer();
		if (this.tailStart >= 0) {
			this.event.reading.place(start - this.tailStart, position() - this.tailStart, which);
		}
	}


}
