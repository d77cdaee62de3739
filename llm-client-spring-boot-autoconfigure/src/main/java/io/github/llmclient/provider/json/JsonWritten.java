package io.github.llmclient.provider.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.github.llmclient.provider.json.JsonCursor.GIVE_UP;

/**
 * Checks that a JSON value's bytes are, whitespace between tokens aside, exactly the text Jackson
 * writes for the tree it reads from them, so that the value can be taken as its text instead of
 * read into a tree and written back ({@link JsonScanner#skipWrittenValue}): integers only (Jackson
 * writes {@code 1.50} as {@code 1.5}) without a leading zero or {@code -0}, only the escapes Jackson
 * writes ({@code \" \\ \b \t \n \f \r}; not {@code \/} or {@code &#92;u}), well-formed UTF-8, no name
 * repeated in an object (the tree keeps the last), {@code null} only when the tree keeps null
 * properties, at most {@link JsonScanner#MAX_DEPTH} levels deep. Anything else throws
 * {@link JsonCursor#GIVE_UP}. Hand-written because no library answers "would Jackson write these
 * bytes back unchanged". Reusable, single-threaded: it keeps the names of the objects open in one
 * array.
 *
 * <p>
 * Public only so that the wire-format packages can share it; not an API.
 */
public final class JsonWritten {

	/** Whether the tree keeps {@code null} properties (when it leaves them out, a null gives up). */
	private final boolean nulls;

	/** The names of the objects open, as start and end offsets, outermost first. */
	private int[] names = new int[32];

	private int count;

	private byte[] bytes = new byte[0];

	private int pos;

	private int end;

	private boolean spaced;

	/**
	 * A checker for a tree reader that keeps or leaves out {@code null} properties.
	 * @param nulls whether the tree keeps {@code null} properties
	 * ({@code JsonNodeFeature.READ_NULL_PROPERTIES})
	 */
	public JsonWritten(boolean nulls) {
		this.nulls = nulls;
	}

	/**
	 * Checks the value starting at {@code start} (its first byte, not whitespace).
	 * @param bytes the input
	 * @param start where the value starts
	 * @param end where the input ends
	 * @param depth how many containers enclose the value
	 * @return the index after the value
	 */
	int valueEnd(byte[] bytes, int start, int end, int depth) {
		this.bytes = bytes;
		this.pos = start;
		this.end = end;
		this.count = 0;
		this.spaced = false;
		value(depth);
		return this.pos;
	}

	/**
	 * Whether the value checked last held whitespace between its tokens.
	 * @return true when its text is Jackson's only once the whitespace is left out
	 */
	boolean spaced() {
		return this.spaced;
	}

	private void value(int depth) {
		if (depth > JsonScanner.MAX_DEPTH) {
			throw GIVE_UP;
		}
		if (this.pos >= this.end) {
			throw GIVE_UP;
		}
		switch (this.bytes[this.pos]) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> this.pos = stringEnd(this.pos);
			case 't' -> this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.TRUE);
			case 'f' -> this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.FALSE);
			case 'n' -> {
				if (!this.nulls) {
					throw GIVE_UP;
				}
				this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.NULL);
			}
			default -> integer();
		}
	}

	private void object(int depth) {
		this.pos++;
		int opened = this.count;
		space();
		if (next() == '}') {
			return;
		}
		this.pos--;
		do {
			space();
			name(opened);
			space();
			value(depth + 1);
			space();
		}
		while (next() == ',' || closed('}'));
		this.count = opened;
	}

	private void array(int depth) {
		this.pos++;
		space();
		if (next() == ']') {
			return;
		}
		this.pos--;
		do {
			space();
			value(depth + 1);
			space();
		}
		while (next() == ',' || closed(']'));
	}

	/** After {@link #next} read something other than a comma: it must be the container's end. */
	private boolean closed(char close) {
		if (this.bytes[this.pos - 1] != close) {
			throw GIVE_UP;
		}
		return false;
	}

	/** A name and its colon; a name the object already has gives up. */
	private void name(int opened) {
		if (this.pos >= this.end || this.bytes[this.pos] != '"') {
			throw GIVE_UP;
		}
		int start = this.pos + 1;
		this.pos = stringEnd(this.pos);
		int stop = this.pos - 1;
		int length = stop - start;
		if (length > JsonScanner.MAX_NAME_LENGTH) {
			throw GIVE_UP;
		}
		int[] names = this.names;
		for (int n = opened; n < this.count; n++) {
			int s = names[n * 2];
			if (names[n * 2 + 1] - s == length && Arrays.equals(this.bytes, s, s + length, this.bytes, start, stop)) {
				throw GIVE_UP;
			}
		}
		if (this.count * 2 + 2 > names.length) {
			this.names = names = Arrays.copyOf(names, names.length * 2);
		}
		names[this.count * 2] = start;
		names[this.count * 2 + 1] = stop;
		this.count++;
		space();
		if (next() != ':') {
			throw GIVE_UP;
		}
	}

	/** Passes over a string from its opening quote; returns the index after its closing quote. */
	private int stringEnd(int quote) {
		byte[] bytes = this.bytes;
		int end = this.end;
		int i = JsonStrings.plainRun(bytes, quote + 1, end);
		while (i < end) {
			byte b = bytes[i];
			if (b == '"') {
				return i + 1;
			}
			if (b == '\\') {
				if (i + 1 >= end) {
					throw GIVE_UP;
				}
				switch (bytes[i + 1]) {
					case '"', '\\', 'b', 't', 'n', 'f', 'r' -> i += 2;
					default -> throw GIVE_UP;
				}
			}
			else if (b >= 0x20) {
				i++;
			}
			else if (b >= 0) {
				// a control character
				throw GIVE_UP;
			}
			else {
				i = JsonStrings.utf8(bytes, i, end);
			}
		}
		throw GIVE_UP;
	}

	/** An integer Jackson writes back as it is: no fraction or exponent, no leading zero, no -0. */
	private void integer() {
		byte[] bytes = this.bytes;
		int start = this.pos;
		int stop = JsonScalars.numberEnd(bytes, start, this.end);
		int digits = (bytes[start] == '-') ? start + 1 : start;
		if (bytes[digits] == '0' && (stop - digits > 1 || digits > start)) {
			throw GIVE_UP;
		}
		for (int i = digits; i < stop; i++) {
			if (bytes[i] < '0' || bytes[i] > '9') {
				throw GIVE_UP;
			}
		}
		this.pos = stop;
	}

	private byte next() {
		if (this.pos >= this.end) {
			throw GIVE_UP;
		}
		return this.bytes[this.pos++];
	}

	private void space() {
		int i = this.pos;
		if (i < this.end && JsonCursor.WHITESPACE[this.bytes[i] & 0xFF]) {
			do {
				i++;
			}
			while (i < this.end && JsonCursor.WHITESPACE[this.bytes[i] & 0xFF]);
			this.pos = i;
			this.spaced = true;
		}
	}

	/**
	 * A checked value's text as Jackson writes it.
	 * @param bytes the input
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @param spaced what {@link JsonScanner#skipWrittenValue} answered for it
	 * @return the text
	 */
	public static String text(byte[] bytes, int start, int end, boolean spaced) {
		if (!spaced) {
			return new String(bytes, start, end - start, StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
		copy(bytes, start, end, spaced, out);
		return out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Writes a checked value's text as Jackson writes it: its bytes, without the whitespace between
	 * tokens when it has any.
	 * @param bytes the input
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @param spaced what {@link JsonScanner#skipWrittenValue} answered for it
	 * @param out where to write it
	 */
	public static void copy(byte[] bytes, int start, int end, boolean spaced, ByteArrayOutputStream out) {
		if (!spaced) {
			out.write(bytes, start, end - start);
			return;
		}
		boolean inString = false;
		for (int i = start; i < end; i++) {
			byte b = bytes[i];
			if (inString) {
				if (b == '\\') {
					out.write(b);
					b = bytes[++i];
				}
				else if (b == '"') {
					inString = false;
				}
				out.write(b);
			}
			else if (!JsonCursor.WHITESPACE[b & 0xFF]) {
				inString = b == '"';
				out.write(b);
			}
		}
	}

}
