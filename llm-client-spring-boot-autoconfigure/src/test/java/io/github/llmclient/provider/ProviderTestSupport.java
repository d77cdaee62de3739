package io.github.llmclient.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Shared helpers of the provider tests: the recorded fixtures. */
public final class ProviderTestSupport {

	private ProviderTestSupport() {
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
