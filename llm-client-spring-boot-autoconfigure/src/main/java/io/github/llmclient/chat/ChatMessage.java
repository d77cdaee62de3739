package io.github.llmclient.chat;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation: text or content parts, an assistant's tool calls, or a tool's
 * result.
 *
 * <pre class="code">
 * ChatMessage.user("What is the time in Tokyo?");
 * ChatMessage.user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://…/cat.png"));
 * ChatMessage.assistant(answer);                     // replays an answer, tool calls included
 * ChatMessage.tool(call.id(), "{\"time\":\"09:30\"}"); // the result of one of its calls
 * </pre>
 * <p>
 * A message, like a {@link ChatResponse} and everything they hold, is written by a plain Jackson
 * {@code JsonMapper} and read back equal, replay data included: a conversation can be stored and
 * resumed later.
 *
 * @param role who wrote it
 * @param parts its content; a text message has one text part, an assistant turn that only calls
 * tools has none; images only in user messages
 * @param toolCalls an assistant message's tool calls (empty otherwise)
 * @param toolCallId the call a {@link Role#TOOL} message answers (null otherwise)
 * @param replay an assistant message's continuation data ({@link ChatResponse#replay()}), sent
 * back only to a client of the wire format that wrote it; null otherwise
 */
public record ChatMessage(Role role, List<ContentPart> parts, List<ToolCall> toolCalls, @Nullable String toolCallId,
		@Nullable ReplayData replay) {

	public ChatMessage {
		Objects.requireNonNull(role, "role must not be null");
		parts = List.copyOf(Objects.requireNonNull(parts, "parts must not be null"));
		toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls must not be null"));
		if (!toolCalls.isEmpty() && role != Role.ASSISTANT) {
			throw new IllegalArgumentException("Only an assistant message has tool calls, not a " + role.wireName()
					+ " message");
		}
		if ((role == Role.TOOL) != (toolCallId != null)) {
			throw new IllegalArgumentException("A tool message, and only a tool message, names the tool call it answers");
		}
		if (role != Role.USER) {
			for (ContentPart part : parts) {
				if (!(part instanceof ContentPart.Text)) {
					throw new IllegalArgumentException("Images go in user messages, not in a " + role.wireName()
							+ " message");
				}
			}
		}
		if (replay != null && role != Role.ASSISTANT) {
			throw new IllegalArgumentException("Only an assistant message carries replay data, not a " + role.wireName()
					+ " message");
		}
	}

	/**
	 * A message without replay data.
	 * @param role who wrote it
	 * @param parts its content
	 * @param toolCalls an assistant message's tool calls
	 * @param toolCallId the call a tool message answers, or null
	 */
	public ChatMessage(Role role, List<ContentPart> parts, List<ToolCall> toolCalls, @Nullable String toolCallId) {
		this(role, parts, toolCalls, toolCallId, null);
	}

	/**
	 * A text message.
	 * @param role who wrote it
	 * @param content its text
	 */
	public ChatMessage(Role role, String content) {
		this(role, List.of(ContentPart.text(Objects.requireNonNull(content, "content must not be null"))), List.of(),
				null);
	}

	/**
	 * The message's text: its text parts joined.
	 * @return the text, {@code ""} when it has none
	 */
	@JsonIgnore
	public String content() {
		List<ContentPart> parts = this.parts;
		if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
			return text.text();
		}
		StringBuilder joined = new StringBuilder();
		for (ContentPart part : parts) {
			if (part instanceof ContentPart.Text text) {
				joined.append(text.text());
			}
		}
		return joined.toString();
	}

	/**
	 * Whether every part is text.
	 * @return false when the message holds an image
	 */
	@JsonIgnore
	public boolean isTextOnly() {
		for (ContentPart part : this.parts) {
			if (!(part instanceof ContentPart.Text)) {
				return false;
			}
		}
		return true;
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
	 * A user message of several parts, such as text and images.
	 * @param parts the parts, at least one
	 * @return the message
	 */
	public static ChatMessage user(ContentPart... parts) {
		if (parts.length == 0) {
			throw new IllegalArgumentException("A user message needs at least one part");
		}
		return new ChatMessage(Role.USER, List.of(parts), List.of(), null);
	}

	/**
	 * An assistant message, for replaying earlier turns.
	 * @param content the earlier answer
	 * @return the message
	 */
	public static ChatMessage assistant(String content) {
		return new ChatMessage(Role.ASSISTANT, content);
	}

	/**
	 * An earlier answer replayed as an assistant message: its text, its tool calls and its replay
	 * data (signed thinking, encrypted reasoning), which a client of the same wire format sends
	 * back exactly as received.
	 * @param answer the answer
	 * @return the message
	 */
	public static ChatMessage assistant(ChatResponse answer) {
		Objects.requireNonNull(answer, "answer must not be null");
		List<ContentPart> parts = answer.content().isEmpty() ? List.of() : List.of(ContentPart.text(answer.content()));
		return new ChatMessage(Role.ASSISTANT, parts, answer.toolCalls(), null, answer.replay());
	}

	/**
	 * The result of a tool call, sent back to the model.
	 * @param toolCallId the {@link ToolCall#id()} it answers
	 * @param result the result, usually JSON text
	 * @return the message
	 */
	public static ChatMessage tool(String toolCallId, String result) {
		Objects.requireNonNull(toolCallId, "toolCallId must not be null");
		return new ChatMessage(Role.TOOL, List.of(ContentPart.text(Objects.requireNonNull(result, "result must not be null"))),
				List.of(), toolCallId);
	}

}
