package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.json.JsonScanner;
import io.github.llmclient.provider.json.JsonWritten;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event of function calls (and of any parts beside them) read in one pass from its bytes
 * ({@link GeminiCallScanner}) instead of a tree: one candidate whose parts are calls, text, thoughts, signed
 * or other parts, an optional {@code finishReason}, {@code usageMetadata}, {@code modelVersion} and
 * {@code responseId}. A call's arguments, and every part that is not plain text, are taken as
 * their JSON text from the event's bytes ({@link JsonWritten}), which is what the tree wrote
 * back, so that a part is kept for replay as a few bytes, not as a tree. Anything else (an error,
 * a blocked prompt, no or two candidates, a repeated name, a field of an unexpected type, text
 * that Jackson would write differently, malformed JSON) answers false, and the mapper reads the
 * event as a tree, which gives the answer or the error exactly as before. One per stream mapper
 * (single-threaded); each {@link #read} replaces what the previous one found, and its parts'
 * bytes may be taken only until the next.
 */
final class GeminiCallEvent {

	/** Whether {@link GeminiCallScanner} may read: the mapper's parser is no stricter than it. */
	private final boolean scannerAllowed;

	/** The longest event the scanner reads: no string in it passes the parser's string limit. */
	private final long scannerMaxLength;

	/** Reads into this event, event after event. */
	private final GeminiCallScanner scanner;

	/** The text events' reader, whose kept tail (the bytes after the parts) call events share. */
	final GeminiTextEvent text;

	/** The last call's name: parallel calls often call the same function. */
	@Nullable String lastCallName;

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

	/** The bytes of the event read last. */
	private byte[] data = new byte[0];

	GeminiCallEvent(JsonMapper mapper) {
		this(mapper, new GeminiTextEvent(mapper));
	}

	/**
	 * A reader of call events that shares the kept tail of the given reader of text events.
	 * @param text the stream's text event reader
	 */
	GeminiCallEvent(JsonMapper mapper, GeminiTextEvent text) {
		this.text = text;
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		this.scannerAllowed = JsonScanner.allowedFor(factory);
		this.scannerMaxLength = JsonScanner.maxLengthFor(factory);
		this.scanner = new GeminiCallScanner(this,
				new JsonWritten(mapper.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES)));
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

		/** Whether the part's bytes hold whitespace between tokens (plain text parts: unchecked). */
		boolean spaced;

		/** Where the call's {@code args} object starts and ends (exclusive); -1 when absent or null. */
		int argsStart;

		int argsEnd;

		void clear() {
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
			this.spaced = false;
		}

	}

	/** The event's part with the given index. */
	Part part(int index) {
		return this.parts.get(index);
	}

	/** A call's arguments as JSON text, as {@link GeminiResponses#arguments} writes them. */
	String arguments(Part part) {
		return (part.argsStart < 0) ? "{}" : JsonWritten.text(this.data, part.argsStart, part.argsEnd, part.spaced);
	}

	/** Writes a part that is not plain text as the tree would write it. */
	void copy(Part part, ByteArrayOutputStream out) {
		JsonWritten.copy(this.data, part.start, part.end, part.spaced, out);
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
		clear();
		return this.scannerAllowed && length <= this.scannerMaxLength
				&& this.scanner.read(data, offset, length, knownId, knownModel, knownUsage);
	}

	private void clear() {
		this.size = 0;
		this.responseId = null;
		this.modelVersion = null;
		this.usage = null;
		this.finishReason = null;
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

}
