package io.github.llmclient.sample.chat;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/chat}.
 *
 * @param prompt the question; must not be blank
 * @param model the model to ask, or null for {@code llm.model}
 */
public record ChatPrompt(@Nullable String prompt, @Nullable String model) {

}
