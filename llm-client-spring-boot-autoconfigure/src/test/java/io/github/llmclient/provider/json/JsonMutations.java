package io.github.llmclient.provider.json;

import java.util.Random;

/**
 * Corrupted JSON for the differential tests of the hand-written readers: each reader must give
 * the same answer (or the same failure) as Jackson on what this makes of a valid event.
 */
public final class JsonMutations {

	private JsonMutations() {
	}

	/**
	 * One random change: a byte replaced, inserted or removed, or the text cut short.
	 * @param bytes the valid text
	 * @param random the source of the changes
	 * @param specials the bytes most likely to matter (quotes, brackets, backslashes…)
	 * @return the changed copy
	 */
	public static byte[] mutate(byte[] bytes, Random random, byte[] specials) {
		if (bytes.length == 0) {
			return new byte[] { specials[random.nextInt(specials.length)] };
		}
		int at = random.nextInt(bytes.length);
		byte value = (random.nextInt(4) == 0) ? (byte) random.nextInt(256) : specials[random.nextInt(specials.length)];
		return switch (random.nextInt(4)) {
			case 0 -> {
				byte[] copy = bytes.clone();
				copy[at] = value;
				yield copy;
			}
			case 1 -> {
				byte[] copy = new byte[bytes.length + 1];
				System.arraycopy(bytes, 0, copy, 0, at);
				copy[at] = value;
				System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
				yield copy;
			}
			case 2 -> {
				byte[] copy = new byte[bytes.length - 1];
				System.arraycopy(bytes, 0, copy, 0, at);
				System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
				yield copy;
			}
			default -> java.util.Arrays.copyOf(bytes, at);
		};
	}

}
