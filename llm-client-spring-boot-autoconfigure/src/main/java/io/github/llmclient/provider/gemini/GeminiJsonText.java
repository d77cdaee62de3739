package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text of a part or of a call's arguments, taken from the event's bytes instead of read
 * into a tree and written back. Only when the bytes, whitespace aside, are exactly what Jackson
 * writes for the tree read from them: strings with no escapes but the ones Jackson writes
 * ({@code \" \\ \b \t \n \f \r}) and well-formed UTF-8, integers without a sign on zero, no
 * fraction or exponent (Jackson writes {@code 1.50} as {@code 1.5}), no repeated property name
 * (the tree keeps the last), nothing a lenient mapper accepts (comments, quotes, trailing commas),
 * nothing beyond the mapper's limits. Anything else answers {@link #NOT_CANONICAL} and the event
 * goes to the tree. The structure itself has been checked by the Jackson parser that found the
 * span. Hand-written because no library answers "would Jackson write these bytes back unchanged";
 * one per stream mapper (single-threaded: it reuses its arrays).
 */
final class GeminiJsonText {

	/** The bytes are not what Jackson writes: the tree must read them. */
	static final int NOT_CANONICAL = -1;

	/** The bytes are exactly what Jackson writes. */
	static final int COMPACT = 0;

	/** The bytes are what Jackson writes once the whitespace between tokens is left out. */
	static final int SPACED = 1;

	private final int maxStringLength;

	private final int maxNameLength;

	private final int maxNumberLength;

	/** Whether the tree keeps {@code null} properties (it leaves them out when this is off). */
	private final boolean nullProperties;

	/** The property names of the objects open, as start and end offsets; {@link #opened} says where each object's begin. */
	private int[] names = new int[32];

	/** Per nesting level: where the object's names begin in {@link #names} (as a count of names), -1 for an array. */
	private int[] opened = new int[16];

	GeminiJsonText(JsonMapper mapper) {
		StreamReadConstraints limits = mapper.tokenStreamFactory().streamReadConstraints();
		this.maxStringLength = limits.getMaxStringLength();
		this.maxNameLength = limits.getMaxNameLength();
		this.maxNumberLength = limits.getMaxNumberLength();
		this.nullProperties = mapper.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
	}

	/**
	 * Checks one JSON value.
	 * @param b the bytes
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @return {@link #COMPACT}, {@link #SPACED} or {@link #NOT_CANONICAL}
	 */
	int check(byte[] b, int start, int end) {
		int depth = 0;
		int count = 0;
		boolean spaced = false;
		boolean expectName = false;
		// the last byte outside whitespace and strings (a string counts as '"', any other value as '0')
		byte last = 0;
		int i = start;
		while (i < end) {
			byte c = b[i];
			if (expectName && c != '"' && c != '}' && !isSpace(c)) {
				return NOT_CANONICAL;
			}
			switch (c) {
				case '{', '[' -> {
					if (depth == this.opened.length) {
						this.opened = Arrays.copyOf(this.opened, depth * 2);
					}
					this.opened[depth++] = (c == '{') ? count : -1;
					expectName = c == '{';
					last = c;
					i++;
				}
				case '}', ']' -> {
					if (last == ',' || depth == 0) {
						return NOT_CANONICAL;
					}
					int begin = this.opened[--depth];
					if (begin >= 0) {
						count = begin;
					}
					expectName = false;
					last = '0';
					i++;
				}
				case ',' -> {
					if (last == ',' || last == '[' || last == '{' || last == ':' || depth == 0) {
						return NOT_CANONICAL;
					}
					expectName = this.opened[depth - 1] >= 0;
					last = c;
					i++;
				}
				case ':' -> {
					last = c;
					i++;
				}
				case ' ', '\t', '\n', '\r' -> {
					spaced = true;
					i++;
				}
				case '"' -> {
					int close = string(b, i + 1, end);
					if (close < 0) {
						return NOT_CANONICAL;
					}
					if (expectName) {
						if (close - i - 1 > this.maxNameLength || !newName(b, i + 1, close, this.opened[depth - 1], count)) {
							return NOT_CANONICAL;
						}
						if (count * 2 + 2 > this.names.length) {
							this.names = Arrays.copyOf(this.names, this.names.length * 2);
						}
						this.names[count * 2] = i + 1;
						this.names[count * 2 + 1] = close;
						count++;
						expectName = false;
					}
					else if (close - i - 1 > this.maxStringLength) {
						return NOT_CANONICAL;
					}
					last = '"';
					i = close + 1;
				}
				case 't' -> {
					i = literal(b, i, end, "true");
					last = '0';
				}
				case 'f' -> {
					i = literal(b, i, end, "false");
					last = '0';
				}
				case 'n' -> {
					i = this.nullProperties ? literal(b, i, end, "null") : NOT_CANONICAL;
					last = '0';
				}
				default -> {
					i = integer(b, i, end);
					last = '0';
				}
			}
			if (i < 0) {
				return NOT_CANONICAL;
			}
		}
		return (depth == 0) ? (spaced ? SPACED : COMPACT) : NOT_CANONICAL;
	}

	/**
	 * The value's text as Jackson writes it.
	 * @param b the bytes
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @param form what {@link #check} answered: {@link #COMPACT} or {@link #SPACED}
	 * @return the text
	 */
	static String text(byte[] b, int start, int end, int form) {
		if (form == COMPACT) {
			return new String(b, start, end - start, StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
		copy(b, start, end, form, out);
		return out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Writes the value's text as Jackson writes it.
	 * @param b the bytes
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @param form what {@link #check} answered: {@link #COMPACT} or {@link #SPACED}
	 * @param out where to write it
	 */
	static void copy(byte[] b, int start, int end, int form, ByteArrayOutputStream out) {
		if (form == COMPACT) {
			out.write(b, start, end - start);
			return;
		}
		boolean inString = false;
		for (int i = start; i < end; i++) {
			byte c = b[i];
			if (inString) {
				if (c == '\\') {
					out.write(c);
					c = b[++i];
				}
				else if (c == '"') {
					inString = false;
				}
				out.write(c);
			}
			else if (!isSpace(c)) {
				inString = c == '"';
				out.write(c);
			}
		}
	}

	private static boolean isSpace(byte c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	/** Whether the name between {@code start} and {@code end} differs from the object's names so far. */
	private boolean newName(byte[] b, int start, int end, int from, int to) {
		int length = end - start;
		for (int n = from; n < to; n++) {
			int s = this.names[n * 2];
			if (this.names[n * 2 + 1] - s == length && Arrays.equals(b, s, s + length, b, start, end)) {
				return false;
			}
		}
		return true;
	}

	/** Where the string's closing quote is, or -1 when the string is not as Jackson writes it. */
	private static int string(byte[] b, int i, int end) {
		while (i < end) {
			int c = b[i] & 0xff;
			if (c == '"') {
				return i;
			}
			if (c == '\\') {
				if (i + 1 >= end) {
					return -1;
				}
				switch (b[i + 1]) {
					case '"', '\\', 'b', 't', 'n', 'f', 'r' -> i += 2;
					// \/ and \\u… (Jackson writes the character itself, or \\u00XX in capitals)
					default -> {
						return -1;
					}
				}
			}
			else if (c < 0x20) {
				return -1;
			}
			else if (c < 0x80) {
				i++;
			}
			else {
				i = utf8(b, i, end);
				if (i < 0) {
					return -1;
				}
			}
		}
		return -1;
	}

	/** Steps over one well-formed UTF-8 sequence of two to four bytes; -1 for a malformed one. */
	private static int utf8(byte[] b, int i, int end) {
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
			// no surrogates
			high = (c == 0xed) ? 0x9f : 0xbf;
		}
		else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			low = (c == 0xf0) ? 0x90 : 0x80;
			high = (c == 0xf4) ? 0x8f : 0xbf;
		}
		else {
			return -1;
		}
		if (i + more >= end) {
			return -1;
		}
		int second = b[i + 1] & 0xff;
		if (second < low || second > high) {
			return -1;
		}
		for (int k = 2; k <= more; k++) {
			int next = b[i + k] & 0xff;
			if (next < 0x80 || next > 0xbf) {
				return -1;
			}
		}
		return i + more + 1;
	}

	private static int literal(byte[] b, int i, int end, String word) {
		int length = word.length();
		if (i + length > end) {
			return -1;
		}
		for (int k = 0; k < length; k++) {
			if (b[i + k] != word.charAt(k)) {
				return -1;
			}
		}
		return i + length;
	}

	/** Steps over an integer Jackson writes back as it is; -1 for anything else. */
	private int integer(byte[] b, int i, int end) {
		int start = i;
		if (b[i] == '-') {
			i++;
		}
		int digits = i;
		while (i < end && b[i] >= '0' && b[i] <= '9') {
			i++;
		}
		int length = i - digits;
		if (length == 0 || length > this.maxNumberLength) {
			return -1;
		}
		if (b[digits] == '0' && (length > 1 || digits > start)) {
			// a leading zero (a lenient mapper reads 007 as 7) or -0 (written as 0)
			return -1;
		}
		if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
			// a fraction or an exponent: Jackson writes the double it read, not these digits
			return -1;
		}
		return i;
	}

}
