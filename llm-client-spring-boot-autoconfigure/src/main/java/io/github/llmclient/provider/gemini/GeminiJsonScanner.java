package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A one-pass reader of a strict subset of JSON over bytes: JSON as Jackson writes it, whitespace
 * between tokens aside — integers only (Jackson writes {@code 1.50} as {@code 1.5}), the escapes
 * Jackson writes ({@code \" \\ \b \t \n \f \r}), well-formed UTF-8, no repeated name in an
 * object (the tree keeps the last), nothing only a lenient mapper reads, at most
 * {@link #MAX_DEPTH} levels deep. Bytes in the subset are exactly the text Jackson writes for the
 * tree it reads from them, so a value read here can be taken as its text. Anything else throws
 * {@link #GIVE_UP} (or runs off the array), and the caller leaves the bytes to Jackson.
 * Hand-written because no library answers "would Jackson write these bytes back unchanged", and
 * because a Jackson parser's creation and tokens cost about 0.9 µs of a 388-byte event (S6 in
 * BENCHMARKS.md). Single-threaded: it reuses its arrays.
 */
class GeminiJsonScanner {

	/** The deepest nesting read; a parser that allows less makes the scanner unused. */
	static final int MAX_DEPTH = 64;

	/** The longest number read. */
	static final int MAX_NUMBER_LENGTH = 100;

	/** The longest property name read. */
	static final int MAX_NAME_LENGTH = 256;

	/** Thrown to leave the scan to Jackson; preallocated, without a stack trace. */
	static final GiveUp GIVE_UP = new GiveUp();

	/** Whether the mapper's reader is no stricter than the scanner (else the scanner reads no event). */
	final boolean allowed;

	/** The longest input read: no string in it passes the mapper's string limit. */
	final long maxLength;

	/** Whether the tree keeps {@code null} properties (it leaves them out when this is off). */
	private final boolean nullProperties;

	byte[] b = new byte[0];

	int pos;

	int end;

	int depth;

	/** How many whitespace runs were passed over: a value read with none is written as it is. */
	int spaces;

	/** The names of the objects open, as start and end offsets; {@link #opened} says where each object's begin. */
	private int[] names = new int[32];

	/** Per nesting level: how many names of {@link #names} belong to the objects outside. */
	private final int[] opened = new int[MAX_DEPTH + 2];

	private int count;

	/** Where the last name starts and ends. */
	int nameStart;

	int nameEnd;

	/** Where the last string's content starts, and whether it holds an escape. */
	int stringStart;

	boolean escaped;

	GeminiJsonScanner(JsonMapper mapper) {
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		StreamReadConstraints limits = factory.streamReadConstraints();
		this.allowed = (factory instanceof JsonFactory) && !factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& limits.getMaxNestingDepth() > MAX_DEPTH && limits.getMaxNumberLength() >= MAX_NUMBER_LENGTH
				&& limits.getMaxNameLength() >= MAX_NAME_LENGTH && !limits.hasMaxTokenCount();
		this.maxLength = limits.hasMaxDocumentLength()
				? Math.min(limits.getMaxDocumentLength(), limits.getMaxStringLength()) : limits.getMaxStringLength();
		this.nullProperties = mapper.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
	}

	/** Starts reading the given bytes. */
	final void reset(byte[] data, int offset, int length) {
		this.b = data;
		this.pos = offset;
		this.end = offset + length;
		this.depth = 0;
		this.count = 0;
		this.spaces = 0;
	}

	/**
	 * Checks one value whose bounds a Jackson parser found (and whose structure and limits it
	 * checked): {@link GeminiJsonText#check}.
	 */
	final int check(byte[] data, int start, int stop) {
		if (stop - start > this.maxLength) {
			return GeminiJsonText.NOT_CANONICAL;
		}
		reset(data, start, stop - start);
		try {
			value();
			if (this.pos != this.end) {
				return GeminiJsonText.NOT_CANONICAL;
			}
			return (this.spaces == 0) ? GeminiJsonText.COMPACT : GeminiJsonText.SPACED;
		}
		catch (GiveUp | ArrayIndexOutOfBoundsException ex) {
			return GeminiJsonText.NOT_CANONICAL;
		}
	}


	/** Any value, checked to be in the subset; objects' names checked not to repeat. */
	final void value() {
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
	final void open() {
		expect('{');
		if (++this.depth > MAX_DEPTH) {
			throw GIVE_UP;
		}
		this.opened[this.depth] = this.count;
	}

	/** Whether the object just opened is empty (then closed). */
	final boolean closed() {
		space();
		if (this.b[this.pos] == '}') {
			this.pos++;
			this.count = this.opened[this.depth--];
			return true;
		}
		return false;
	}

	/** After a member: true at a comma, false at the object's end (then closed). */
	final boolean next() {
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
	final boolean nextItem() {
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
	final void name() {
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

	/** Whether the last name is the given one (its length compared first: most names differ in it). */
	final boolean nameIs(byte[] name) {
		return this.nameEnd - this.nameStart == name.length
				&& Arrays.equals(this.b, this.nameStart, this.nameEnd, name, 0, name.length);
	}

	/** A string value, decoded. */
	final String string() {
		space();
		if (this.b[this.pos] != '"') {
			throw GIVE_UP;
		}
		skipString();
		return decode(this.stringStart, this.pos - 1);
	}

	/** Steps over a string in the subset; {@link #stringStart} and {@link #escaped} say what it held. */
	final void skipString() {
		int i = ++this.pos;
		this.stringStart = i;
		this.escaped = false;
		byte[] b = this.b;
		int end = this.end;
		while (i < end) {
			byte c = b[i];
			// the usual byte first: printable ASCII (bytes of UTF-8 sequences are negative)
			if (c >= 0x20 && c != '"' && c != '\\') {
				i++;
			}
			else if (c == '"') {
				this.pos = i + 1;
				return;
			}
			else if (c == '\\') {
				if (i + 1 >= end) {
					throw GIVE_UP;
				}
				switch (b[i + 1]) {
					case '"', '\\', 'b', 't', 'n', 'f', 'r' -> i += 2;
					default -> throw GIVE_UP;
				}
				this.escaped = true;
			}
			else if (c >= 0) {
				// a control character
				throw GIVE_UP;
			}
			else {
				i = utf8(b, i);
			}
		}
		throw GIVE_UP;
	}

	final String decode(int start, int stop) {
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
	final int utf8(byte[] b, int i) {
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
	final void integer() {
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

	final boolean literal(String word) {
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

	static void require(boolean read) {
		if (!read) {
			throw GIVE_UP;
		}
	}

	final void expect(char c) {
		space();
		if (this.b[this.pos] != c) {
			throw GIVE_UP;
		}
		this.pos++;
	}

	final void space() {
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

	static boolean isSpace(byte c) {
		return c == ' ' || c == '\n' || c == '\r' || c == '\t';
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** A string value reused while its bytes repeat from event to event. */
	static final class Cached {

		private byte[] bytes = new byte[0];

		private @Nullable String value;

		String read(GeminiJsonScanner scanner) {
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
	static final class GiveUp extends RuntimeException {

		GiveUp() {
			super(null, null, false, false);
		}

	}

}
