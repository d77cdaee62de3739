package io.github.llmclient.pricing;

import org.jspecify.annotations.Nullable;

/**
 * The prices of one model, per million tokens, in the currency of {@link Pricing#currency()}.
 *
 * @param input an input token not read from or written to the cache
 * @param cachedInput an input token read from the provider's cache, or null for the input price
 * @param cacheWrite an input token written to the provider's cache, or null for the input price
 * @param output an output token (reasoning tokens included, as providers bill them)
 */
public record ModelPrice(double input, @Nullable Double cachedInput, @Nullable Double cacheWrite, double output) {

	public ModelPrice {
		requireNonNegative("input", input);
		requireNonNegative("output", output);
		if (cachedInput != null) {
			requireNonNegative("cached-input", cachedInput);
		}
		if (cacheWrite != null) {
			requireNonNegative("cache-write", cacheWrite);
		}
	}

	private static void requireNonNegative(String name, double price) {
		if (!(price >= 0) || Double.isInfinite(price)) {
			throw new IllegalArgumentException("The " + name + " price must be a number of at least 0, was " + price);
		}
	}

	/** The price of a cached input token. */
	double cachedInputOrInput() {
		return (this.cachedInput != null) ? this.cachedInput : this.input;
	}

	/** The price of an input token written to the cache. */
	double cacheWriteOrInput() {
		return (this.cacheWrite != null) ? this.cacheWrite : this.input;
	}

}
