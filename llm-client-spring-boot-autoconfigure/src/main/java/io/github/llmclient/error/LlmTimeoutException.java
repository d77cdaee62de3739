package io.github.llmclient.error;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An attempt timed out and retries were exhausted or not allowed. {@link #phase()} says which
 * timeout fired.
 */
public class LlmTimeoutException extends LlmException {

	private static final long serialVersionUID = 1L;

	private final Phase phase;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param phase which timeout fired
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmTimeoutException(String message, Phase phase, ErrorDetails details, @Nullable Throwable cause) {
		super(message, details, cause);
		this.phase = Objects.requireNonNull(phase, "phase must not be null");
	}

	/**
	 * Which timeout fired.
	 * @return the phase
	 */
	public Phase phase() {
		return this.phase;
	}

	@Override
	public LlmTimeoutException withDetails(ErrorDetails details) {
		return new LlmTimeoutException(getMessage(), this.phase, details, getCause());
	}

	/** The timeouts of a call. */
	public enum Phase {

		/** {@code llm.connect-timeout}: TCP and TLS connect. */
		CONNECT,

		/** {@code llm.timeout}: a whole non-streaming response. */
		RESPONSE,

		/** {@code llm.first-chunk-timeout}: a stream's first event. */
		FIRST_CHUNK,

		/** {@code llm.stream-idle-timeout}: silence between two stream events. */
		STREAM_IDLE

	}

}
