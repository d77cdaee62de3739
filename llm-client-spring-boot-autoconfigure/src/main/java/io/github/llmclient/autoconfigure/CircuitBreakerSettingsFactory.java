package io.github.llmclient.autoconfigure;

import java.time.Duration;

import io.github.llmclient.circuit.CircuitBreakerSettings;

/**
 * Turns {@code llm.circuit-breaker.*} (or a named client's own, inheriting the top level) into
 * validated {@link CircuitBreakerSettings}.
 */
final class CircuitBreakerSettingsFactory {

	private CircuitBreakerSettingsFactory() {
	}

	static CircuitBreakerSettings create(ClientPropertyResolver r) {
		String prefix = r.prefix() + "circuit-breaker.";
		float threshold = r.value((p) -> p.getCircuitBreaker().getFailureRateThreshold(),
				CircuitBreakerSettings.DEFAULT_FAILURE_RATE_THRESHOLD);
		if (!(threshold > 0 && threshold <= 100)) {
			throw new LlmConfigurationException(prefix + "failure-rate-threshold",
					"must be more than 0 and at most 100 (percent), was " + threshold,
					"Set " + prefix + "failure-rate-threshold to a percentage such as 50");
		}
		int minimumCalls = r.count("circuit-breaker.minimum-calls", (p) -> p.getCircuitBreaker().getMinimumCalls(),
				CircuitBreakerSettings.DEFAULT_MINIMUM_CALLS, 1);
		Duration window = r.positive("circuit-breaker.window", (p) -> p.getCircuitBreaker().getWindow(),
				CircuitBreakerSettings.DEFAULT_WINDOW);
		if (window.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new LlmConfigurationException(prefix + "window", "must be at least 1s (the window counts whole seconds), was " + window,
					"Set " + prefix + "window to 1s or more, e.g. 60s");
		}
		Duration openDuration = r.positive("circuit-breaker.open-duration",
				(p) -> p.getCircuitBreaker().getOpenDuration(), CircuitBreakerSettings.DEFAULT_OPEN_DURATION);
		boolean enabled = r.value((p) -> p.getCircuitBreaker().getEnabled(), false);
		return new CircuitBreakerSettings(enabled, threshold, minimumCalls, window, openDuration);
	}

}
