package io.github.llmclient.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.sample.similar.SimilarController;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Embeddings end to end: {@code POST /api/similar} embeds through the application's
 * {@code LlmTemplate}, which calls the demo model's {@code /embeddings} over HTTP (base64
 * vectors), with retries, error mapping and meters as for chat.
 */
class EmbeddingsApiIntegrationTests extends SampleAppTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private LlmTemplate llm;

	@Test
	void ranksTheObviouslyRelatedDefaultSentenceFirst() {
		JsonNode answer = similar(Map.of("query", "Where does the cat sleep?"));
		JsonNode matches = answer.path("matches");
		assertThat(matches.size()).isEqualTo(SimilarController.DEFAULT_SENTENCES.size());
		assertThat(matches.path(0).path("sentence").asString())
			.isEqualTo("The cat sleeps on the warm windowsill all afternoon.");
		assertThat(matches.path(0).path("index").asInt()).isEqualTo(0);
		assertThat(matches.path(0).path("score").asDouble()).isGreaterThan(0.5);
		assertThat(matches.path(1).path("score").asDouble()).isLessThan(0.3);
		assertThat(scores(matches)).isSortedAccordingTo(Collections.reverseOrder());
		assertThat(answer.path("query").asString()).isEqualTo("Where does the cat sleep?");
		assertThat(answer.path("dimensions").asInt()).isEqualTo(256);
	}

	@Test
	void ranksTheGivenSentencesByHowManyWordsTheyShareWithTheQuery() {
		JsonNode matches = similar(Map.of("query", "What did the central bank do to interest rates?", "sentences",
				List.of("Fresh basil makes a good pasta.", "Markets fell after the interest rate decision.",
						"The central bank raised interest rates to slow inflation.")))
			.path("matches");
		assertThat(matches.path(0).path("index").asInt()).isEqualTo(2);
		assertThat(matches.path(1).path("index").asInt()).isEqualTo(1);
		assertThat(matches.path(2).path("sentence").asString()).isEqualTo("Fresh basil makes a good pasta.");
		assertThat(matches.path(0).path("score").asDouble()).isGreaterThan(matches.path(1).path("score").asDouble());
	}

	@Test
	void theStartersBase64VectorsAreTheDemoModelsJsonFloats() {
		List<String> texts = List.of("The cat sleeps on the sofa.", "Interest rates went up again.");
		// the starter asks for base64 and decodes little-endian float32
		List<float[]> viaStarter = this.llm.embed(texts).block();
		byte[] raw = this.client.post()
			.uri("/demo/v1/embeddings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "demo-embed", "input", texts, "encoding_format", "float"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode data = this.json.readTree(raw).path("data");
		assertThat(viaStarter).hasSize(2);
		for (int i = 0; i < texts.size(); i++) {
			JsonNode floats = data.path(i).path("embedding");
			float[] expected = new float[floats.size()];
			for (int j = 0; j < expected.length; j++) {
				expected[j] = (float) floats.path(j).asDouble();
			}
			assertThat(viaStarter.get(i)).containsExactly(expected);
		}
		assertThat(this.llm.embed(List.of()).block()).isEmpty();
		assertThat(Arrays.equals(this.llm.embed("The cat sleeps on the sofa.").block(), viaStarter.get(0))).isTrue();
	}

	@Test
	void retriesAFailedEmbeddingsRequestThenRanks() {
		long retriesBefore = meter("llm.client.retries", "COUNT", "reason:503");
		JsonNode matches = similar(Map.of("query", "#fail-once where do cats sleep")).path("matches");
		assertThat(matches.path(0).path("index").asInt()).isEqualTo(0);
		assertThat(meter("llm.client.retries", "COUNT", "reason:503") - retriesBefore).isEqualTo(1);
	}

	@Test
	void mapsExhaustedRetriesToBadGatewayProblem() {
		this.client.post()
			.uri("/api/similar")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "#fail-always cats"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("The model provider failed")
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail)
				.startsWith("HTTP 503 Service Unavailable from openai: The demo model is overloaded"))
			.jsonPath("$.upstreamStatus").isEqualTo(503)
			.jsonPath("$.clientRequestId").isNotEmpty();
	}

	@Test
	void measuresOneEmbeddingsOperationPerCallWithInputTokensOnly() {
		String[] embeddings = { "gen_ai.operation.name:embeddings", "llm.client:default" };
		long operationsBefore = meter("gen_ai.client.operation.duration", "COUNT", embeddings);
		long inputTokensBefore = meter("gen_ai.client.token.usage", "TOTAL", "gen_ai.operation.name:embeddings",
				"gen_ai.token.type:input");
		similar(Map.of("query", "Count my tokens", "sentences", List.of("one two three", "four five")));
		assertThat(meter("gen_ai.client.operation.duration", "COUNT", embeddings) - operationsBefore).isEqualTo(1);
		// the words of the query and the sentences: 3 + 3 + 2
		assertThat(meter("gen_ai.client.token.usage", "TOTAL", "gen_ai.operation.name:embeddings",
				"gen_ai.token.type:input") - inputTokensBefore).isEqualTo(8);
		assertThat(meter("gen_ai.client.token.usage", "COUNT", "gen_ai.operation.name:embeddings",
				"gen_ai.token.type:output")).isZero();
	}

	@Test
	void rejectsABlankQueryOrSentenceWithProblem() {
		expectBadRequest(Map.of("query", " "), "The query must not be blank");
		expectBadRequest(Map.of("sentences", List.of("A cat")), "The query must not be blank");
		expectBadRequest(Map.of("query", "cats", "sentences", List.of("A cat", "")),
				"The sentence at index 1 must not be blank");
		List<String> tooMany = new ArrayList<>(Collections.nCopies(101, "A cat"));
		expectBadRequest(Map.of("query", "cats", "sentences", tooMany),
				"At most 100 sentences can be ranked at once, got 101");
	}

	private void expectBadRequest(Map<String, Object> body, String detail) {
		this.client.post()
			.uri("/api/similar")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo(detail);
	}

	private JsonNode similar(Map<String, Object> body) {
		return SampleApiChecks.post(this.client, "/api/similar", body);
	}

	private static List<Double> scores(JsonNode matches) {
		List<Double> scores = new ArrayList<>();
		matches.forEach((match) -> scores.add(match.path("score").asDouble()));
		return scores;
	}

	/** A statistic of a meter as Actuator reports it, 0 while no measurement matches the tags. */
	private long meter(String meter, String statistic, String... tags) {
		byte[] body = this.client.get()
			.uri((uri) -> uri.path("/actuator/metrics/" + meter).queryParam("tag", (Object[]) tags).build())
			.exchange()
			.returnResult(byte[].class)
			.getResponseBodyContent();
		if (body == null || body.length == 0) {
			return 0;
		}
		for (JsonNode measurement : this.json.readTree(body).path("measurements")) {
			if (statistic.equals(measurement.path("statistic").asString())) {
				return Math.round(measurement.path("value").asDouble());
			}
		}
		return 0;
	}

}
