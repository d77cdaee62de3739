package io.github.llmclient.retry;

import io.github.llmclient.error.LlmException;

import org.springframework.core.retry.RetryPolicy;

/** Builds the default Spring {@link RetryPolicy} from {@link RetrySettings}. */
public final class RetryPolicies {

	private RetryPolicies() {
	}

	/**
	 * The policy of {@code llm.max-retries} and {@code llm.retry.*}: retries an
	 * {@link LlmException} that {@linkplain LlmException#isRetryable() is retryable} (configured
	 * statuses, transport failures, timeouts, {@code x-should-retry: true}), with exponential
	 * backoff and jitter capped at {@code max-backoff}.
	 * @param settings the settings
	 * @return the policy
	 */
	public static RetryPolicy fromSettings(RetrySettings settings) {
		return RetryPolicy.builder()
			.maxRetries(settings.maxRetries())
			.delay(settings.initialBackoff())
			.multiplier(settings.multiplier())
			.maxDelay(settings.maxBackoff())
			.jitter(settings.jitter())
			.predicate(RetryPolicies::isRetryable)
			.build();
	}

	/**
	 * Whether a failure may succeed when tried again.
	 * @param failure the failure
	 * @return true for a retryable {@link LlmException}
	 */
	public static boolean isRetryable(Throwable failure) {
		return failure instanceof LlmException llm && llm.isRetryable();
	}

}
