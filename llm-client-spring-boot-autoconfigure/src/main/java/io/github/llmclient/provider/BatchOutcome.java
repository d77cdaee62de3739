package io.github.llmclient.provider;

import io.github.llmclient.chat.ChatResponse;
import org.jspecify.annotations.Nullable;

/**
 * One line of a batch job's results: the answer to one request, or what the provider said about
 * its failure.
 *
 * @param index the request's position in the submitted list
 * @param response the answer, or null on failure
 * @param status the HTTP status the request's call ended with (0 when it was never sent, as for
 * an expired or cancelled request)
 * @param error the provider's error, or null on success
 */
public record BatchOutcome(int index, @Nullable ChatResponse response, int status, @Nullable ProviderError error) {

	/**
	 * An answered request.
	 * @param index its position
	 * @param response its answer
	 * @return the outcome
	 */
	public static BatchOutcome answered(int index, ChatResponse response) {
		return new BatchOutcome(index, response, 200, null);
	}

	/**
	 * A request that has no answer.
	 * @param index its position
	 * @param status the HTTP status of its call, or 0 when it was never sent
	 * @param error what the provider said
	 * @return the outcome
	 */
	public static BatchOutcome failed(int index, int status, ProviderError error) {
		return new BatchOutcome(index, null, status, error);
	}

}
