package io.github.llmclient.autoconfigure;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Looks a value of one client up in its own properties, then the top level ({@code llm.*}), then
 * the default; a value out of range fails naming the property under the client's prefix.
 */
final class ClientPropertyResolver {

	private final String prefix;

	private final ClientProperties own;

	private final @Nullable ClientProperties parent;

	ClientPropertyResolver(String prefix, ClientProperties own, @Nullable ClientProperties parent) {
		this.prefix = prefix;
		this.own = own;
		this.parent = parent;
	}

	<T> T value(Function<ClientProperties, @Nullable T> getter, T defaultValue) {
		T value = getter.apply(this.own);
		if (value == null && this.parent != null) {
			value = getter.apply(this.parent);
		}
		return (value != null) ? value : defaultValue;
	}

	/** A duration as it would be written in application.yml: 30s, 150ms. */
	private static String example(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	Duration positive(String name, Function<ClientProperties, @Nullable Duration> getter, Duration defaultValue) {
		Duration value = value(getter, defaultValue);
		if (value.isNegative() || value.isZero()) {
			throw new LlmConfigurationException(this.prefix + name, "must be positive, was " + value,
					"Set " + this.prefix + name + " to a positive duration, e.g. " + example(defaultValue));
		}
		return value;
	}

	Duration nonNegative(String name, Function<ClientProperties, @Nullable Duration> getter,
			Duration defaultValue) {
		Duration value = value(getter, defaultValue);
		if (value.isNegative()) {
			throw new LlmConfigurationException(this.prefix + name, "must not be negative, was " + value,
					"Set " + this.prefix + name + " to 0 or a positive duration, e.g. " + defaultValue.toMillis()
							+ "ms");
		}
		return value;
	}

	int count(String name, Function<ClientProperties, @Nullable Integer> getter, int defaultValue, int min) {
		int value = value(getter, defaultValue);
		if (value < min) {
			throw invalidCount(this.prefix + name, value, min);
		}
		return value;
	}

	/** The prefix of the client's properties: {@code llm.} or {@code llm.clients.<name>.}. */
	String prefix() {
		return this.prefix;
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	static LlmConfigurationException invalidCount(String property, int value, int min) {
		return new LlmConfigurationException(property, "must be at least " + min + ", was " + value,
				"Set " + property + " to " + min + " or more");
	}

}
