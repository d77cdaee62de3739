package io.github.llmclient.provider;

/**
 * Thrown by an adapter whose provider answered with a success status but reported a failure in
 * the body (a Responses API response with {@code status: failed}): the pipeline turns it into the
 * {@link io.github.llmclient.error.LlmException} its error type calls for, retried like an
 * in-stream error of the same type.
 */
public final class ProviderErrorException extends RuntimeException {

	private final ProviderError error;

	/**
	 * Creates the exception.
	 * @param error what the provider said
	 */
	public ProviderErrorException(ProviderError error) {
		super(error.message(), null, false, false);
		this.error = error;
	}

	/**
	 * What the provider said.
	 * @return the error
	 */
	public ProviderError error() {
		return this.error;
	}

}
