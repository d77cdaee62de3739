package io.github.llmclient.provider.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The position of a {@link JsonScanner} in its input and the reading of what is at it: scalar
 * values (strings through {@link JsonStrings}, integers and booleans through {@link JsonScalars}),
 * whitespace, and byte-for-byte matches for the fast paths that compare an event's usual bytes
 * instead of reading it name by name. The structure (objects, arrays, names, passing over values)
 * is {@link JsonScanner}'s. Anything malformed or outside the scanner's subset throws
 * {@link #GIVE_UP}.
 *
 * <p>
 * Public only so that the wire-format packages can share it; not an API.
 */
public abstract class JsonCursor {

	/** Thrown to leave the scan for the Jackson path; preallocated, without a stack trace. */
	protected static final GiveUp GIVE_UP = new GiveUp();

	static final boolean[] WHITESPACE = new boolean[256];

	static {
		for (char c : new char[] { ' ', '\n', '\r', '\t' }) {
			WHITESPACE[c] = true;
		}
	}

	byte[] bytes;

	int end;

	int pos;

	JsonCursor(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.pos = offset;
		this.end = offset + length;
	}

	/**
	 * Starts reading another input: a scanner kept from event to event instead of one per event.
	 * @param bytes the input
	 * @param offset where the JSON text starts
	 * @param length its length
	 */
	protected final void restart(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.pos = offset;
		this.end = offset + length;
	}

	// ---- literal shapes, for fast paths that fall back to the general reading

	/**
	 * Where the scan is, for {@link #reset} when a fast path does not match.
	 * @return the index in the input
	 */
	protected final int position() {
		return this.pos;
	}

	/**
	 * Goes back to a {@link #position} (nothing read since is kept).
	 * @param position the index to go back to
	 */
	protected final void reset(int position) {
		this.pos = position;
	}

	/**
	 * When the bytes ahead are exactly {@code literal}, steps past them.
	 * @param literal the bytes to match
	 * @return false (nothing read) otherwise
	 */
	protected final boolean skipLiteral(byte[] literal) {
		return skipBytes(literal, 0, literal.length);
	}

	/**
	 * When the bytes ahead are exactly {@code source[from, to)}, steps past them (compared a vector
	 * at a time).
	 * @param source the bytes to match
	 * @param from the first of them
	 * @param to the index after the last
	 * @return false (nothing read) otherwise
	 */
	protected final boolean skipBytes(byte[] source, int from, int to) {
		int at = this.pos;
		int length = to - from;
		if (this.end - at < length || !Arrays.equals(this.bytes, at, at + length, source, from, to)) {
			return false;
		}
		this.pos = at + length;
		return true;
	}

	/**
	 * Whether the bytes from here to the end of the input are exactly {@code source[from, to)};
	 * nothing is read.
	 * @param source the bytes to compare with
	 * @param from the first of them
	 * @param to the index after the last
	 * @return true when equal
	 */
	protected final boolean restEquals(byte[] source, int from, int to) {
		return this.end - this.pos == to - from && Arrays.equals(this.bytes, this.pos, this.end, source, from, to);
	}

	/**
	 * Copies the bytes from {@code from} to the end of the input into {@code into} when they fit.
	 * @param from an index in the input
	 * @param into where to copy them
	 * @return how many were copied, or -1 when they do not fit
	 */
	protected final int copyToEnd(int from, byte[] into) {
		int length = this.end - from;
		if (length > into.length) {
			return -1;
		}
		System.arraycopy(this.bytes, from, into, 0, length);
		return length;
	}

	/**
	 * Reads the digits ahead as a natural number: {@code 0}, or up to nine digits without a
	 * leading zero. Whatever follows is not checked: the caller matches it (a tenth digit or a
	 * digit after {@code 0} then fails to match, and the caller resets).
	 * @return the number, or -1 (nothing read) when no digit is ahead
	 */
	protected final int naturalDigits() {
		byte[] bytes = this.bytes;
		int end = this.end;
		int i = this.pos;
		if (i >= end) {
			return -1;
		}
		int value = bytes[i] - '0';
		if (value < 0 || value > 9) {
			return -1;
		}
		i++;
		if (value != 0) {
			int limit = Math.min(end, i + 8);
			int digit;
			while (i < limit && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
				value = value * 10 + digit;
				i++;
			}
		}
		this.pos = i;
		return value;
	}

	// ---- scalars

	/**
	 * A string; any other value gives up.
	 * @param known a string to return instead of an equal copy, or null
	 * @return the string
	 */
	protected final String string(@Nullable String known) {
		if (peek() != '"') {
			throw GIVE_UP;
		}
		return string(known, true);
	}

	/**
	 * Reads a string from its opening quote; returns {@code known} when equal to it, builds the
	 * string only when {@code wanted}.
	 */
	final @Nullable String string(@Nullable String known, boolean wanted) {
		byte[] bytes = this.bytes;
		int start = ++this.pos;
		int end = this.end;
		int i = JsonStrings.plainRun(bytes, start, end);
		boolean ascii = true;
		while (i < end) {
			byte b = bytes[i];
			if (b == '"') {
				break;
			}
			if (b == '\\') {
				int quote = JsonStrings.closingQuote(bytes, i, end);
				String value = JsonStrings.unescape(bytes, start, quote, wanted);
				this.pos = quote + 1;
				return value;
			}
			if (b < 0x20) {
				if (b >= 0) {
					throw GIVE_UP;
				}
				ascii = false;
				i = JsonStrings.utf8(bytes, i, end);
				continue;
			}
			i++;
		}
		if (i >= end) {
			throw GIVE_UP;
		}
		this.pos = i + 1;
		if (!wanted) {
			return null;
		}
		int length = i - start;
		if (ascii) {
			if (known != null && sameAscii(start, length, known)) {
				return known;
			}
			return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
		}
		String value = new String(bytes, start, length, StandardCharsets.UTF_8);
		return (known != null && known.equals(value)) ? known : value;
	}

	private boolean sameAscii(int start, int length, String known) {
		if (known.length() != length) {
			return false;
		}
		byte[] bytes = this.bytes;
		for (int i = 0; i < length; i++) {
			if (bytes[start + i] != known.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A boolean; any other value gives up.
	 * @return its value
	 */
	protected final boolean bool() {
		byte b = peek();
		if (b == 't') {
			this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.TRUE);
			return true;
		}
		if (b == 'f') {
			this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.FALSE);
			return false;
		}
		throw GIVE_UP;
	}

	/**
	 * Whether the value ahead is a number without fraction or exponent.
	 * @return true for an integer
	 */
	protected final boolean peekIntegerNumber() {
		return JsonScalars.integerAhead(this.bytes, this.pos, this.end);
	}

	/**
	 * An integer that fits an {@code int} without question (at most nine digits); any other value
	 * gives up.
	 * @return its value
	 */
	protected final int integer() {
		int start = this.pos;
		this.pos = JsonScalars.numberEnd(this.bytes, start, this.end);
		return JsonScalars.smallInteger(this.bytes, start, this.pos);
	}

	// ---- bytes

	/** Passes over whitespace. */
	protected final void skipWhitespace() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		int end = this.end;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		this.pos = i;
	}

	/**
	 * Whether only whitespace is left.
	 * @return true at the end of the input
	 */
	protected final boolean atEnd() {
		skipWhitespace();
		return this.pos == this.end;
	}

	/**
	 * The byte ahead, not read; gives up at the end of the input.
	 * @return the byte
	 */
	protected final byte peek() {
		if (this.pos >= this.end) {
			throw GIVE_UP;
		}
		return this.bytes[this.pos];
	}

	final byte next() {
		byte b = peek();
		this.pos++;
		return b;
	}

	/**
	 * Reads the given byte; any other gives up.
	 * @param c the expected character
	 */
	protected final void expect(char c) {
		if (next() != c) {
			throw GIVE_UP;
		}
	}

	/**
	 * A name or literal as bytes, to match with {@link JsonScanner#nameIs} or {@link #skipLiteral}.
	 * @param name ASCII text
	 * @return its bytes
	 */
	protected static byte[] ascii(String name) {
		return name.getBytes(StandardCharsets.US_ASCII);
	}

	/** Leaves the scan; carries no stack trace, so throwing it costs little. */
	public static final class GiveUp extends RuntimeException {

		private GiveUp() {
			super(null, null, false, false);
		}

	}

}
