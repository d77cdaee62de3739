package io.github.llmclient.metrics;

import java.util.function.IntSupplier;

/**
 * Creates a {@link CallObserver} for each call. One instance may serve several clients (named
 * clients share the application's bean): each {@link CallInfo} names its client. The Micrometer
 * implementation is {@link MicrometerLlmMetrics}; {@link #NOOP} records nothing.
 */
@FunctionalInterface
public interface LlmMetrics {

	/** Records nothing. */
	LlmMetrics NOOP = (info) -> CallObserver.NOOP;

	/**
	 * Starts observing a call.
	 * @param info what is known about it
	 * @return the observer for this call
	 */
	CallObserver startCall(CallInfo info);

	/**
	 * Makes a client's concurrency limit observable. A template calls this once, when it is
	 * built; a later call for an equal client replaces the suppliers. Does nothing by default.
	 * @param client the client
	 * @param activeRequests requests holding a permit now
	 * @param queuedRequests requests waiting for a permit now
	 */
	default void registerClient(ClientInfo client, IntSupplier activeRequests, IntSupplier queuedRequests) {
	}

}
