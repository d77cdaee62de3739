package io.github.llmclient.sample.image;

import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /api/describe-image}.
 *
 * @param url the image: an {@code https:} URL the provider fetches, or a {@code data:} URL
 * @param prompt the question about it, or null for {@value ImageController#DEFAULT_PROMPT}
 * @param model the model to ask, or null for {@code llm.model}
 */
public record ImageUrlRequest(@Nullable String url, @Nullable String prompt, @Nullable String model) {

}
