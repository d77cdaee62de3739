package io.github.llmclient.chat;

/** The author of a {@link ChatMessage}. */
public enum Role {

	/** Instructions that steer the assistant. */
	SYSTEM,

	/** The person (or program) asking. */
	USER,

	/** The model's earlier answers. */
	ASSISTANT,

	/** The result of a tool the model called, sent back to it. */
	TOOL;

	/**
	 * The lower-case name the providers' wire formats use.
	 * @return {@code system}, {@code user}, {@code assistant} or {@code tool}
	 */
	public String wireName() {
		return switch (this) {
			case SYSTEM -> "system";
			case USER -> "user";
			case ASSISTANT -> "assistant";
			case TOOL -> "tool";
		};
	}

}
