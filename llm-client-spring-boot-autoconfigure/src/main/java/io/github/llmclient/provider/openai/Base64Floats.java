package io.github.llmclient.provider.openai;

/**
 * Decodes base64 text holding little-endian float32 values (what OpenAI's
 * {@code encoding_format: "base64"} sends: the bytes of a NumPy {@code float32} array) straight
 * into a {@code float[]}, without an intermediate byte array or boxing. Strict: the text must be
 * padded to a multiple of 4 characters of the standard alphabet, and must decode to a multiple of
 * 4 bytes.
 */
final class Base64Floats {

	private static final int[] VALUES = new int[128];

	/**
	 * The values of each character of a quad already shifted to its place, or -1 (all bits set)
	 * for characters outside the alphabet: a quad is the OR of four lookups, negative when any is
	 * invalid.
	 */
	private static final int[] SHIFTED_18 = new int[128];

	private static final int[] SHIFTED_12 = new int[128];

	private static final int[] SHIFTED_6 = new int[128];

	static {
		java.util.Arrays.fill(VALUES, -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		for (int i = 0; i < alphabet.length(); i++) {
			VALUES[alphabet.charAt(i)] = i;
		}
		for (int c = 0; c < 128; c++) {
			int value = VALUES[c];
			SHIFTED_18[c] = (value < 0) ? -1 : value << 18;
			SHIFTED_12[c] = (value < 0) ? -1 : value << 12;
			SHIFTED_6[c] = (value < 0) ? -1 : value << 6;
		}
	}

	private Base64Floats() {
	}

	/**
	 * Decodes the floats.
	 * @param chars holds the text
	 * @param offset where the text starts
	 * @param length how many characters it has
	 * @return the values
	 * @throws IllegalArgumentException when the text is not base64 of float32 values
	 */
	static float[] decode(char[] chars, int offset, int length) {
		if (length % 4 != 0) {
			throw new IllegalArgumentException(
					"its base64 text has " + length + " characters, not a multiple of 4");
		}
		int end = offset + length;
		int padding = (length == 0 || chars[end - 1] != '=') ? 0 : (chars[end - 2] == '=') ? 2 : 1;
		int bytes = length / 4 * 3 - padding;
		if (bytes % Float.BYTES != 0) {
			throw new IllegalArgumentException("its base64 text decodes to " + bytes
					+ " bytes, not a multiple of 4 (the size of a float32)");
		}
		float[] floats = new float[bytes / Float.BYTES];
		// The text without its last quad when padded; 16 characters are 12 bytes, 3 whole floats.
		int body = end - ((padding > 0) ? 4 : 0);
		int i = offset;
		int f = 0;
		while (i + 16 <= body) {
			int q0 = quad(chars, i);
			int q1 = quad(chars, i + 4);
			int q2 = quad(chars, i + 8);
			int q3 = quad(chars, i + 12);
			// bytes b0..b11 in order; q0 holds b0 b1 b2, q1 b3 b4 b5, q2 b6 b7 b8, q3 b9 b10 b11
			floats[f++] = Float.intBitsToFloat(
					(q0 >>> 16) | ((q0 >>> 8 & 0xFF) << 8) | ((q0 & 0xFF) << 16) | ((q1 >>> 16) << 24));
			floats[f++] = Float.intBitsToFloat(
					(q1 >>> 8 & 0xFF) | ((q1 & 0xFF) << 8) | ((q2 >>> 16) << 16) | ((q2 >>> 8 & 0xFF) << 24));
			floats[f++] = Float.intBitsToFloat(
					(q2 & 0xFF) | ((q3 >>> 16) << 8) | ((q3 >>> 8 & 0xFF) << 16) | ((q3 & 0xFF) << 24));
			i += 16;
		}
		// The rest, fewer than 16 characters plus a padded quad, one byte at a time.
		int bits = 0;
		int shift = 0;
		int left = bytes - f * Float.BYTES;
		for (; i < end && left > 0; i += 4) {
			int quad = (i + 4 <= body) ? quad(chars, i) : paddedQuad(chars, i, padding);
			for (int b = 16; b >= 0 && left > 0; b -= 8, left--) {
				bits |= (quad >>> b & 0xFF) << shift;
				shift += 8;
				if (shift == 32) {
					floats[f++] = Float.intBitsToFloat(bits);
					bits = 0;
					shift = 0;
				}
			}
		}
		return floats;
	}

	private static int quad(char[] chars, int i) {
		char a = chars[i];
		char b = chars[i + 1];
		char c = chars[i + 2];
		char d = chars[i + 3];
		// masking the index (once all four are known to be ASCII) spares the table's bounds checks
		int quad = ((a | b | c | d) < 128)
				? SHIFTED_18[a & 0x7F] | SHIFTED_12[b & 0x7F] | SHIFTED_6[c & 0x7F] | VALUES[d & 0x7F] : -1;
		if (quad < 0) {
			throw invalid(chars, i);
		}
		return quad;
	}

	/** The last quad, with one or two {@code =}: its missing characters count as zero bits. */
	private static int paddedQuad(char[] chars, int i, int padding) {
		int a = value(chars[i]);
		int b = value(chars[i + 1]);
		int c = (padding == 2) ? 0 : value(chars[i + 2]);
		if ((a | b | c) < 0) {
			throw invalid(chars, i);
		}
		return (a << 18) | (b << 12) | (c << 6);
	}

	private static int value(char c) {
		return (c < 128) ? VALUES[c] : -1;
	}

	private static IllegalArgumentException invalid(char[] chars, int quadStart) {
		for (int i = quadStart; i < quadStart + 4; i++) {
			if (value(chars[i]) < 0) {
				return new IllegalArgumentException("its base64 text has the character '" + chars[i]
						+ "', which is not of the base64 alphabet");
			}
		}
		return new IllegalArgumentException("its base64 text is malformed");
	}

}
