package io.github.llmclient.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How much a reasoning model should think before it answers: an effort level or a budget of
 * tokens. Each provider maps it to its own field (OpenAI {@code reasoning_effort}, the Responses
 * API {@code reasoning}, Anthropic {@code thinking}, Gemini {@code thinkingConfig}, Bedrock
 * {@code additionalModelRequestFields.thinking}); a request without it leaves the provider's
 * default.
 *
 * <pre class="code">
 * ChatRequest.builder().user("Prove it.").reasoning(Reasoning.effort(ReasoningEffort.HIGH)).build();
 * ChatRequest.builder().user("Prove it.").reasoning(Reasoning.budgetTokens(4096)).build();
 * </pre>
 *
 * @param effort the effort level, or null when a budget is given
 * @param budgetTokens the budget of reasoning tokens, or null when an effort is given
 */
public record Reasoning(@Nullable ReasoningEffort effort, @Nullable Integer budgetTokens) {

	public Reasoning {
		if ((effort == null) == (budgetTokens == null)) {
			throw new IllegalArgumentException("Reasoning needs either an effort or a budget of tokens, not both");
		}
		if (budgetTokens != null && budgetTokens < 1) {
			throw new IllegalArgumentException("The reasoning budget must be at least 1 token, was " + budgetTokens);
		}
	}

	/**
	 * Reasoning at an effort level.
	 * @param effort the level
	 * @return the setting
	 */
	public static Reasoning effort(ReasoningEffort effort) {
		return new Reasoning(Objects.requireNonNull(effort, "effort must not be null"), null);
	}

	/**
	 * Reasoning within a budget of tokens.
	 * @param budgetTokens at least 1
	 * @return the setting
	 * @throws IllegalArgumentException when the budget is below 1
	 */
	public static Reasoning budgetTokens(int budgetTokens) {
		return new Reasoning(null, budgetTokens);
	}

}
