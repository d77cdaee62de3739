package io.github.llmclient.error;

import org.jspecify.annotations.Nullable;

/**
 * The client's circuit breaker ({@code llm.circuit-breaker.*}) is open, or half-open with all its
 * probe calls in flight: the call failed at once and nothing was sent. {@link #statusCode()} is
 * 0; a client's {@code llm.fallback} and a client group take it like a provider failure.
 */
public class LlmCircuitOpenException extends LlmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed, naming the client
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmCircuitOpenException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
	}

	@Override
	public LlmCircuitOpenException withDetails(ErrorDetails details) {
		return new LlmCircuitOpenException(getMessage(), details, getCause());
	}

}
