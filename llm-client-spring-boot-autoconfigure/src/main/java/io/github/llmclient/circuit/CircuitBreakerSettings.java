package io.github.llmclient.circuit;

import java.time.Duration;
import java.util.Objects;

/**
 * The circuit breaker of one client ({@code llm.circuit-breaker.*}). Only the provider's failures
 * count (5xx, 429, timeouts, transport); a 4xx the request caused and a cancellation count as
 * neither success nor failure.
 *
 * @param enabled whether the client has a circuit breaker
 * @param failureRateThreshold the failure rate, in percent, at or above which the circuit opens
 * @param minimumCalls the calls the window must hold before the failure rate is judged
 * @param window the time-based sliding window the failure rate is computed over, whole seconds
 * @param openDuration how long the circuit stays open before probe calls go through
 */
public record CircuitBreakerSettings(boolean enabled, float failureRateThreshold, int minimumCalls, Duration window,
		Duration openDuration) {

	/** The default {@code llm.circuit-breaker.failure-rate-threshold}. */
	public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;

	/** The default {@code llm.circuit-breaker.minimum-calls}. */
	public static final int DEFAULT_MINIMUM_CALLS = 10;

	/** The default {@code llm.circuit-breaker.window}. */
	public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

	/** The default {@code llm.circuit-breaker.open-duration}. */
	public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(30);

	private static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(false,
			DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_MINIMUM_CALLS, DEFAULT_WINDOW, DEFAULT_OPEN_DURATION);

	public CircuitBreakerSettings {
		Objects.requireNonNull(window, "window must not be null");
		Objects.requireNonNull(openDuration, "openDuration must not be null");
		if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
			throw new IllegalArgumentException(
					"failureRateThreshold must be more than 0 and at most 100, was " + failureRateThreshold);
		}
		if (minimumCalls < 1) {
			throw new IllegalArgumentException("minimumCalls must be at least 1, was " + minimumCalls);
		}
		if (window.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("window must be at least 1s, was " + window);
		}
		if (openDuration.isNegative() || openDuration.isZero()) {
			throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
		}
	}

	/**
	 * No circuit breaker; the documented defaults for when one is enabled.
	 * @return the defaults
	 */
	public static CircuitBreakerSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * These settings with the breaker on.
	 * @return an enabled copy
	 */
	public CircuitBreakerSettings enable() {
		return new CircuitBreakerSettings(true, this.failureRateThreshold, this.minimumCalls, this.window,
				this.openDuration);
	}

}
