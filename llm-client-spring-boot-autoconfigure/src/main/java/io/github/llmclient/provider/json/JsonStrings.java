package io.github.llmclient.provider.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.jspecify.annotations.Nullable;

import static io.github.llmclient.provider.json.JsonCursor.GIVE_UP;

/**
 * The string work of {@link JsonScanner}: passing over plain characters a word at a time,
 * checking UTF-8, and decoding escapes, with Jackson's results (a lone {@code \}{@code uD83D}
 * surrogate stays a char, as Jackson keeps it). Anything malformed throws
 * {@link JsonScanner#GIVE_UP}.
 */
final class JsonStrings {

	/** Eight bytes at a time, to pass over plain string and name characters quickly. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long QUOTES = 0x2222222222222222L;

	private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

	private static final long SPACES = 0x2020202020202020L;

	private JsonStrings() {
	}

	/**
	 * Skips whole eight-byte words of printable ASCII other than {@code "} and {@code \\} (a
	 * SWAR test; a word it stops at is then read byte by byte).
	 * @return the index of the first word that may hold something else
	 */
	static int plainRun(byte[] bytes, int from, int end) {
		int i = from;
		while (i + 8 <= end) {
			long word = (long) LONGS.get(bytes, i);
			long quote = word ^ QUOTES;
			long backslash = word ^ BACKSLASHES;
			long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (word - SPACES) | word;
			if ((special & HIGH_BITS) != 0) {
				return i;
			}
			i += 8;
		}
		return i;
	}

	/**
	 * Finds the quote that closes a string, passing over escaped characters (which
	 * {@link #unescape} then checks).
	 * @param from an index inside the string
	 * @return the index of the closing quote
	 */
	static int closingQuote(byte[] bytes, int from, int end) {
		int i = from;
		while (i < end) {
			byte b = bytes[i];
			if (b == '"') {
				return i;
			}
			i += (b == '\\') ? 2 : 1;
		}
		throw GIVE_UP;
	}

	/**
	 * Checks and decodes a string that holds escapes, into one array of characters sized by the
	 * string's own bytes (no decoding lengthens them): tool-call argument fragments such as
	 * {@code \":\"} are mostly escapes, and building them from a {@code StringBuilder} of decoded
	 * segments cost a third of their chunk. Sizing by the string, not by what is left of the
	 * input, keeps an event of many short escaped strings from allocating the rest of itself for
	 * each of them.
	 * @param start the string's first character
	 * @param quote its closing quote, from {@link #closingQuote}
	 * @param wanted whether to build the string or only check it
	 * @return the string, or null when not wanted
	 */
	static @Nullable String unescape(byte[] bytes, int start, int quote, boolean wanted) {
		char[] chars = wanted ? new char[quote - start] : null;
		int length = 0;
		int i = start;
		while (i < quote) {
			byte b = bytes[i];
			int next;
			int c;
			if (b == '\\') {
				if (i + 1 >= quote) {
					throw GIVE_UP;
				}
				next = i + 2;
				switch (bytes[i + 1]) {
					case '"' -> c = '"';
					case '\\' -> c = '\\';
					case '/' -> c = '/';
					case 'b' -> c = '\b';
					case 'f' -> c = '\f';
					case 'n' -> c = '\n';
					case 'r' -> c = '\r';
					case 't' -> c = '\t';
					case 'u' -> {
						c = hex4(bytes, i + 2, quote);
						next = i + 6;
					}
					default -> throw GIVE_UP;
				}
			}
			else if (b < 0x20) {
				if (b >= 0) {
					throw GIVE_UP;
				}
				next = utf8(bytes, i, quote);
				c = (chars != null) ? codePoint(bytes, i, next) : 0;
			}
			else {
				next = i + 1;
				c = b;
			}
			if (chars != null) {
				if (c >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
					chars[length++] = Character.highSurrogate(c);
					chars[length++] = Character.lowSurrogate(c);
				}
				else {
					chars[length++] = (char) c;
				}
			}
			i = next;
		}
		return (chars != null) ? new String(chars, 0, length) : null;
	}

	/**
	 * Checks one well-formed UTF-8 sequence of two to four bytes (RFC 3629: no overlong forms, no
	 * surrogates, nothing above U+10FFFF) starting at {@code i}, followed by at least one byte
	 * before {@code end}.
	 * @return the index after it
	 */
	static int utf8(byte[] bytes, int i, int end) {
		int lead = bytes[i] & 0xFF;
		int count;
		int min;
		int max = 0xBF;
		if (lead >= 0xC2 && lead <= 0xDF) {
			count = 1;
			min = 0x80;
		}
		else if (lead >= 0xE0 && lead <= 0xEF) {
			count = 2;
			min = (lead == 0xE0) ? 0xA0 : 0x80;
			max = (lead == 0xED) ? 0x9F : 0xBF;
		}
		else if (lead >= 0xF0 && lead <= 0xF4) {
			count = 3;
			min = (lead == 0xF0) ? 0x90 : 0x80;
			max = (lead == 0xF4) ? 0x8F : 0xBF;
		}
		else {
			throw GIVE_UP;
		}
		if (i + count >= end) {
			throw GIVE_UP;
		}
		int second = bytes[i + 1] & 0xFF;
		if (second < min || second > max) {
			throw GIVE_UP;
		}
		for (int k = 2; k <= count; k++) {
			int next = bytes[i + k] & 0xFF;
			if (next < 0x80 || next > 0xBF) {
				throw GIVE_UP;
			}
		}
		return i + count + 1;
	}

	/** The code point of the well-formed UTF-8 sequence from {@code i} to {@code next}. */
	private static int codePoint(byte[] bytes, int i, int next) {
		int count = next - i;
		int value = bytes[i] & (0xFF >> (count + 1));
		for (int k = i + 1; k < next; k++) {
			value = (value << 6) | (bytes[k] & 0x3F);
		}
		return value;
	}

	private static int hex4(byte[] bytes, int at, int end) {
		if (at + 4 > end) {
			throw GIVE_UP;
		}
		int value = 0;
		for (int i = at; i < at + 4; i++) {
			int digit = Character.digit(bytes[i], 16);
			if (digit < 0) {
				throw GIVE_UP;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

}
