package io.github.llmclient.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a bad {@code llm.*} property at startup, naming it and the fix, without a stack trace. */
class LlmConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<LlmConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LlmConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
