package io.github.llmclient.sample.springai;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/spring-ai/ask}.
 *
 * @param prompt the question, e.g. "What time is it in Tokyo?"; must not be blank
 */
public record SpringAiQuestion(@Nullable String prompt) {

}
