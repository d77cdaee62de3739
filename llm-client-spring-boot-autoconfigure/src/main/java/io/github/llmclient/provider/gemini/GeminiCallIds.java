package io.github.llmclient.provider.gemini;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids of function calls. Gemini usually sends a call without an id, so the client makes one up:
 * random (unique in any conversation), with a prefix that tells it apart from a call's own id, so
 * that a made-up id is never sent back to the API (the call and its result are matched by name).
 */
final class GeminiCallIds {

	/** The prefix of a made-up id. */
	static final String PREFIX = "gemini-call-";

	private static final SecureRandom RANDOM = new SecureRandom();

	private GeminiCallIds() {
	}

	/** A new made-up id. */
	static String madeUp() {
		byte[] bytes = new byte[9];
		RANDOM.nextBytes(bytes);
		return PREFIX + HexFormat.of().formatHex(bytes);
	}

	/** Whether an id was made up by the client rather than sent by the API. */
	static boolean isMadeUp(String id) {
		return id.startsWith(PREFIX);
	}

}
