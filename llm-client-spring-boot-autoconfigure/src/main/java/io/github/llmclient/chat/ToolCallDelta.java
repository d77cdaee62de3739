package io.github.llmclient.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A piece of a tool call in a stream: the chunk where a call starts carries its id and name, the
 * following ones fragments of its arguments. {@link ChatChunks#aggregate} joins them.
 *
 * @param index which tool call of the answer, counted from 0 in the order they start (on every
 * provider)
 * @param id the call's id, on the delta that starts it (null after)
 * @param name the tool's name, on the delta that starts it (null after)
 * @param argumentsDelta the next fragment of the arguments' JSON text (never null, may be empty)
 */
public record ToolCallDelta(int index, @Nullable String id, @Nullable String name, String argumentsDelta) {

	public ToolCallDelta {
		Objects.requireNonNull(argumentsDelta, "argumentsDelta must not be null");
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative, was " + index);
		}
	}

}
