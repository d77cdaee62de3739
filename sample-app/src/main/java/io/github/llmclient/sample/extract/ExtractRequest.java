package io.github.llmclient.sample.extract;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/extract}.
 *
 * @param text the text that mentions a person, e.g. "Ada Lovelace (ada@analytical.example) works
 * at Analytical Engines"; must not be blank
 * @param model the model to ask, or null for {@code llm.model}
 * @param maxTokens the cap on the answer's tokens, or null for {@code llm.max-tokens}; a small one
 * shows what happens to an answer cut off at the token limit
 */
public record ExtractRequest(@Nullable String text, @Nullable String model, @Nullable Integer maxTokens) {

}
