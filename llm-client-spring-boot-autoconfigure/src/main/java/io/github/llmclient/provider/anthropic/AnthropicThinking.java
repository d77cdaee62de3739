package io.github.llmclient.provider.anthropic;

import java.util.Locale;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ToolChoice;

/**
 * A {@link Reasoning} as Anthropic's {@code thinking: {type: "enabled", budget_tokens}}. An effort
 * maps to a budget ({@code LOW} 1,024, {@code MEDIUM} 4,096, {@code HIGH} 16,384 tokens); a budget
 * below the API's minimum of 1,024 is raised to it (the API would refuse it, and the same request
 * may go to a provider that takes small budgets). {@code max_tokens} counts the thinking too and
 * must exceed the budget: when it does not, the answer's {@code max_tokens} is added to the
 * budget, so the answer keeps the room it was given.
 */
final class AnthropicThinking {

	/** The smallest {@code budget_tokens} the API takes. */
	static final int MIN_BUDGET = 1024;

	static final int LOW_BUDGET = MIN_BUDGET;

	static final int MEDIUM_BUDGET = 4096;

	static final int HIGH_BUDGET = 16384;

	private AnthropicThinking() {
	}

	/** The budget of thinking tokens to send. */
	static int budget(Reasoning reasoning) {
		if (reasoning.effort() != null) {
			return switch (reasoning.effort()) {
				case LOW -> LOW_BUDGET;
				case MEDIUM -> MEDIUM_BUDGET;
				case HIGH -> HIGH_BUDGET;
			};
		}
		return Math.max(reasoning.budgetTokens(), MIN_BUDGET);
	}

	/** The {@code thinking} field's value. */
	static Map<String, Object> field(int budget) {
		return Map.of("type", "enabled", "budget_tokens", budget);
	}

	/** {@code max_tokens} with thinking: above the budget, the answer's own allowance kept. */
	static int maxTokens(int maxTokens, int budget) {
		return (maxTokens > budget) ? maxTokens : budget + maxTokens;
	}

	/**
	 * Refuses, before anything is sent, what the API refuses with thinking on: a forced tool
	 * choice, and a temperature other than 1.
	 * @throws IllegalArgumentException naming the conflict and what to do
	 */
	static void check(ChatRequest request) {
		ToolChoice choice = request.toolChoice();
		if (choice != null && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.FUNCTION)) {
			String mode = choice.mode().name().toLowerCase(Locale.ROOT);
			throw new IllegalArgumentException("Anthropic does not force a tool call (tool choice " + mode
					+ ") while thinking: use ToolChoice.auto() or none(), or drop reasoning(...) from the request");
		}
		Double temperature = request.temperature();
		if (temperature != null && temperature != 1.0) {
			throw new IllegalArgumentException("Anthropic takes no temperature other than 1 while thinking (was "
					+ temperature + "): drop temperature(...) or reasoning(...) from the request");
		}
	}

}
