package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider failed (HTTP 5xx, or an in-stream error such as {@code overloaded_error}).
 */
public class LlmServerException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmServerException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmServerException withDetails(ErrorDetails details) {
		return new LlmServerException(getMessage(), details, getCause());
	}

}
