package io.github.llmclient.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A call to an LLM API failed. The message says what failed in words a user can act on,
 * including the provider's own error message; it never contains the API key.
 *
 * <p>
 * Subclasses say why: {@link LlmRateLimitException}, {@link LlmTimeoutException},
 * {@link LlmAuthenticationException}, {@link LlmBadRequestException},
 * {@link LlmServerException}, {@link LlmTransportException} and {@link LlmProtocolException}.
 * A plain {@code LlmException} is used for failures of the client itself, such as a full
 * request queue.
 */
public class LlmException extends RuntimeException {

	/**
	 * The {@link #errorType()} of an answer that stopped at the token limit (finish reason
	 * {@code length}) before it was complete, so it could not be read as the type asked for
	 * ({@code chat(request, type)}, {@code ChatResponse.contentAs}, {@code ToolCall.argumentsAs}).
	 */
	public static final String OUTPUT_TRUNCATED = "output_truncated";

	private static final long serialVersionUID = 1L;

	private final ErrorDetails details;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param details the known facts
	 * @param cause the underlying failure, or null
	 */
	public LlmException(String message, ErrorDetails details, @Nullable Throwable cause) {
		super(message, cause);
		this.details = Objects.requireNonNull(details, "details must not be null");
	}

	/**
	 * All known facts about the failure.
	 * @return the details
	 */
	public ErrorDetails details() {
		return this.details;
	}

	/**
	 * The provider's property value ({@code openai}, {@code anthropic}, {@code azure-openai}).
	 * @return the provider
	 */
	public String provider() {
		return this.details.provider();
	}

	/**
	 * The HTTP status of the failed response.
	 * @return the status, or 0 when no HTTP response was received
	 */
	public int statusCode() {
		return this.details.statusCode();
	}

	/**
	 * The provider's request id, from the {@code x-request-id} or {@code request-id} header.
	 * @return the id, or null if absent
	 */
	public @Nullable String requestId() {
		return this.details.requestId();
	}

	/**
	 * The {@code X-Client-Request-Id} this client sent on every attempt of the logical call.
	 * @return the id, or null when the failure happened before any request
	 */
	public @Nullable String clientRequestId() {
		return this.details.clientRequestId();
	}

	/**
	 * The provider's {@code error.type}, or its {@code error.code} when there is no type.
	 * @return the type, or null if absent
	 */
	public @Nullable String errorType() {
		return this.details.errorType();
	}

	/**
	 * The wait the server asked for ({@code retry-after-ms} or {@code Retry-After}), on any status.
	 * @return the wait, or empty
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.details.retryAfter());
	}

	/**
	 * Whether trying again may succeed: a configured retryable status, a transport failure, a
	 * timeout, or the server's {@code x-should-retry: true}.
	 * @return the verdict
	 */
	public boolean isRetryable() {
		return this.details.retryable();
	}

	/**
	 * A copy of this exception with other details (the same type, message and cause).
	 * @param details the new details
	 * @return the copy
	 */
	public LlmException withDetails(ErrorDetails details) {
		return new LlmException(getMessage(), details, getCause());
	}

}
