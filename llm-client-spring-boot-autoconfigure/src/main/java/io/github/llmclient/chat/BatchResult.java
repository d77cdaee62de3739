package io.github.llmclient.chat;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request of a batch: its response, or the error it ended with.
 *
 * @param index the request's position in the batch
 * @param request the request; null for a result read from a batch job
 * ({@code BatchJobs.results(id)}), whose requests stay on the provider's side
 * @param response the response, or null on failure
 * @param error the failure, or null on success
 */
public record BatchResult(int index, @Nullable ChatRequest request, @Nullable ChatResponse response,
		@Nullable Throwable error) {

	public BatchResult {
		if ((response == null) == (error == null)) {
			throw new IllegalArgumentException("A batch result has either a response or an error");
		}
	}

	/**
	 * A successful result.
	 * @param index the request's position
	 * @param request the request, or null when it is not known here (a batch job's result)
	 * @param response its response
	 * @return the result
	 */
	public static BatchResult success(int index, @Nullable ChatRequest request, ChatResponse response) {
		return new BatchResult(index, request, response, null);
	}

	/**
	 * A failed result.
	 * @param index the request's position
	 * @param request the request, or null when it is not known here (a batch job's result)
	 * @param error its failure
	 * @return the result
	 */
	public static BatchResult failure(int index, @Nullable ChatRequest request, Throwable error) {
		return new BatchResult(index, request, null, error);
	}

	/**
	 * Whether the request succeeded.
	 * @return true when there is a response
	 */
	public boolean isSuccess() {
		return this.response != null;
	}

}
