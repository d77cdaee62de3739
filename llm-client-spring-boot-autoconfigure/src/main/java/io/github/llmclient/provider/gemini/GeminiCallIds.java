package io.github.llmclient.provider.gemini;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Ids of function calls. Gemini usually sends a call without an id, so the client makes one up:
 * random (unique in any conversation), with a prefix that tells it apart from a call's own id, so
 * that a made-up id is never sent back to the API (the call and its result are matched by name).
 */
final class GeminiCallIds {

	/** The prefix of a made-up id. */
	static final String PREFIX = "gemini-call-";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final HexFormat HEX = HexFormat.of();

	private GeminiCallIds() {
	}

	/** A new made-up id: {@link #PREFIX} and 18 random hex digits. */
	static String madeUp() {
		byte[] bytes = new byte[9];
		RANDOM.nextBytes(bytes);
		return PREFIX + HEX.formatHex(bytes);
	}

	/** Whether an id was made up by the client rather than sent by the API. */
	static boolean isMadeUp(String id) {
		return id.startsWith(PREFIX);
	}

	/**
	 * The made-up ids of one answer, as cheap as a counter: a stream of parallel calls makes one
	 * per chunk. Each id is {@link #PREFIX} and 18 hex digits like {@link #madeUp()}'s: 40 random
	 * bits drawn once per answer (when its first id is needed), then 32 bits that start random and
	 * count up. Ids of one answer never repeat (below 2^32 calls), and those of two answers only if
	 * their 40 random bits are equal and their counts overlap, which no conversation comes near.
	 * The ids are names for matching a result to its call, not secrets. Single-threaded.
	 */
	static final class Sequence {

		private static final char[] DIGITS = "0123456789abcdef".toCharArray();

		/** {@link #PREFIX} and the 10 random hex digits of the answer; null until the first id. */
		private char @Nullable [] chars;

		private int next;

		/** The next id. */
		String next() {
			if (this.chars == null) {
				byte[] bytes = new byte[9];
				RANDOM.nextBytes(bytes);
				String first = PREFIX + HEX.formatHex(bytes);
				this.chars = first.toCharArray();
				this.next = (bytes[5] & 0xff) << 24 | (bytes[6] & 0xff) << 16 | (bytes[7] & 0xff) << 8 | (bytes[8] & 0xff);
			}
			char[] id = this.chars;
			int value = this.next++;
			int at = id.length;
			for (int shift = 0; shift < 32; shift += 4) {
				id[--at] = DIGITS[(value >>> shift) & 0xf];
			}
			return new String(id);
		}

	}

}
