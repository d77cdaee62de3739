package io.github.llmclient.provider.json;

import java.nio.charset.StandardCharsets;

import static io.github.llmclient.provider.json.JsonCursor.GIVE_UP;

/**
 * The number and literal work of {@link JsonScanner}: JSON's number grammar, small integers, and
 * {@code true}, {@code false} and {@code null}, each of which must end at a delimiter. Functions of
 * the bytes and an index, returning where the value ends; anything malformed or outside the
 * scanner's subset throws {@link JsonScanner#GIVE_UP}.
 */
final class JsonScalars {

	/** The longest number read; the Jackson parser behind must allow at least this. */
	static final int MAX_NUMBER_LENGTH = 100;

	static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

	static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

	static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	/** What may follow a scalar: whitespace, a comma or a closing bracket. */
	private static final boolean[] DELIMITER = new boolean[256];

	static {
		for (char c : new char[] { ' ', '\n', '\r', '\t', ',', '}', ']' }) {
			DELIMITER[c] = true;
		}
	}

	private JsonScalars() {
	}

	/**
	 * Passes over a number in JSON's grammar, which must end at a delimiter.
	 * @param start where it starts
	 * @return the index after it
	 */
	static int numberEnd(byte[] bytes, int start, int end) {
		int i = start;
		if (i < end && bytes[i] == '-') {
			i++;
		}
		int digits = i;
		if (i < end && bytes[i] == '0') {
			i++;
		}
		else {
			i = digitsEnd(bytes, i, end);
		}
		if (i == digits) {
			throw GIVE_UP;
		}
		if (i < end && bytes[i] == '.') {
			int fraction = ++i;
			i = digitsEnd(bytes, i, end);
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
			i = digitsEnd(bytes, i, end);
			if (i == exponent) {
				throw GIVE_UP;
			}
		}
		if (i - start > MAX_NUMBER_LENGTH || i >= end || !DELIMITER[bytes[i] & 0xFF]) {
			throw GIVE_UP;
		}
		return i;
	}

	/** Whether the value at {@code i} is a number without fraction or exponent. */
	static boolean integerAhead(byte[] bytes, int i, int end) {
		if (i < end && bytes[i] == '-') {
			i++;
		}
		if (i >= end || bytes[i] < '0' || bytes[i] > '9') {
			return false;
		}
		i = digitsEnd(bytes, i, end);
		return i >= end || (bytes[i] != '.' && bytes[i] != 'e' && bytes[i] != 'E');
	}

	/**
	 * The value of an integer already checked by {@link #numberEnd}: at most nine digits, so that it
	 * fits an {@code int} without question.
	 * @param start where it starts
	 * @param stop the index after it
	 */
	static int smallInteger(byte[] bytes, int start, int stop) {
		int i = start;
		boolean negative = bytes[i] == '-';
		if (negative) {
			i++;
		}
		if (stop - i > 9) {
			throw GIVE_UP;
		}
		int value = 0;
		for (; i < stop; i++) {
			value = value * 10 + (bytes[i] - '0');
		}
		return negative ? -value : value;
	}

	/**
	 * Matches a literal ({@link #TRUE}, {@link #FALSE}, {@link #NULL}) followed by a delimiter.
	 * @return the index after it
	 */
	static int literalEnd(byte[] bytes, int at, int end, byte[] word) {
		int length = word.length;
		if (at + length >= end) {
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
		return at + length;
	}

	private static int digitsEnd(byte[] bytes, int i, int end) {
		while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
			i++;
		}
		return i;
	}

}
