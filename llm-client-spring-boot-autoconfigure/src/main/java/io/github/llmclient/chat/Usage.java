package io.github.llmclient.chat;

/**
 * Token counts of one call, as the provider reported them.
 *
 * @param inputTokens tokens of the prompt
 * @param outputTokens tokens of the answer
 * @param totalTokens both together
 */
public record Usage(int inputTokens, int outputTokens, int totalTokens) {

	/**
	 * Usage whose total is the sum of input and output.
	 * @param inputTokens tokens of the prompt
	 * @param outputTokens tokens of the answer
	 * @return the usage
	 */
	public static Usage of(int inputTokens, int outputTokens) {
		return new Usage(inputTokens, outputTokens, inputTokens + outputTokens);
	}

}
