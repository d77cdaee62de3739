package io.github.llmclient.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.llmclient.retry.RetrySettings;

/** Shared helpers of the provider tests: fast retries and the recorded fixtures. */
public final class ProviderTestSupport {

	private ProviderTestSupport() {
	}

	/**
	 * Retry settings with millisecond backoffs, so retry tests stay fast.
	 * @param maxRetries retries after the first attempt
	 * @return the settings
	 */
	public static RetrySettings fastRetry(int maxRetries) {
		return new RetrySettings(maxRetries, Duration.ofMillis(5), 2.0, Duration.ofMillis(20), Duration.ZERO,
				RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

	/**
	 * A fixture from {@code src/test/resources/fixtures}, as text.
	 * @param name the file name
	 * @return its content
	 */
	public static String fixture(String name) {
		try (InputStream in = ProviderTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) {
				throw new IllegalStateException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The official Anthropic SDK's recorded Messages stream, with the blank line that dispatches
	 * its last event (the recorded file ends without one; see the fixtures' SOURCES.md).
	 * @return the stream's bytes as text
	 */
	public static String anthropicStream() {
		return fixture("anthropic-messages-stream-basic.sse") + "\n\n";
	}

}
