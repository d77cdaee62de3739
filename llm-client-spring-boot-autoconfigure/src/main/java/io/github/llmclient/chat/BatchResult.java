package io.github.llmclient.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request of a batch: its response, or the error it ended with.
 *
 * @param index the request's position in the batch
 * @param request the request
 * @param response the response, or null on failure
 * @param error the failure, or null on success
 */
public record BatchResult(int index, ChatRequest request, @Nullable ChatResponse response, @Nullable Throwable error) {

	public BatchResult {
		Objects.requireNonNull(request, "request must not be null");
		if ((response == null) == (error == null)) {
			throw new IllegalArgumentException("A batch result has either a response or an error");
		}
	}

	/**
	 * A successful result.
	 * @param index the request's position
	 * @param request the request
	 * @param response its response
	 * @return the result
	 */
	public static BatchResult success(int index, ChatRequest request, ChatResponse response) {
		return new BatchResult(index, request, response, null);
	}

	/**
	 * A failed result.
	 * @param index the request's position
	 * @param request the request
	 * @param error its failure
	 * @return the result
	 */
	public static BatchResult failure(int index, ChatRequest request, Throwable error) {
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
