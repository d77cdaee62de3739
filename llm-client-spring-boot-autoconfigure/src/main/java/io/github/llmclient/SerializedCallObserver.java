package io.github.llmclient;

import java.time.Duration;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.metrics.CallObserver;
import reactor.util.context.Context;

/**
 * Hands one call's signals to its observer one at a time. Observers may keep plain fields because
 * a call's signals normally arrive one after another; the batch requests of one {@code embed}
 * call run concurrently, so their attempts, retries and queue waits are serialized here.
 */
final class SerializedCallObserver implements CallObserver {

	private final CallObserver delegate;

	private SerializedCallObserver(CallObserver delegate) {
		this.delegate = delegate;
	}

	/**
	 * An observer that serializes the given one's signals.
	 * @param observer the observer
	 * @return the serializing observer, or {@link CallObserver#NOOP} itself
	 */
	static CallObserver of(CallObserver observer) {
		return (observer == CallObserver.NOOP || observer instanceof SerializedCallObserver) ? observer
				: new SerializedCallObserver(observer);
	}

	@Override
	public synchronized Context addToContext(Context context) {
		return this.delegate.addToContext(context);
	}

	@Override
	public synchronized void onQueueWait(Duration wait) {
		this.delegate.onQueueWait(wait);
	}

	@Override
	public synchronized void onAttempt(int status, @org.jspecify.annotations.Nullable Throwable error) {
		this.delegate.onAttempt(status, error);
	}

	@Override
	public synchronized void onRetry(String reason, Duration delay) {
		this.delegate.onRetry(reason, delay);
	}

	@Override
	public synchronized void onRetryRefused(String reason) {
		this.delegate.onRetryRefused(reason);
	}

	@Override
	public synchronized void onFallback(String toClient) {
		this.delegate.onFallback(toClient);
	}

	@Override
	public synchronized void onChunk(ChatChunk chunk) {
		this.delegate.onChunk(chunk);
	}

	@Override
	public synchronized void onResponse(ChatResponse response) {
		this.delegate.onResponse(response);
	}

	@Override
	public synchronized void onEmbeddings(EmbeddingResponse response) {
		this.delegate.onEmbeddings(response);
	}

	@Override
	public synchronized void onSuccess() {
		this.delegate.onSuccess();
	}

	@Override
	public synchronized void onError(Throwable error) {
		this.delegate.onError(error);
	}

	@Override
	public synchronized void onCancel() {
		this.delegate.onCancel();
	}

}
