package io.github.llmclient.provider.gemini;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.json.JsonScanner;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot path of a Gemini stream: the usual event, one candidate whose content holds only plain
 * text parts ({@code text}, optionally {@code thought}), with {@code usageMetadata},
 * {@code modelVersion} and {@code responseId}, read in one pass over its bytes by
 * {@link GeminiTextScanner} instead of as a tree (which cost about 3.5 KB and half the CPU of each
 * chunk: S2 in BENCHMARKS.md). Any other shape answers false, and the mapper reads the same bytes as
 * a tree, which then gives the answer or the error exactly as before. The scanner reads only when
 * the mapper's parser is no stricter than it ({@link JsonScanner#allowedFor}); otherwise every
 * event is the tree's. One per stream mapper (single-threaded); each {@link #read} replaces what the
 * previous one found, and the tail of the last usual event is kept for the next (see
 * {@link GeminiTextScanner}).
 */
final class GeminiTextEvent {

	/** The longest event tail kept (the usual one is about 200 bytes). */
	private static final int MAX_TAIL = 512;

	/** The counts of {@code usageMetadata}, by their index in {@link #counts}. */
	static final int PROMPT = 0;

	static final int CANDIDATES = 1;

	static final int THOUGHTS = 2;

	static final int CACHED = 3;

	static final int TOTAL = 4;

	/** Whether {@link GeminiTextScanner} may read first. */
	private final boolean scannerAllowed;

	/** The longest event the scanner may read: no string in it can pass Jackson's string limit. */
	private final long scannerMaxLength;

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

	/** The counts read, by {@link #PROMPT}…{@link #TOTAL}; -1 when absent. */
	final int[] counts = new int[5];

	/** The bytes after the parts of the last usual event read, their counts' places in them, and what they gave. */
	final Tail tail = new Tail(MAX_TAIL);

	/** The places of the counts in the tail being read, until it is kept (its bytes stay in the input). */
	final Tail reading = new Tail(0);

	/** Reads into this event, event after event (also the tails of call events: {@link GeminiCallScanner}). */
	final GeminiTextScanner scanner = new GeminiTextScanner(this);

	GeminiTextEvent(JsonMapper mapper) {
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		this.scannerAllowed = JsonScanner.allowedFor(factory);
		this.scannerMaxLength = JsonScanner.maxLengthFor(factory);
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
		if (!this.scannerAllowed || length > this.scannerMaxLength) {
			return false;
		}
		return this.scanner.read(data, offset, length, knownId, knownModel, knownUsage);
	}

	void clear() {
		this.texts.clear();
		this.thoughts.clear();
		this.thoughtFirst.clear();
		this.responseId = null;
		this.modelVersion = null;
		this.usage = null;
		this.reading.places = 0;
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = -1;
		}
	}

	/**
	 * The usage of the counts read, as {@link GeminiResponses#usage} makes it from a tree: null
	 * without any of prompt, candidates and total.
	 * @param known returned instead of an equal usage
	 */
	@Nullable Usage usageOfCounts(@Nullable Usage known) {
		int[] counts = this.counts;
		return GeminiResponses.usage(counts[PROMPT], counts[CANDIDATES], counts[THOUGHTS], counts[CACHED],
				counts[TOTAL], known);
	}

	/**
	 * Keeps the tail of the usual event just read, its bytes now in {@link #tail}, with the places
	 * of its counts and its id and model.
	 * @param length how many bytes the tail has, or -1 when it was too long to keep
	 */
	void keepTail(int length) {
		Tail tail = this.tail;
		tail.length = length;
		tail.places = this.reading.places;
		System.arraycopy(this.reading.from, 0, tail.from, 0, tail.places);
		System.arraycopy(this.reading.to, 0, tail.to, 0, tail.places);
		System.arraycopy(this.reading.count, 0, tail.count, 0, tail.places);
		tail.id = this.responseId;
		tail.model = this.modelVersion;
	}

	/** An event's bytes after its parts, and where in them the counts of its usage are. */
	static final class Tail {

		/** The bytes; {@link #length} of them count. */
		final byte[] bytes;

		/** How many bytes count; -1 while there is no tail. */
		int length = -1;

		/** How many counts the tail has (each name at most once). */
		int places;

		/** Per count: where its digits start in the tail, where they end, and which count it is. */
		final int[] from = new int[5];

		final int[] to = new int[5];

		final int[] count = new int[5];

		@Nullable String id;

		@Nullable String model;

		Tail(int capacity) {
			this.bytes = new byte[capacity];
		}

		/** Notes a count's place, relative to the tail's start. */
		void place(int from, int to, int count) {
			this.from[this.places] = from;
			this.to[this.places] = to;
			this.count[this.places] = count;
			this.places++;
		}

	}

}
