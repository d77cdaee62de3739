package io.github.llmclient.provider.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Embedding vectors written as JSON arrays of numbers, read into {@code float[]}: with Jackson's
 * streaming parser ({@link #read}, the general reading of every embeddings reader), or from the
 * bytes in one pass ({@link Cursor#floatArray}, the fast path of a body in the usual shape).
 *
 * <p>
 * Why by hand: an embeddings body is almost only numbers (1,536 of about 12 bytes per vector), and
 * Jackson spends most of its time per number tokenising it into a character buffer and converting
 * it. The decimal is converted here with the exact fast path of Clinger's algorithm: a significand
 * below 2<sup>53</sup> and a power of ten up to 10<sup>22</sup> are both exact doubles, so one IEEE
 * multiplication or division gives the correctly rounded double; the cast to float then gives the
 * correctly rounded float unless the double lies on a float rounding boundary (a midpoint between
 * two floats, where rounding twice could go the wrong way): every such boundary is a double, so a
 * double that rounds to the same float as both its neighbours is not one, and lies on the same side
 * of every boundary as the decimal itself. Anything else (more than 18 significant digits, a larger
 * exponent, a double next to a boundary) is converted by {@link Float#parseFloat}, which is always
 * correctly rounded: the result is bit for bit the float Jackson gives.
 */
public final class JsonFloats {

	/** The longest number read; longer ones go to Jackson (whose default limit is 1,000). */
	static final int MAX_NUMBER_LENGTH = 100;

	/** Eight bytes of an array as one long, the first in its lowest byte. */
	private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	/** 10^0 … 10^22, all exact doubles. */
	private static final double[] POWERS = new double[23];

	static {
		double power = 1;
		for (int i = 0; i < POWERS.length; i++) {
			POWERS[i] = power;
			power *= 10;
		}
	}

	private JsonFloats() {
	}

	/**
	 * Reads the numbers of an array whose {@code START_ARRAY} is the current token, to its end.
	 * @param parser the parser
	 * @param hint the expected length (the previous vector's), or 0
	 * @param where the array's place, for the message when an element is not a number
	 * @return the values
	 * @throws IllegalStateException when an element is not a number
	 */
	public static float[] read(JsonParser parser, int hint, String where) {
		float[] values = new float[(hint > 0) ? hint : 256];
		int count = 0;
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
				throw new IllegalStateException(where + " holds " + token + " where a number belongs");
			}
			if (count == values.length) {
				values = Arrays.copyOf(values, count * 2);
			}
			values[count++] = parser.getFloatValue();
		}
		return (count == values.length) ? values : Arrays.copyOf(values, count);
	}

	private static float slow(byte[] bytes, int start, int end) {
		return Float.parseFloat(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
	}

	/**
	 * A position in a body, for fast paths that read a strict subset of JSON and give up (answer
	 * false or null, after which the caller reads the body with Jackson) on anything else, malformed
	 * input included. The body is a {@code byte[]}, or a buffer read through a window: a few
	 * kilobytes at a time copied into one small array, refilled before a token that might not fit
	 * what is left of it (the copy costs far less than the parse; reading the buffer byte by byte,
	 * through its components, would cost more).
	 */
	public static final class Cursor {

		/** The window's size when the body is a buffer. */
		static final int WINDOW = 16 * 1024;

		/** The bytes a token may need ahead of it: the longest number read, its end and more. */
		private static final int LOOKAHEAD = MAX_NUMBER_LENGTH + 28;

		private final byte[] bytes;

		/** The rest of the body, or null when the whole body is in {@link #bytes}. */
		private final @Nullable DataBuffer source;

		private int end;

		private int pos;

		/**
		 * Reads the given bytes from their start.
		 * @param bytes the body
		 */
		public Cursor(byte[] bytes) {
			this.bytes = bytes;
			this.end = bytes.length;
			this.source = null;
		}

		/**
		 * Reads the given buffer from its read position, moving that on as it reads (set it back to
		 * read the body again).
		 * @param body the body
		 */
		public Cursor(DataBuffer body) {
			this.bytes = new byte[Math.max(2 * LOOKAHEAD, Math.min(WINDOW, body.readableByteCount()))];
			this.source = body;
			fill();
		}

		/** Makes at least {@code count} bytes visible ahead, unless the body ends first. */
		private void ensure(int count) {
			if (this.end - this.pos < count && this.source != null) {
				fill();
			}
		}

		/** Moves what is left of the window to its start and fills the rest from the buffer. */
		private void fill() {
			DataBuffer source = this.source;
			int left = this.end - this.pos;
			int more = (source != null) ? Math.min(this.bytes.length - left, source.readableByteCount()) : 0;
			if (more == 0) {
				return;
			}
			System.arraycopy(this.bytes, this.pos, this.bytes, 0, left);
			source.read(this.bytes, left, more);
			this.pos = 0;
			this.end = left + more;
		}

		/**
		 * Steps past whitespace and then the given bytes.
		 * @param expected the bytes expected next (punctuation, or a property name in quotes)
		 * @return false when they are not next
		 */
		public boolean skip(byte[] expected) {
			skipWhitespace();
			ensure(expected.length);
			int at = this.pos;
			int length = expected.length;
			if (this.end - at < length || !Arrays.equals(this.bytes, at, at + length, expected, 0, length)) {
				return false;
			}
			this.pos = at + length;
			return true;
		}

		/**
		 * Steps past whitespace and the given character.
		 * @param expected the character
		 * @return false when it is not next
		 */
		public boolean skip(char expected) {
			skipWhitespace();
			if (this.pos < this.end && this.bytes[this.pos] == expected) {
				this.pos++;
				return true;
			}
			return false;
		}

		/**
		 * Whether only whitespace is left.
		 * @return true at the end of the body
		 */
		public boolean atEnd() {
			skipWhitespace();
			return this.pos == this.end;
		}

		/**
		 * Reads an array of numbers from its {@code '['} (after whitespace) to its {@code ']'}.
		 * @param hint the expected length (the previous vector's), or 0
		 * @return the values, or null (give up) when it is not a non-empty array of JSON numbers
		 */
		public float @Nullable [] floatArray(int hint) {
			if (!skip('[')) {
				return null;
			}
			float[] values = new float[(hint > 0) ? hint : 256];
			int count = 0;
			while (true) {
				skipWhitespace();
				float value = number();
				if (value != value) {
					return null;
				}
				if (count == values.length) {
					values = Arrays.copyOf(values, count * 2);
				}
				values[count++] = value;
				// the usual separator, straight after the number
				int at = this.pos;
				if (at < this.end && this.bytes[at] == ',') {
					this.pos = at + 1;
					continue;
				}
				if (skip(',')) {
					continue;
				}
				if (skip(']')) {
					return (count == values.length) ? values : Arrays.copyOf(values, count);
				}
				return null;
			}
		}

		/**
		 * Reads the JSON number ahead and converts it, in one pass.
		 * @return its float, correctly rounded, or NaN (which no JSON number is) when no number
		 * in JSON's grammar is ahead or it is longer than {@link #MAX_NUMBER_LENGTH}
		 */
		private float number() {
			ensure(LOOKAHEAD);
			byte[] bytes = this.bytes;
			int end = this.end;
			int start = this.pos;
			int i = start;
			boolean negative = i < end && bytes[i] == '-';
			if (negative) {
				i++;
			}
			if (i >= end) {
				return Float.NaN;
			}
			// the significant digits (the integer part has no leading zero in JSON), at most 18 kept exactly
			long significand = 0;
			int digits = 0;
			int scale = 0;
			int digit = bytes[i] - '0';
			if (digit == 0) {
				i++;
			}
			else if (digit > 0 && digit <= 9) {
				do {
					significand = significand * 10 + digit;
					digits++;
					i++;
				}
				while (i < end && (digit = bytes[i] - '0') >= 0 && digit <= 9);
			}
			else {
				return Float.NaN;
			}
			if (i < end && bytes[i] == '.') {
				int fraction = ++i;
				// eight digits at a time while they keep the significand exact (leading zeros counted
				// as digits here: an overestimate, so at worst a number goes to the slow path)
				while (digits <= 10 && end - i >= 8) {
					long eight = (long) LITTLE_ENDIAN_LONGS.get(bytes, i);
					if (!eightDigits(eight)) {
						break;
					}
					significand = significand * 100_000_000 + eightDigitsValue(eight);
					digits += 8;
					i += 8;
				}
				while (i < end && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
					if (digits > 0 || digit != 0) {
						significand = significand * 10 + digit;
						digits++;
					}
					i++;
				}
				if (i == fraction) {
					return Float.NaN;
				}
				scale = fraction - i;
			}
			if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
				i++;
				boolean negativeExponent = i < end && bytes[i] == '-';
				if (i < end && (bytes[i] == '-' || bytes[i] == '+')) {
					i++;
				}
				int exponentStart = i;
				int exponent = 0;
				while (i < end && (digit = bytes[i] - '0') >= 0 && digit <= 9) {
					// past any float's range already: no need to grow further
					exponent = (exponent < 100_000) ? exponent * 10 + digit : exponent;
					i++;
				}
				if (i == exponentStart) {
					return Float.NaN;
				}
				scale += negativeExponent ? -exponent : exponent;
			}
			if (i - start > MAX_NUMBER_LENGTH) {
				return Float.NaN;
			}
			this.pos = i;
			if (digits > 18) {
				return slow(bytes, start, i);
			}
			if (significand == 0) {
				return negative ? -0.0f : 0.0f;
			}
			if (scale < -22 || scale > 22 || significand >= (1L << 53)) {
				return slow(bytes, start, i);
			}
			double value = (scale >= 0) ? significand * POWERS[scale] : significand / POWERS[-scale];
			// here 1e-22 <= value < 2^53 * 1e22 < 2^127: a normal float's range, where the double lies on
			// a float rounding boundary exactly when the 29 bits a float drops are 1 and 28 zeros
			if ((Double.doubleToRawLongBits(value) & 0x1FFF_FFFFL) == 0x1000_0000L) {
				return slow(bytes, start, i);
			}
			float rounded = (float) value;
			return negative ? -rounded : rounded;
		}

		/**
		 * Whether the eight bytes of a little-endian long are all ASCII digits (each byte's high
		 * nibble is 3, and adding 6 to it does not carry into the high nibble).
		 */
		private static boolean eightDigits(long bytes) {
			return ((bytes & 0xF0F0_F0F0_F0F0_F0F0L)
					| (((bytes + 0x0606_0606_0606_0606L) & 0xF0F0_F0F0_F0F0_F0F0L) >>> 4)) == 0x3333_3333_3333_3333L;
		}

		/**
		 * The value of eight ASCII digits read as a little-endian long (the first digit in the
		 * lowest byte): pairs, then fours, then the eight combined by multiplication, as in
		 * Lemire's fast_float.
		 */
		private static int eightDigitsValue(long bytes) {
			long value = bytes - 0x3030_3030_3030_3030L;
			value = (value * 10) + (value >>> 8);
			value = (((value & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32)))
					+ (((value >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))) >>> 32;
			return (int) value;
		}

		/** Steps past whitespace, refilling the window as it runs out. */
		private void skipWhitespace() {
			byte[] bytes = this.bytes;
			int i = this.pos;
			while (true) {
				while (i < this.end && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
					i++;
				}
				this.pos = i;
				if (i < this.end || this.source == null || this.source.readableByteCount() == 0) {
					return;
				}
				fill();
				i = this.pos;
			}
		}

	}

}
