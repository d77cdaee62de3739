package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the request itself (HTTP 400, 404, 422 and other 4xx that are not retried): an unknown model, a bad parameter, a prompt too long.
 */
public class LlmBadRequestException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmBadRequestException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmBadRequestException withDetails(ErrorDetails details) {
		return new LlmBadRequestException(getMessage(), details, getCause());
	}

}
