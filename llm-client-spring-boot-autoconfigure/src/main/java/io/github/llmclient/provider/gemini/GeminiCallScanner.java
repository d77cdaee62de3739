package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The byte-level reader behind {@link GeminiCallEvent}: the same event shapes, read from the bytes
 * in one pass without a Jackson parser, whose creation and tokens cost about 0.9 µs of an event of
 * 388 bytes (the whole of OpenAI's chunk costs 0.4 µs; S6 in BENCHMARKS.md). Hand-written for that
 * reason, and strict: JSON as Jackson writes it, whitespace between tokens aside ({@link GeminiJsonText}'s
 * subset: integers only, the escapes Jackson writes, well-formed UTF-8, no repeated name in an
 * object, at most 64 levels deep), which lets every part and a call's arguments be taken as their
 * text. Anything else, well-formed or not, gives up, and the Jackson path reads the same bytes.
 * Single-threaded, one per stream mapper.
 */
final class GeminiCallScanner {

	/** The deepest nesting read; a parser that allows less makes the scanner unused. */
	static final int MAX_DEPTH = 64;

	/** The longest number read. */
	static final int MAX_NUMBER_LENGTH = 100;

	/** The longest property name read. */
	static final int MAX_NAME_LENGTH = 256;

	private static final GiveUp GIVE_UP = new GiveUp();

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

	/** Whether the mapper's reader is no stricter than the scanner (else the scanner is not used). */
	private final boolean allowed;

	/** The longest event read: no string in it passes the mapper's string limit. */
	private final long maxLength;

	/** Whether the tree keeps {@code null} properties. */
	private final boolean nullProperties;

	private byte[] b = new byte[0];

	private int pos;

	private int end;

	private int depth;

	/** How many whitespace runs were passed over: a part read with none is written as it is. */
	private int spaces;

	/** The names of the objects open, as start and end offsets; {@link #opened} says where each object's begin. */
	private int[] names = new int[32];

	/** Per nesting level: how many names of {@link #names} belong to the objects outside. */
	private int[] opened = new int[MAX_DEPTH + 1];

	private int count;

	/** Where the last name starts and ends. */
	private int nameStart;

	private int nameEnd;

	/** Where the last string's content starts, and whether it holds an escape. */
	private int stringStart;

	private boolean escaped;

	/** The last {@code modelVersion} and {@code responseId} read, reused while their bytes repeat. */
	private final Cached model = new Cached();

	private final Cached id = new Cached();

	/** The last call's name: parallel calls often call the same function. */
	private final Cached callName = new Cached();

	GeminiCallScanner(JsonMapper mapper) {
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		StreamReadConstraints limits = factory.streamReadConstraints();
		this.allowed = (factory instanceof JsonFactory) && !factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& limits.getMaxNestingDepth() > MAX_DEPTH && limits.getMaxNumberLength() >= MAX_NUMBER_LENGTH
				&& limits.getMaxNameLength() >= MAX_NAME_LENGTH && !limits.hasMaxTokenCount();
		this.maxLength = limits.hasMaxDocumentLength()
				? Math.min(limits.getMaxDocumentLength(), limits.getMaxStringLength()) : limits.getMaxStringLength();
		this.nullProperties = mapper.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
	}

	/**
	 * Reads an event into {@code event}.
	 * @return true when read; false to leave it to the Jackson path
	 */
	boolean read(GeminiCallEvent event, byte[] data, int offset, int length, @Nullable Usage knownUsage) {
		if (!this.allowed || length > this.maxLength) {
			return false;
		}
		this.b = data;
		this.pos = offset;
		this.end = offset + length;
		this.depth = 0;
		this.count = 0;
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

	// the JSON subset

	/** Any value, checked to be in the subset; objects' names checked not to repeat. */
	private void value() {
		space();
		byte c = this.b[this.pos];
		switch (c) {
			case '{' -> {
				open();
				if (!closed()) {
					do {
						name();
						value();
					}
					while (next());
				}
			}
			case '[' -> {
				this.pos++;
				if (++this.depth > MAX_DEPTH) {
					throw GIVE_UP;
				}
				space();
				if (this.b[this.pos] == ']') {
					this.pos++;
				}
				else {
					do {
						value();
					}
					while (nextItem());
				}
				this.depth--;
			}
			case '"' -> skipString();
			case 't' -> require(literal("true"));
			case 'f' -> require(literal("false"));
			case 'n' -> require(this.nullProperties && literal("null"));
			default -> integer();
		}
	}

	/** Steps into an object: its {@code '{'}, a new level of names. */
	private void open() {
		expect('{');
		if (++this.depth > MAX_DEPTH) {
			throw GIVE_UP;
		}
		this.opened[this.depth] = this.count;
	}

	/** Whether the object just opened is empty (then closed). */
	private boolean closed() {
		space();
		if (this.b[this.pos] == '}') {
			this.pos++;
			this.count = this.opened[this.depth--];
			return true;
		}
		return false;
	}

	/** After a member: true at a comma, false at the object's end (then closed). */
	private boolean next() {
		space();
		byte c = this.b[this.pos++];
		if (c == ',') {
			return true;
		}
		if (c != '}') {
			throw GIVE_UP;
		}
		this.count = this.opened[this.depth--];
		return false;
	}

	/** After an array item: true at a comma, false at the array's end. */
	private boolean nextItem() {
		space();
		byte c = this.b[this.pos++];
		if (c == ',') {
			return true;
		}
		if (c != ']') {
			throw GIVE_UP;
		}
		return false;
	}

	/** A member's name and its colon; a name the object already has gives up (the tree keeps the last). */
	private void name() {
		space();
		if (this.b[this.pos] != '"') {
			throw GIVE_UP;
		}
		skipString();
		int start = this.stringStart;
		int stop = this.pos - 1;
		if (stop - start > MAX_NAME_LENGTH) {
			throw GIVE_UP;
		}
		int length = stop - start;
		for (int n = this.opened[this.depth]; n < this.count; n++) {
			int s = this.names[n * 2];
			if (this.names[n * 2 + 1] - s == length && Arrays.equals(this.b, s, s + length, this.b, start, stop)) {
				throw GIVE_UP;
			}
		}
		if (this.count * 2 + 2 > this.names.length) {
			this.names = Arrays.copyOf(this.names, this.names.length * 2);
		}
		this.names[this.count * 2] = start;
		this.names[this.count * 2 + 1] = stop;
		this.count++;
		this.nameStart = start;
		this.nameEnd = stop;
		expect(':');
	}

	private boolean nameIs(byte[] name) {
		return Arrays.equals(this.b, this.nameStart, this.nameEnd, name, 0, name.length);
	}

	/** A string value, decoded. */
	private String string() {
		space();
		if (this.b[this.pos] != '"') {
			throw GIVE_UP;
		}
		skipString();
		return decode(this.stringStart, this.pos - 1);
	}

	/** Steps over a string in the subset; {@link #stringStart} and {@link #escaped} say what it held. */
	private void skipString() {
		int i = ++this.pos;
		this.stringStart = i;
		this.escaped = false;
		byte[] b = this.b;
		while (true) {
			int c = b[i] & 0xff;
			if (c == '"') {
				this.pos = i + 1;
				return;
			}
			if (c == '\\') {
				switch (b[i + 1]) {
					case '"', '\\', 'b', 't', 'n', 'f', 'r' -> i += 2;
					default -> throw GIVE_UP;
				}
				this.escaped = true;
			}
			else if (c < 0x20) {
				throw GIVE_UP;
			}
			else if (c < 0x80) {
				i++;
			}
			else {
				i = utf8(b, i);
			}
			if (i >= this.end) {
				throw GIVE_UP;
			}
		}
	}

	private String decode(int start, int stop) {
		if (!this.escaped) {
			return new String(this.b, start, stop - start, StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(stop - start);
		for (int i = start; i < stop; i++) {
			byte c = this.b[i];
			if (c == '\\') {
				c = switch (this.b[++i]) {
					case 'b' -> '\b';
					case 't' -> '\t';
					case 'n' -> '\n';
					case 'f' -> '\f';
					case 'r' -> '\r';
					default -> this.b[i];
				};
			}
			out.write(c);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Steps over one well-formed UTF-8 sequence of two to four bytes. */
	private int utf8(byte[] b, int i) {
		int c = b[i] & 0xff;
		int more;
		int low = 0x80;
		int high = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
		}
		else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			low = (c == 0xe0) ? 0xa0 : 0x80;
			high = (c == 0xed) ? 0x9f : 0xbf;
		}
		else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			low = (c == 0xf0) ? 0x90 : 0x80;
			high = (c == 0xf4) ? 0x8f : 0xbf;
		}
		else {
			throw GIVE_UP;
		}
		if (i + more >= this.end) {
			throw GIVE_UP;
		}
		int second = b[i + 1] & 0xff;
		if (second < low || second > high) {
			throw GIVE_UP;
		}
		for (int k = 2; k <= more; k++) {
			int next = b[i + k] & 0xff;
			if (next < 0x80 || next > 0xbf) {
				throw GIVE_UP;
			}
		}
		return i + more + 1;
	}

	/** An integer Jackson writes back as it is: no -0, no leading zero, no fraction or exponent. */
	private void integer() {
		int start = this.pos;
		if (this.b[this.pos] == '-') {
			this.pos++;
		}
		int digits = this.pos;
		while (this.pos < this.end && this.b[this.pos] >= '0' && this.b[this.pos] <= '9') {
			this.pos++;
		}
		int length = this.pos - digits;
		if (length == 0 || length > MAX_NUMBER_LENGTH || (this.b[digits] == '0' && (length > 1 || digits > start))
				|| (this.pos < this.end
						&& (this.b[this.pos] == '.' || this.b[this.pos] == 'e' || this.b[this.pos] == 'E'))) {
			throw GIVE_UP;
		}
	}

	private boolean literal(String word) {
		int length = word.length();
		if (this.pos + length > this.end) {
			return false;
		}
		for (int k = 0; k < length; k++) {
			if (this.b[this.pos + k] != word.charAt(k)) {
				return false;
			}
		}
		this.pos += length;
		return true;
	}

	private static void require(boolean read) {
		if (!read) {
			throw GIVE_UP;
		}
	}

	private void expect(char c) {
		space();
		if (this.b[this.pos] != c) {
			throw GIVE_UP;
		}
		this.pos++;
	}

	private void space() {
		int i = this.pos;
		if (i < this.end && isSpace(this.b[i])) {
			do {
				i++;
			}
			while (i < this.end && isSpace(this.b[i]));
			this.pos = i;
			this.spaces++;
		}
	}

	private static boolean isSpace(byte c) {
		return c == ' ' || c == '\n' || c == '\r' || c == '\t';
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** A string value reused while its bytes repeat from event to event. */
	private static final class Cached {

		private byte[] bytes = new byte[0];

		private @Nullable String value;

		String read(GeminiCallScanner scanner) {
			scanner.space();
			if (scanner.b[scanner.pos] != '"') {
				throw GIVE_UP;
			}
			scanner.skipString();
			int start = scanner.stringStart;
			int stop = scanner.pos - 1;
			if (this.value != null && Arrays.equals(scanner.b, start, stop, this.bytes, 0, this.bytes.length)) {
				return this.value;
			}
			this.bytes = Arrays.copyOfRange(scanner.b, start, stop);
			this.value = scanner.decode(start, stop);
			return this.value;
		}

	}

	/** Leaves the scan for the Jackson path; preallocated, without a stack trace. */
	private static final class GiveUp extends RuntimeException {

		GiveUp() {
			super(null, null, false, false);
		}

	}

}
