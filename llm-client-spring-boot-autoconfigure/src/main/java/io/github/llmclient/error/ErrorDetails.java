package io.github.llmclient.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a failure besides its message: which provider, which HTTP status, the
 * ids that let a support team find the call, and what the server asked for.
 *
 * @param provider the provider's property value ({@code openai}, {@code anthropic},
 * {@code azure-openai})
 * @param statusCode the HTTP status, or 0 when no response was received
 * @param requestId the provider's request id ({@code x-request-id} / {@code request-id}), or null
 * @param clientRequestId the {@code X-Client-Request-Id} this client sent for the logical call, or
 * null
 * @param errorType the provider's {@code error.type} (or {@code error.code}), or null
 * @param retryAfter the wait the server asked for, or null
 * @param retryable whether the failure may succeed when tried again (configured statuses,
 * transport failures, timeouts, {@code x-should-retry})
 */
public record ErrorDetails(String provider, int statusCode, @Nullable String requestId, @Nullable String clientRequestId,
		@Nullable String errorType, @Nullable Duration retryAfter, boolean retryable) implements java.io.Serializable {

	/**
	 * A builder for details of the given provider.
	 * @param provider the provider's property value
	 * @return a new builder
	 */
	public static Builder builder(String provider) {
		return new Builder(provider);
	}

	/**
	 * A builder pre-filled with these details.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder(this.provider);
		builder.statusCode = this.statusCode;
		builder.requestId = this.requestId;
		builder.clientRequestId = this.clientRequestId;
		builder.errorType = this.errorType;
		builder.retryAfter = this.retryAfter;
		builder.retryable = this.retryable;
		return builder;
	}

	/** Builds {@link ErrorDetails}. */
	public static final class Builder {

		private final String provider;

		private int statusCode;

		private @Nullable String requestId;

		private @Nullable String clientRequestId;

		private @Nullable String errorType;

		private @Nullable Duration retryAfter;

		private boolean retryable;

		private Builder(String provider) {
			this.provider = provider;
		}

		/**
		 * Sets the HTTP status.
		 * @param statusCode the status, 0 when none
		 * @return this builder
		 */
		public Builder statusCode(int statusCode) {
			this.statusCode = statusCode;
			return this;
		}

		/**
		 * Sets the provider's request id.
		 * @param requestId the id, or null
		 * @return this builder
		 */
		public Builder requestId(@Nullable String requestId) {
			this.requestId = requestId;
			return this;
		}

		/**
		 * Sets the client request id.
		 * @param clientRequestId the id, or null
		 * @return this builder
		 */
		public Builder clientRequestId(@Nullable String clientRequestId) {
			this.clientRequestId = clientRequestId;
			return this;
		}

		/**
		 * Sets the provider's error type.
		 * @param errorType the type, or null
		 * @return this builder
		 */
		public Builder errorType(@Nullable String errorType) {
			this.errorType = errorType;
			return this;
		}

		/**
		 * Sets the wait the server asked for.
		 * @param retryAfter the wait, or null
		 * @return this builder
		 */
		public Builder retryAfter(@Nullable Duration retryAfter) {
			this.retryAfter = retryAfter;
			return this;
		}

		/**
		 * Sets whether the failure may succeed when tried again.
		 * @param retryable the verdict
		 * @return this builder
		 */
		public Builder retryable(boolean retryable) {
			this.retryable = retryable;
			return this;
		}

		/**
		 * Builds the details.
		 * @return the details
		 */
		public ErrorDetails build() {
			return new ErrorDetails(this.provider, this.statusCode, this.requestId, this.clientRequestId,
					this.errorType, this.retryAfter, this.retryable);
		}

	}

}
