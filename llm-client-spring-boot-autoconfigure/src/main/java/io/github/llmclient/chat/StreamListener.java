package io.github.llmclient.chat;

/**
 * Callbacks for code that is not reactive, used with
 * {@code LlmTemplate.stream(ChatRequest, StreamListener)}. Exactly one of {@link #onComplete} and
 * {@link #onError} is called, and neither after the stream was disposed. Callbacks run on the
 * HTTP client's event-loop thread: hand long work to another thread rather than blocking.
 *
 * <pre class="code">
 * Disposable stream = template.stream(request, new StreamListener() {
 *     public void onChunk(ChatChunk chunk) { view.append(chunk.content()); }
 *     public void onComplete(ChatResponse response) { view.done(response.usage()); }
 *     public void onError(Throwable error) { log.warn("Stream failed", error); }
 * });
 * </pre>
 */
public interface StreamListener {

	/**
	 * A chunk arrived. If this method throws, the stream is cancelled and the exception is passed
	 * to {@link #onError}.
	 * @param chunk the chunk
	 */
	default void onChunk(ChatChunk chunk) {
	}

	/**
	 * The stream completed.
	 * @param response the whole answer, aggregated from the chunks
	 */
	default void onComplete(ChatResponse response) {
	}

	/**
	 * The stream failed, or {@link #onChunk} threw.
	 * @param error the failure
	 */
	default void onError(Throwable error) {
	}

}
