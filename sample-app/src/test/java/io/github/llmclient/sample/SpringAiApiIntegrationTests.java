package io.github.llmclient.sample;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.springai.LlmChatModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/spring-ai/ask} end to end, offline: {@code ChatClient} over the auto-configured
 * {@link LlmChatModel} calls the demo model over HTTP, runs the {@code @Tool} clock the model asks
 * for, sends its result back and reads the typed answer from the demo model's structured output.
 */
class SpringAiApiIntegrationTests extends SampleAppTestSupport {

	@Autowired
	private ChatModel chatModel;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void chatClientRunsTheToolAndReturnsATypedAnswer() {
		double before = requests();
		this.client.post()
			.uri("/api/spring-ai/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "What time is it in Tokyo?"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.timeZone").isEqualTo("Asia/Tokyo")
			// only the clock's result, which ChatClient sent back in a tool message, had the date
			.jsonPath("$.date").value((date) -> assertThat(LocalDate.parse(date.toString()))
				.isBetween(LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1), LocalDate.now(ZoneId.of("Asia/Tokyo"))));
		// two turns, each one call on the starter's road
		assertThat(requests() - before).isEqualTo(2);
		assertThat(this.chatModel).isInstanceOf(LlmChatModel.class);
	}

	@Test
	void aBlankPromptIsAProblem() {
		this.client.post()
			.uri("/api/spring-ai/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", " "))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private double requests() {
		return this.meterRegistry.find(LlmMetricNames.REQUESTS).counters().stream().mapToDouble(Counter::count).sum();
	}

}
