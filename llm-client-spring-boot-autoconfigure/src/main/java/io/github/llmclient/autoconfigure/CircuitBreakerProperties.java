package io.github.llmclient.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The client's circuit breaker ({@code llm.circuit-breaker.*}): off unless enabled. Only the
 * provider's failures count (5xx, 429, timeouts, transport), one outcome per call after its
 * retries.
 */
public class CircuitBreakerProperties {

	/** Whether calls pass a circuit breaker that fails them at once, unsent, while the endpoint keeps failing. Default: false. */
	private @Nullable Boolean enabled;

	/** Failure rate, in percent (more than 0, at most 100), at or above which the circuit opens. Default: 50. */
	private @Nullable Float failureRateThreshold;

	/** Calls the window must hold before the failure rate is judged. Default: 10. */
	private @Nullable Integer minimumCalls;

	/** Time-based sliding window the failure rate is computed over, whole seconds. Default: 60s. */
	private @Nullable Duration window;

	/** How long an open circuit fails calls at once before letting probe calls through. Default: 30s. */
	private @Nullable Duration openDuration;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(@Nullable Float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public @Nullable Integer getMinimumCalls() {
		return this.minimumCalls;
	}

	public void setMinimumCalls(@Nullable Integer minimumCalls) {
		this.minimumCalls = minimumCalls;
	}

	public @Nullable Duration getWindow() {
		return this.window;
	}

	public void setWindow(@Nullable Duration window) {
		this.window = window;
	}

	public @Nullable Duration getOpenDuration() {
		return this.openDuration;
	}

	public void setOpenDuration(@Nullable Duration openDuration) {
		this.openDuration = openDuration;
	}

}
