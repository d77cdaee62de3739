package io.github.llmclient.sample.similar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.sample.chat.Prompts;
import io.github.llmclient.sample.similar.SimilarAnswer.Match;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/similar}: embeds a query and a handful of sentences in one
 * {@code LlmTemplate.embed(List)} call (the query first; the starter splits a long list into
 * batches of {@code llm.embedding-batch-size} and joins them in order) and ranks the sentences by
 * the cosine similarity of their vectors to the query's. The model is {@code llm.embedding-model}.
 * Failures become problem bodies like the chat API's.
 */
@RestController
@RequestMapping("/api")
public class SimilarController {

	/** The sentences ranked when the request gives none: pairs on a few topics, so a query has neighbours. */
	public static final List<String> DEFAULT_SENTENCES = List.of(
			"The cat sleeps on the warm windowsill all afternoon.",
			"Our dog barks at the postman every morning.",
			"The central bank raised interest rates to slow inflation.",
			"Stock markets fell after the interest rate decision.",
			"Spring Boot auto-configures a reactive WebClient for HTTP calls.",
			"Fresh basil and ripe tomatoes make a simple summer pasta.");

	/** The most sentences one request may rank: a guard for a demo endpoint, not a limit of the starter. */
	static final int MAX_SENTENCES = 100;

	private final LlmTemplate llm;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 */
	public SimilarController(LlmTemplate llm) {
		this.llm = llm;
	}

	/**
	 * Ranks sentences by their similarity to a query.
	 * @param body the query and the sentences
	 * @return every sentence with its score, most similar first
	 */
	@PostMapping(path = "/similar", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<SimilarAnswer> similar(@RequestBody SimilarRequest body) {
		String query = Prompts.require(body.query(), "query");
		List<String> sentences = sentences(body.sentences());
		List<String> texts = new ArrayList<>(sentences.size() + 1);
		texts.add(query);
		texts.addAll(sentences);
		return this.llm.embed(texts).map((vectors) -> rank(query, sentences, vectors));
	}

	private static List<String> sentences(@Nullable List<@Nullable String> given) {
		if (given == null || given.isEmpty()) {
			return DEFAULT_SENTENCES;
		}
		if (given.size() > MAX_SENTENCES) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"At most " + MAX_SENTENCES + " sentences can be ranked at once, got " + given.size());
		}
		List<String> sentences = new ArrayList<>(given.size());
		for (int i = 0; i < given.size(); i++) {
			sentences.add(Prompts.require(given.get(i), "sentence at index " + i));
		}
		return sentences;
	}

	/** The query's vector comes first, then one per sentence, in order. */
	private static SimilarAnswer rank(String query, List<String> sentences, List<float[]> vectors) {
		float[] queryVector = vectors.get(0);
		List<Match> matches = new ArrayList<>(sentences.size());
		List<Double> scores = new ArrayList<>(sentences.size());
		for (int i = 0; i < sentences.size(); i++) {
			double score = cosine(queryVector, vectors.get(i + 1));
			scores.add(score);
			matches.add(new Match(sentences.get(i), i, Math.round(score * 10_000) / 10_000.0));
		}
		// by the exact score, so that two sentences that round alike keep their true order; ties in input order
		matches.sort(Comparator.comparingDouble((Match match) -> scores.get(match.index())).reversed());
		return new SimilarAnswer(query, List.copyOf(matches), queryVector.length);
	}

	/**
	 * The cosine of the angle between two vectors: their dot product over the product of their
	 * lengths (OpenAI's vectors have length 1, but not every server's do).
	 * @param a a vector
	 * @param b a vector of the same length
	 * @return from -1 to 1; 0 when either is all zeros
	 */
	static double cosine(float[] a, float[] b) {
		if (a.length != b.length) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
					"The model returned vectors of different lengths: " + a.length + " and " + b.length);
		}
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
			normA += (double) a[i] * a[i];
			normB += (double) b[i] * b[i];
		}
		return (normA == 0 || normB == 0) ? 0 : dot / Math.sqrt(normA * normB);
	}

}
