package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * The response broke the provider's protocol: malformed JSON, or a stream that ended before its end marker.
 */
public class LlmProtocolException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmProtocolException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmProtocolException withDetails(ErrorDetails details) {
		return new LlmProtocolException(getMessage(), details, getCause());
	}

}
