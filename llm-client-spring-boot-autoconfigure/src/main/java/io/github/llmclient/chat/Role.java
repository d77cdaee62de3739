package io.github.llmclient.chat;

/** The author of a {@link ChatMessage}. */
public enum Role {

	/** Instructions that steer the assistant. */
	SYSTEM,

	/** The person (or program) asking. */
	USER,

	/** The model's earlier answers. */
	ASSISTANT;

	/**
	 * The lower-case name the providers' wire formats use.
	 * @return {@code system}, {@code user} or {@code assistant}
	 */
	public String wireName() {
		return switch (this) {
			case SYSTEM -> "system";
			case USER -> "user";
			case ASSISTANT -> "assistant";
		};
	}

}
