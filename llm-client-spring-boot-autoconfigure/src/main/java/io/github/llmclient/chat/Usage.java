package io.github.llmclient.chat;

/**
 * Token counts of one call, as the provider reported them.
 *
 * @param inputTokens tokens of the prompt, cached ones included (OpenAI {@code prompt_tokens};
 * Anthropic {@code input_tokens} plus cache reads and writes)
 * @param outputTokens tokens of the answer, reasoning included
 * @param totalTokens both together
 * @param cachedInputTokens prompt tokens read from the provider's cache (0 when not reported)
 * @param reasoningTokens output tokens spent on reasoning (0 when not reported)
 * @param cacheWriteInputTokens prompt tokens written to the provider's cache (Anthropic
 * {@code cache_creation_input_tokens}, Bedrock {@code cacheWriteInputTokens}; 0 when not reported)
 */
public record Usage(int inputTokens, int outputTokens, int totalTokens, int cachedInputTokens, int reasoningTokens,
		int cacheWriteInputTokens) {

	/**
	 * Usage without cache writes.
	 * @param inputTokens tokens of the prompt, cached ones included
	 * @param outputTokens tokens of the answer, reasoning included
	 * @param totalTokens both together
	 * @param cachedInputTokens prompt tokens read from the provider's cache
	 * @param reasoningTokens output tokens spent on reasoning
	 */
	public Usage(int inputTokens, int outputTokens, int totalTokens, int cachedInputTokens, int reasoningTokens) {
		this(inputTokens, outputTokens, totalTokens, cachedInputTokens, reasoningTokens, 0);
	}

	/**
	 * Usage without cache or reasoning details.
	 * @param inputTokens tokens of the prompt
	 * @param outputTokens tokens of the answer
	 * @param totalTokens both together
	 */
	public Usage(int inputTokens, int outputTokens, int totalTokens) {
		this(inputTokens, outputTokens, totalTokens, 0, 0, 0);
	}

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
