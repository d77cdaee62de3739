package io.github.llmclient.pricing;

/**
 * What one call cost, in the currency of {@link Pricing#currency()}.
 *
 * @param input the cost of the prompt: uncached, cached and cache-write tokens at their prices
 * @param output the cost of the answer
 */
public record Cost(double input, double output) {

	/** Nothing. */
	public static final Cost ZERO = new Cost(0, 0);

	/**
	 * The whole cost.
	 * @return input plus output
	 */
	public double total() {
		return this.input + this.output;
	}

}
