package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider refused the call for its rate limit (HTTP 429, or an in-stream {@code rate_limit_error}) and it was not, or no longer, retried. {@link #retryAfter()} holds the wait the server asked for.
 */
public class LlmRateLimitException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmRateLimitException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmRateLimitException withDetails(ErrorDetails details) {
		return new LlmRateLimitException(getMessage(), details, getCause());
	}

}
