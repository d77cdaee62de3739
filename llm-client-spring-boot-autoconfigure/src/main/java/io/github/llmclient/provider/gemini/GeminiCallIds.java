package io.github.llmclient.provider.gemini;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of function calls. Gemini usually sends a call without an id, so the client makes one up:
 * random (unique in any conversation), with a prefix that tells it apart from a call's own id, so
 * that a made-up id is never sent back to the API (the call and its result are matched by name).
 * The 72 random bits come from {@link ThreadLocalRandom}: an id needs to be unique, not secret (it
 * never leaves the client), and a {@code SecureRandom} draw, synchronized and reading the kernel's
 * pool, cost a large share of a streamed call's CPU (S6 in BENCHMARKS.md).
 */
final class GeminiCallIds {

	/** The prefix of a made-up id. */
	static final String PREFIX = "gemini-call-";

	private static final HexFormat HEX = HexFormat.of();

	private GeminiCallIds() {
	}

	/** A new made-up id. */
	static String madeUp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return PREFIX + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits((byte) random.nextInt());
	}

	/** Whether an id was made up by the client rather than sent by the API. */
	static boolean isMadeUp(String id) {
		return id.startsWith(PREFIX);
	}

}
