package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * No HTTP response arrived: the connection failed, was reset, or was closed before any response byte.
 */
public class LlmTransportException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmTransportException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmTransportException withDetails(ErrorDetails details) {
		return new LlmTransportException(getMessage(), details, getCause());
	}

}
