package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the credentials (HTTP 401) or the permission (HTTP 403). Check {@code llm.api-key}.
 */
public class LlmAuthenticationException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmAuthenticationException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmAuthenticationException withDetails(ErrorDetails details) {
		return new LlmAuthenticationException(getMessage(), details, getCause());
	}

}
