package io.github.llmclient.sample.similar;

import java.util.List;

/**
 * The answer of {@code POST /api/similar}.
 *
 * @param query the query
 * @param matches every sentence, most similar first
 * @param dimensions the length of the vectors compared
 */
public record SimilarAnswer(String query, List<Match> matches, int dimensions) {

	/**
	 * A sentence and how close it is to the query.
	 *
	 * @param sentence the sentence
	 * @param index its position in the request's (or the default) sentences
	 * @param score the cosine similarity of its vector and the query's, from -1 to 1 (1: the same
	 * direction), rounded to 4 decimals
	 */
	public record Match(String sentence, int index, double score) {

	}

}
