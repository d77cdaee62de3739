/**
 * Spring AI's {@code ChatModel} and {@code EmbeddingModel} over {@link io.github.llmclient.LlmTemplate}:
 * {@code ChatClient}, advisors and vector stores on top, the starter's retries, permits, budgets,
 * groups, breakers and meters underneath.
 */
@NullMarked
package io.github.llmclient.springai;

import org.jspecify.annotations.NullMarked;
