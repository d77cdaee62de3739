package io.github.llmclient.autoconfigure;

/**
 * A {@code llm.*} property is missing or wrong. Thrown at startup; its failure analysis names the
 * property and the fix. Never carries the API key.
 */
public class LlmConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the full property name, e.g. {@code llm.api-key}
	 * @param problem what is wrong
	 * @param action how to fix it
	 */
	public LlmConfigurationException(String property, String problem, String action) {
		super("Invalid LLM client configuration: " + property + ": " + problem);
		this.property = property;
		this.action = action;
	}

	/**
	 * The property at fault.
	 * @return its full name
	 */
	public String property() {
		return this.property;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
