package io.github.llmclient.metrics;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a call when it starts; every value except the client request id is
 * low-cardinality.
 *
 * @param client the client making the call
 * @param operation {@code chat}, {@code embeddings} or {@code models}
 * @param requestModel the model asked for, or null (models listing)
 * @param stream whether it is a stream
 * @param clientRequestId the {@code X-Client-Request-Id} (for logs and traces, never a tag)
 */
public record CallInfo(ClientInfo client, String operation, @Nullable String requestModel, boolean stream,
		String clientRequestId) {

	public CallInfo {
		Objects.requireNonNull(client, "client must not be null");
		Objects.requireNonNull(operation, "operation must not be null");
		Objects.requireNonNull(clientRequestId, "clientRequestId must not be null");
	}

}
