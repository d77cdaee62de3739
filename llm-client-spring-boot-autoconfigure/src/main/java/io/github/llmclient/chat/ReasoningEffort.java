package io.github.llmclient.chat;

/** How hard a reasoning model should think: mapped per provider (see {@link Reasoning}). */
public enum ReasoningEffort {

	/** Little reasoning: faster and cheaper. */
	LOW,

	/** The usual amount. */
	MEDIUM,

	/** As much as the model will spend. */
	HIGH

}
