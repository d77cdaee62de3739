package io.github.llmclient.metrics;

import java.time.Duration;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.embedding.EmbeddingResponse;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Receives what happens during one logical call. The pipeline calls these methods from Reactor
 * signals; implementations must be cheap and must not throw. Every method does nothing by default.
 */
public interface CallObserver {

	/** An observer that records nothing. */
	CallObserver NOOP = new CallObserver() {
	};

	/**
	 * Adds what the call's own pipeline should see in its Reactor context, such as the call's
	 * observation (so that the HTTP client's observation becomes its child). Called once, when
	 * the call is subscribed, with the subscriber's context.
	 * @param context the subscriber's context
	 * @return the context for the call's pipeline
	 */
	default Context addToContext(Context context) {
		return context;
	}

	/**
	 * The call waited for a permit of the concurrency limit.
	 * @param wait how long
	 */
	default void onQueueWait(Duration wait) {
	}

	/**
	 * One HTTP attempt ended.
	 * @param status the HTTP status, or 0 when no response arrived
	 * @param error the attempt's failure, a {@link java.util.concurrent.CancellationException} when its
	 * caller cancelled it, or null when it succeeded
	 */
	default void onAttempt(int status, @Nullable Throwable error) {
	}

	/**
	 * A retry was scheduled.
	 * @param reason the status code, exception name or in-stream error type
	 * @param delay the wait before the next attempt
	 */
	default void onRetry(String reason, Duration delay) {
	}

	/**
	 * A retry the policy allowed was refused, and the failure delivered at once.
	 * @param reason why: {@code quota_exhausted} (the client's retry quota was empty)
	 */
	default void onRetryRefused(String reason) {
	}

	/**
	 * The call failed on this client and is handed to its fallback client.
	 * @param toClient the fallback client's name
	 */
	default void onFallback(String toClient) {
	}

	/**
	 * A stream chunk reached the subscriber.
	 * @param chunk the chunk
	 */
	default void onChunk(ChatChunk chunk) {
	}

	/**
	 * A non-streaming response arrived.
	 * @param response the response
	 */
	default void onResponse(ChatResponse response) {
	}

	/**
	 * One result of a batch job was read; it is billed at the batch discount.
	 * @param result the request's answer
	 */
	default void onBatchResult(ChatResponse result) {
	}

	/**
	 * The embeddings of an {@code embed} call arrived, every batch request's joined into one.
	 * @param response the joined response (its usage the sum of the batches')
	 */
	default void onEmbeddings(EmbeddingResponse response) {
	}

	/** The call completed successfully. */
	default void onSuccess() {
	}

	/**
	 * The call failed.
	 * @param error the failure delivered to the subscriber
	 */
	default void onError(Throwable error) {
	}

	/** The subscriber cancelled the call. */
	default void onCancel() {
	}

}
