package io.github.llmclient.provider.openai;

import java.util.Locale;

import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;

/**
 * A {@link Reasoning} as the effort level of OpenAI's {@code reasoning_effort} ({@code low},
 * {@code medium}, {@code high}), which takes no budget: a budget of tokens maps to the nearest
 * level, on a log scale around the budgets Anthropic's mapping gives the levels (1,024, 4,096 and
 * 16,384): below 2,048 tokens {@code low}, below 8,192 {@code medium}, else {@code high}.
 */
public final class ReasoningEfforts {

	/** Budgets below this are {@code low}. */
	static final int MEDIUM_FROM = 2048;

	/** Budgets below this (and from {@link #MEDIUM_FROM}) are {@code medium}; larger ones {@code high}. */
	static final int HIGH_FROM = 8192;

	private ReasoningEfforts() {
	}

	/**
	 * The effort level to send.
	 * @param reasoning an effort, or a budget mapped to the nearest effort
	 * @return {@code low}, {@code medium} or {@code high}
	 */
	public static String wireName(Reasoning reasoning) {
		return level(reasoning).name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The effort level of a setting.
	 * @param reasoning an effort, or a budget mapped to the nearest effort
	 * @return the effort
	 */
	public static ReasoningEffort level(Reasoning reasoning) {
		if (reasoning.effort() != null) {
			return reasoning.effort();
		}
		int budget = reasoning.budgetTokens();
		if (budget < MEDIUM_FROM) {
			return ReasoningEffort.LOW;
		}
		return (budget < HIGH_FROM) ? ReasoningEffort.MEDIUM : ReasoningEffort.HIGH;
	}

}
