package io.github.llmclient.provider;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a provider said about a failure, in its error body or in-stream error event.
 *
 * @param message the provider's message, or null when it gave none
 * @param type its {@code error.type}, or its {@code error.code} when there is no type, or null
 * @param status the HTTP status the error names inside its body (Google's {@code error.code}),
 * or 0 when it names none; an in-stream error with a status is treated as that HTTP error
 * @param retryAfter the wait the body asks for (Google's {@code RetryInfo.retryDelay}), or null;
 * a {@code Retry-After} header takes precedence
 * @param retryable the body's own verdict (false for a quota that does not heal today), or null to
 * decide from the status and {@code llm.retry.status-codes}
 */
public record ProviderError(@Nullable String message, @Nullable String type, int status,
		@Nullable Duration retryAfter, @Nullable Boolean retryable) {

	/** No information. */
	public static final ProviderError NONE = new ProviderError(null, null);

	/**
	 * What a provider said, without a status, wait or verdict of its own.
	 * @param message the message, or null
	 * @param type the type, or null
	 */
	public ProviderError(@Nullable String message, @Nullable String type) {
		this(message, type, 0, null, null);
	}

}
