package io.github.llmclient.sample.similar;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/similar}.
 *
 * @param query the text to compare the sentences with, e.g. "Where do cats sleep?"; must not be
 * blank
 * @param sentences the sentences to rank, or null or empty for
 * {@link SimilarController#DEFAULT_SENTENCES}; none may be blank
 */
public record SimilarRequest(@Nullable String query, @Nullable List<@Nullable String> sentences) {

}
