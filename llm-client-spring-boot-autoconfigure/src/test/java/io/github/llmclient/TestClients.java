package io.github.llmclient;

import java.time.Duration;

import io.github.llmclient.retry.RetrySettings;

/** Configurations for tests: real pipeline, tiny backoffs so retried calls finish at once. */
public final class TestClients {

	/** A key that must never appear in any message, log line or toString. */
	public static final String SECRET_KEY = "sk-test-SECRET-0123456789abcdefXYZ";

	private TestClients() {
	}

	public static RetrySettings fastRetries(int maxRetries) {
		return new RetrySettings(maxRetries, Duration.ofMillis(1), 2.0, Duration.ofMillis(5), Duration.ZERO,
				RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofMinutes(2));
	}

	public static ClientConfig.Builder openAi(String baseUrl) {
		return ClientConfig.builder(Provider.OPENAI)
			.baseUrl(baseUrl)
			.apiKey(SECRET_KEY)
			.model("gpt-4o-mini")
			.retry(fastRetries(3));
	}

}
