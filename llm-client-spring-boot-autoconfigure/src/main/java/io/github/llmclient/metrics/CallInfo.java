package io.github.llmclient.metrics;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a call when it starts; every value is low-cardinality.
 *
 * @param operation {@code chat} or {@code models}
 * @param requestModel the model asked for, or null (models listing)
 * @param stream whether it is a stream
 * @param clientRequestId the {@code X-Client-Request-Id} (for logs and traces, never a tag)
 */
public record CallInfo(String operation, @Nullable String requestModel, boolean stream, String clientRequestId) {
}
