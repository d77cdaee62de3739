package io.github.llmclient.metrics;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

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

	/**
	 * What a client's calls have cost so far at {@code llm.pricing.*} (batch-job results at
	 * their discount).
	 * @param client the client's name
	 * @return the cost in {@link #currency()}, or null when no cost is metered (no prices)
	 */
	default @Nullable Double costSoFar(String client) {
		return null;
	}

	/**
	 * The currency of {@link #costSoFar(String)}.
	 * @return e.g. {@code USD}, or null when no cost is metered
	 */
	default @Nullable String currency() {
		return null;
	}

	/**
	 * Makes a client's retry quota observable. A template calls this once, when it is built and
	 * its quota is enabled; a later call for an equal client replaces the supplier. Does nothing
	 * by default.
	 * @param client the client
	 * @param tokensLeft the tokens left in the quota now
	 */
	default void registerRetryQuota(ClientInfo client, IntSupplier tokensLeft) {
	}

	/**
	 * The counter of a client's failed operations on its shared rate-limit store. Counts nothing
	 * by default.
	 * @param client the client's name
	 * @return what counts one failure
	 */
	default Runnable storeErrorCounter(String client) {
		return () -> {
		};
	}

	/**
	 * Makes a client's rate limit observable: the remaining counts its provider announced, and
	 * the waits of its calls. Does nothing by default.
	 * @param client the client
	 * @param remainingRequests the latest remaining request count, -1 when unknown
	 * @param remainingTokens the latest remaining token count, -1 when unknown
	 * @return what records each wait for budget or for an announced pause
	 */
	default Consumer<Duration> registerRateLimit(ClientInfo client, LongSupplier remainingRequests,
			LongSupplier remainingTokens) {
		return (wait) -> {
		};
	}

}
