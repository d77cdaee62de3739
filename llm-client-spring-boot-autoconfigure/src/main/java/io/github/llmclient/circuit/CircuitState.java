package io.github.llmclient.circuit;

/**
 * The state of a client's circuit breaker ({@code llm.circuit-breaker.*}), as the Actuator
 * endpoint {@code llm} shows it.
 */
public enum CircuitState {

	/** Calls go through; failures are counted. */
	CLOSED("closed"),

	/** Calls fail at once, unsent, with {@code LlmCircuitOpenException}. */
	OPEN("open"),

	/** A few probe calls go through to decide whether to close again. */
	HALF_OPEN("half-open"),

	/** The client has no circuit breaker. */
	DISABLED("disabled");

	private final String value;

	CircuitState(String value) {
		this.value = value;
	}

	/**
	 * The state as written in the Actuator output.
	 * @return {@code closed}, {@code open}, {@code half-open} or {@code disabled}
	 */
	public String value() {
		return this.value;
	}

}
