package io.github.llmclient.provider;

import org.jspecify.annotations.Nullable;

/** Normalises providers' finish reasons to OpenAI's words. */
public final class FinishReasons {

	private FinishReasons() {
	}

	/**
	 * Normalises a finish reason: Anthropic's {@code end_turn} and {@code stop_sequence} become
	 * {@code stop}, {@code max_tokens} becomes {@code length}, {@code tool_use} becomes
	 * {@code tool_calls}; anything else passes through unchanged.
	 * @param reason the provider's word, or null
	 * @return the normalised word, or null
	 */
	public static @Nullable String normalize(@Nullable String reason) {
		if (reason == null) {
			return null;
		}
		return switch (reason) {
			case "end_turn", "stop_sequence" -> "stop";
			case "max_tokens" -> "length";
			case "tool_use" -> "tool_calls";
			default -> reason;
		};
	}

}
