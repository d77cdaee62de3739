package io.github.llmclient.provider.openai;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;

/**
 * A one-pass reader of a strict subset of JSON over a byte range, for {@link ChunkScanner}: property
 * names as byte ranges to compare, strings (decoded by {@link JsonStrings}), integers, and values
 * passed over but checked. Anything outside the subset (comments, control characters, malformed
 * UTF-8, escaped or long property names, deep nesting, long numbers) or malformed throws
 * {@link #GIVE_UP}, so that the caller reads the same bytes with Jackson instead. Its methods are
 * final, so that the one subclass's calls compile as direct ones.
 */
abstract class JsonScanner {

	/**
	 * The deepest nesting read: a value inside more containers gives up. The Jackson parser that
	 * stands behind the scanner must allow at least one level more (its root object is depth 1).
	 */
	static final int MAX_DEPTH = 64;

	/** The longest number read; the Jackson parser behind must allow at least this. */
	static final int MAX_NUMBER_LENGTH = 100;

	/** The longest property name read; the Jackson parser behind must allow at least this. */
	static final int MAX_NAME_LENGTH = 256;

	/** Thrown to leave the scan for the Jackson path; preallocated, without a stack trace. */
	static final GiveUp GIVE_UP = new GiveUp();

	private static final byte[] TRUE = ascii("true");

	private static final byte[] FALSE = ascii("false");

	private static final byte[] NULL = ascii("null");

	private static final boolean[] WHITESPACE = new boolean[256];

	private static final boolean[] DELIMITER = new boolean[256];

	static {
		for (char c : new char[] { ' ', '\n', '\r', '\t' }) {
			WHITESPACE[c] = true;
			DELIMITER[c] = true;
		}
		for (char c : new char[] { ',', '}', ']' }) {
			DELIMITER[c] = true;
		}
	}

	/**
	 * Whether a scanner may read before a parser of the given factory: only when that parser is no
	 * stricter than the scanner (its limits at least the scanner's own, no duplicate detection).
	 */
	static boolean scannerAllowed(TokenStreamFactory factory) {
		StreamReadConstraints limits = factory.streamReadConstraints();
		return (factory instanceof JsonFactory) && !factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& limits.getMaxNestingDepth() > MAX_DEPTH && limits.getMaxNumberLength() >= MAX_NUMBER_LENGTH
				&& limits.getMaxNameLength() >= MAX_NAME_LENGTH && !limits.hasMaxTokenCount();
	}

	/** The longest input a scanner may read before a parser of the given factory: no string in it passes the parser's limit. */
	static long scannerMaxLength(TokenStreamFactory factory) {
		StreamReadConstraints limits = factory.streamReadConstraints();
		return limits.hasMaxDocumentLength() ? Math.min(limits.getMaxDocumentLength(), limits.getMaxStringLength())
				: limits.getMaxStringLength();
	}

	private final byte[] bytes;

	private final int end;

	private int pos;

	/** Where the last property name starts and ends (exclusive) in {@link #bytes}. */
	private int nameStart;

	private int nameEnd;

	/**
	 * Reads the given range.
	 * @param bytes the input
	 * @param offset where the JSON text starts
	 * @param length its length
	 */
	JsonScanner(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.pos = offset;
		this.end = offset + length;
	}

	/**
	 * When the value ahead is an object, steps past its {@code '{'}.
	 * @return false (nothing read) for another value
	 */
	final boolean enterObject() {
		if (this.pos < this.end && this.bytes[this.pos] == '{') {
			this.pos++;
			return true;
		}
		return false;
	}

	/**
	 * When the value ahead is an array, steps past its {@code '['}.
	 * @return false (nothing read) for another value
	 */
	final boolean enterArray() {
		if (this.pos < this.end && this.bytes[this.pos] == '[') {
			this.pos++;
			return true;
		}
		return false;
	}

	/**
	 * Just after an array's {@code '['}: moves to its first element.
	 * @return false for an empty array (then read to its end)
	 */
	final boolean firstElement() {
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return false;
		}
		return true;
	}

	// ---- objects and arrays

	/**
	 * Just after an object's {@code '{'}: reads its first property name and the colon.
	 * @return false for an empty object
	 */
	final boolean firstName() {
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return false;
		}
		name();
		return true;
	}

	/**
	 * After a property's value: reads the next property name and the colon.
	 * @return false at the end of the object
	 */
	final boolean nextName() {
		skipWhitespace();
		byte b = next();
		if (b == '}') {
			return false;
		}
		if (b != ',') {
			throw GIVE_UP;
		}
		skipWhitespace();
		name();
		return true;
	}

	/** After an array element: true when another follows, false at the end of the array. */
	final boolean nextElement() {
		skipWhitespace();
		byte b = next();
		if (b == ']') {
			return false;
		}
		if (b != ',') {
			throw GIVE_UP;
		}
		return true;
	}

	private void name() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		int end = this.end;
		if (i >= end || bytes[i] != '"') {
			throw GIVE_UP;
		}
		int start = ++i;
		int limit = Math.min(end, start + MAX_NAME_LENGTH);
		i = JsonStrings.plainRun(bytes, i, limit);
		// escaped, non-ASCII and long names go to Jackson, which also applies its length limit
		byte b;
		while (i < limit && (b = bytes[i]) != '"') {
			if (b == '\\' || b < 0x20) {
				throw GIVE_UP;
			}
			i++;
		}
		if (i >= limit) {
			throw GIVE_UP;
		}
		this.nameStart = start;
		this.nameEnd = i;
		i++;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		if (i >= end || bytes[i] != ':') {
			throw GIVE_UP;
		}
		i++;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		this.pos = i;
	}

	final boolean nameIs(byte[] name) {
		int length = this.nameEnd - this.nameStart;
		if (length != name.length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.bytes[this.nameStart + i] != name[i]) {
				return false;
			}
		}
		return true;
	}

	/** Passes over one value, checking it is well formed; {@code depth} counts the enclosing containers. */
	final void skipValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw GIVE_UP;
		}
		byte b = peek();
		switch (b) {
			case '"' -> string(null, false);
			case '{' -> {
				this.pos++;
				if (firstName()) {
					do {
						skipValue(depth + 1);
					}
					while (nextName());
				}
			}
			case '[' -> {
				this.pos++;
				skipWhitespace();
				if (peek() == ']') {
					this.pos++;
					return;
				}
				do {
					skipWhitespace();
					skipValue(depth + 1);
				}
				while (nextElement());
			}
			case 't' -> literal(TRUE);
			case 'f' -> literal(FALSE);
			case 'n' -> literal(NULL);
			default -> number();
		}
	}

	// ---- literal shapes, for fast paths that fall back to the general reading

	/** Where the scan is, for {@link #reset} when a fast path does not match. */
	final int position() {
		return this.pos;
	}

	/** Goes back to a {@link #position} (nothing read since is kept). */
	final void reset(int position) {
		this.pos = position;
	}

	/**
	 * When the bytes ahead are exactly {@code literal}, steps past them.
	 * @return false (nothing read) otherwise
	 */
	final boolean skipLiteral(byte[] literal) {
		int at = this.pos;
		int length = literal.length;
		if (this.end - at < length || !Arrays.equals(this.bytes, at, at + length, literal, 0, length)) {
			return false;
		}
		this.pos = at + length;
		return true;
	}

	/**
	 * Reads the digits ahead as a natural number: {@code 0}, or up to nine digits without a
	 * leading zero. Whatever follows is not checked: the caller matches it (a tenth digit or a
	 * digit after {@code 0} then fails to match, and the caller resets).
	 * @return the number, or -1 (nothing read) when no digit is ahead
	 */
	final int naturalDigits() {
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
	 * A string, null for JSON {@code null} or any other value (which is passed over).
	 * @param known a string to return instead of an equal copy, or null
	 * @param depth how many containers enclose the value
	 */
	final @Nullable String stringOrNull(@Nullable String known, int depth) {
		byte b = peek();
		if (b == '"') {
			return string(known, true);
		}
		skipValue(depth);
		return null;
	}

	/**
	 * Reads a string from its opening quote; returns {@code known} when equal to it, builds the
	 * string only when {@code wanted}.
	 */
	private @Nullable String string(@Nullable String known, boolean wanted) {
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

	/** Whether the value ahead is a number without fraction or exponent. */
	final boolean peekIntegerNumber() {
		byte[] bytes = this.bytes;
		int end = this.end;
		int i = this.pos;
		if (i < end && bytes[i] == '-') {
			i++;
		}
		if (i >= end || bytes[i] < '0' || bytes[i] > '9') {
			return false;
		}
		while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
			i++;
		}
		return i >= end || (bytes[i] != '.' && bytes[i] != 'e' && bytes[i] != 'E');
	}

	/** An integer that fits an {@code int} without question (at most nine digits). */
	final int integer() {
		int start = this.pos;
		number();
		int i = start;
		boolean negative = this.bytes[i] == '-';
		if (negative) {
			i++;
		}
		if (this.pos - i > 9) {
			throw GIVE_UP;
		}
		int value = 0;
		for (; i < this.pos; i++) {
			value = value * 10 + (this.bytes[i] - '0');
		}
		return negative ? -value : value;
	}

	/** Passes over a number in JSON's grammar, which must end at a delimiter. */
	private void number() {
		byte[] bytes = this.bytes;
		int end = this.end;
		int start = this.pos;
		int i = start;
		if (i < end && bytes[i] == '-') {
			i++;
		}
		int digits = i;
		if (i < end && bytes[i] == '0') {
			i++;
		}
		else {
			while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
				i++;
			}
		}
		if (i == digits) {
			throw GIVE_UP;
		}
		if (i < end && bytes[i] == '.') {
			int fraction = ++i;
			while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
				i++;
			}
			if (i == fraction) {
				throw GIVE_UP;
			}
		}
		if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
			i++;
			if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
				i++;
			}
			int exponent = i;
			while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
				i++;
			}
			if (i == exponent) {
				throw GIVE_UP;
			}
		}
		if (i - start > MAX_NUMBER_LENGTH || i >= end || !DELIMITER[bytes[i] & 0xFF]) {
			throw GIVE_UP;
		}
		this.pos = i;
	}

	private void literal(byte[] word) {
		byte[] bytes = this.bytes;
		int at = this.pos;
		int length = word.length;
		if (at + length >= this.end) {
			throw GIVE_UP;
		}
		for (int i = 0; i < length; i++) {
			if (bytes[at + i] != word[i]) {
				throw GIVE_UP;
			}
		}
		if (!DELIMITER[bytes[at + length] & 0xFF]) {
			throw GIVE_UP;
		}
		this.pos = at + length;
	}

	// ---- bytes

	final void skipWhitespace() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		int end = this.end;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		this.pos = i;
	}

	final byte peek() {
		if (this.pos >= this.end) {
			throw GIVE_UP;
		}
		return this.bytes[this.pos];
	}

	private byte next() {
		byte b = peek();
		this.pos++;
		return b;
	}

	final void expect(char c) {
		if (next() != c) {
			throw GIVE_UP;
		}
	}

	static byte[] ascii(String name) {
		return name.getBytes(StandardCharsets.US_ASCII);
	}

	/** Leaves the scan; carries no stack trace, so throwing it costs little. */
	static final class GiveUp extends RuntimeException {

		GiveUp() {
			super(null, null, false, false);
		}

	}

}
