package io.github.llmclient.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks of a context that failed at startup on bad {@code llm.*} configuration. */
final class ConfigurationFailures {

	private ConfigurationFailures() {
	}

	/**
	 * The failure analysis of a context that must have failed on an {@link LlmConfigurationException}.
	 * @param context the context
	 * @return its failure analysis
	 */
	static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new LlmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis").isNotNull();
		return analysis;
	}

	/**
	 * Checks that the context failed naming the property, and that the action names it and the fix.
	 * @param context the context
	 * @param property the property at fault
	 * @param fix what the action must say besides
	 */
	static void assertFailsNaming(AssertableApplicationContext context, String property, String fix) {
		FailureAnalysis analysis = analysis(context);
		assertThat(analysis.getDescription()).contains(property);
		assertThat(analysis.getAction()).contains(property).contains(fix);
	}

}
