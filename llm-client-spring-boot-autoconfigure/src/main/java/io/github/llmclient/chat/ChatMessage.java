package io.github.llmclient.chat;

import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role who wrote it
 * @param content its text
 */
public record ChatMessage(Role role, String content) {

	public ChatMessage {
		Objects.requireNonNull(role, "role must not be null");
		Objects.requireNonNull(content, "content must not be null");
	}

	/**
	 * A system message.
	 * @param content the instructions
	 * @return the message
	 */
	public static ChatMessage system(String content) {
		return new ChatMessage(Role.SYSTEM, content);
	}

	/**
	 * A user message.
	 * @param content the question
	 * @return the message
	 */
	public static ChatMessage user(String content) {
		return new ChatMessage(Role.USER, content);
	}

	/**
	 * An assistant message, for replaying earlier turns.
	 * @param content the earlier answer
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return new ChatMessage(Role.ASSISTANT, content);
	}

}
