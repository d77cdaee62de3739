package io.github.llmclient.metrics;

/**
 * Creates a {@link CallObserver} for each call of one client. The Micrometer implementation
 * records the meters and observations; {@link #NOOP} records nothing.
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

}
