package io.github.llmclient.chat;

import java.util.Objects;

/**
 * A call of a tool the model asked for.
 *
 * @param id the call's id, which the tool's result must name ({@link ChatMessage#tool})
 * @param name the tool's name
 * @param arguments the arguments as JSON text, exactly as the model produced it (a stream's
 * fragments joined)
 */
public record ToolCall(String id, String name, String arguments) {

	public ToolCall {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(arguments, "arguments must not be null");
	}

	/**
	 * The arguments read as the given type.
	 * @param <T> the type
	 * @param type a record or bean matching the tool's parameters
	 * @return the arguments
	 * @throws io.github.llmclient.error.LlmException when the arguments are not JSON of that type;
	 * when the call belongs to an answer that stopped at the token limit (finish reason
	 * {@code length}: the model was cut off while writing the arguments) the message says so and
	 * how to raise the limit, and its {@code errorType()} is
	 * {@link io.github.llmclient.error.LlmException#OUTPUT_TRUNCATED}
	 */
	public <T> T argumentsAs(Class<T> type) {
		return Json.read(this.arguments, type, "the arguments of tool '" + this.name + "'", TokenLimit.isCutOff(this));
	}

}
