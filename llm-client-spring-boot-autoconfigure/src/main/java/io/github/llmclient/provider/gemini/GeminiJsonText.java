package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text of a part or of a call's arguments, taken from the event's bytes instead of read
 * into a tree and written back: only when the bytes, whitespace aside, are exactly what Jackson
 * writes for the tree read from them ({@link GeminiJsonScanner}'s subset). One per stream mapper
 * (single-threaded).
 */
final class GeminiJsonText {

	/** The bytes are not what Jackson writes: the tree must read them. */
	static final int NOT_CANONICAL = -1;

	/** The bytes are exactly what Jackson writes. */
	static final int COMPACT = 0;

	/** The bytes are what Jackson writes once the whitespace between tokens is left out. */
	static final int SPACED = 1;

	private final GeminiJsonScanner scanner;

	GeminiJsonText(JsonMapper mapper) {
		this.scanner = new GeminiJsonScanner(mapper);
	}

	/**
	 * Checks one JSON value whose bounds (and structure, and limits) a Jackson parser checked.
	 * @param b the bytes
	 * @param start where the value starts
	 * @param end where it ends (exclusive)
	 * @return {@link #COMPACT}, {@link #SPACED} or {@link #NOT_CANONICAL}
	 */
	int check(byte[] b, int start, int end) {
		return this.scanner.check(b, start, end);
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

}
