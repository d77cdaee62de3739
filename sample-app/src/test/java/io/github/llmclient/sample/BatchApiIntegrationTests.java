package io.github.llmclient.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.sample.batch.BatchController.JobView;
import io.github.llmclient.sample.batch.BatchController.ResultView;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch API against the demo model's OpenAI Batch API, over real HTTP through the starter:
 * submit, progress until the job completes (a few seconds), answers in the order of the prompts,
 * and the discounted cost in {@code /actuator/llm}.
 */
class BatchApiIntegrationTests extends SampleAppTestSupport {

	@Test
	void submitsAJobFollowsItToTheEndAndReadsTheAnswersInOrder() {
		JobView submitted = this.client.post()
			.uri("/api/batch")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompts", List.of("First question", "Second question", "Third question")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(JobView.class)
			.returnResult()
			.getResponseBody();
		assertThat(submitted.ended()).isFalse();
		assertThat(submitted.total()).isEqualTo(3);

		// polls, as the page does, until the demo job has run its few seconds
		JobView ended = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.client.get()
				.uri("/api/batch/" + submitted.id())
				.exchange()
				.expectBody(JobView.class)
				.returnResult()
				.getResponseBody(), JobView::ended);
		assertThat(ended.status()).isEqualTo("COMPLETED");
		assertThat(ended.progress()).isEqualTo(1.0);

		List<ResultView> results = this.client.get()
			.uri("/api/batch/" + submitted.id() + "/results")
			.exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<List<ResultView>>() {
			})
			.returnResult()
			.getResponseBody();
		// the demo writes its output file in reverse: the starter puts it back in order
		assertThat(results).extracting(ResultView::content)
			.containsExactly("Batch answer 1: First question", "Batch answer 2: Second question",
					"Batch answer 3: Third question");

		this.client.get()
			.uri("/actuator/llm")
			.exchange()
			.expectBody()
			.jsonPath("$.clients.default.cost.currency").isEqualTo("USD")
			.jsonPath("$.clients.default.cost.amount").value((amount) -> assertThat(((Number) amount).doubleValue()).isPositive());
	}

}
