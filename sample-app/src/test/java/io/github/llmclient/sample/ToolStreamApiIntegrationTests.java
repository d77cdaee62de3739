package io.github.llmclient.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/tools/stream}, the tool loop one event per step, as the page's Tools tab reads it.
 */
class ToolStreamApiIntegrationTests extends SampleAppTestSupport {

	@Test
	void sendsTheCallThenItsResultThenTheAnswerQuotingIt() {
		List<ServerSentEvent<Map<String, Object>>> events = this.client.get()
			.uri("/api/tools/stream?q={q}", "What time is it in Tokyo?")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("call", "result", "answer");
		Map<String, Object> call = events.get(0).data();
		assertThat(call).containsEntry("turn", 1).containsEntry("name", "clock")
			.containsEntry("arguments", "{\"timeZone\":\"Asia/Tokyo\"}");
		Map<String, Object> result = events.get(1).data();
		assertThat(result).containsEntry("id", call.get("id"));
		assertThat((String) result.get("result")).startsWith("{\"timeZone\":\"Asia/Tokyo\",\"date\":");
		Map<String, Object> answer = events.get(2).data();
		assertThat(answer).containsEntry("turns", 2).containsEntry("finishReason", "stop");
		// The final answer quotes the time only the tool's result carried
		String time = ((String) result.get("result")).replaceAll(".*\"time\":\"([^\"]+)\".*", "$1");
		assertThat((String) answer.get("answer")).contains("time: " + time);
	}

	@Test
	void endsWithAProblemEventWhenTheModelFails() {
		List<ServerSentEvent<Map<String, Object>>> events = this.client.get()
			.uri("/api/tools/stream?q={q}", "#fail-always What time is it in Tokyo?")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("problem");
		assertThat(events.get(0).data()).containsEntry("status", 502).containsEntry("upstreamStatus", 503);
	}

	@Test
	void answersABlankQuestionWithA400Problem() {
		this.client.get()
			.uri("/api/tools/stream?q={q}", " ")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The question must not be blank");
	}

}
