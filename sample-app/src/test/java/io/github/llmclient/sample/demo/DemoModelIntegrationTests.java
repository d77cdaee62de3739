package io.github.llmclient.sample.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.llmclient.sample.SampleAppTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo model speaks OpenAI's Chat Completions wire format, as the starter expects it. */
class DemoModelIntegrationTests extends SampleAppTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void streamsChunksThenAUsageChunkThenDone() {
		List<String> data = streamData(Map.of("model", "demo-echo", "stream", true, "stream_options",
				Map.of("include_usage", true), "messages", List.of(Map.of("role", "user", "content", "Hi there"))));
		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		JsonNode usageChunk = this.json.readTree(data.get(data.size() - 2));
		assertThat(usageChunk.path("choices").isEmpty()).isTrue();
		assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
		JsonNode finishChunk = this.json.readTree(data.get(data.size() - 3));
		assertThat(finishChunk.path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
		JsonNode first = this.json.readTree(data.get(0));
		assertThat(first.path("object").asString()).isEqualTo("chat.completion.chunk");
		assertThat(first.path("choices").path(0).path("delta").path("role").asString()).isEqualTo("assistant");
		StringBuilder text = new StringBuilder();
		for (String event : data.subList(1, data.size() - 3)) {
			text.append(this.json.readTree(event).path("choices").path(0).path("delta").path("content").asString());
		}
		assertThat(text).startsWith("You asked: \"Hi there\".");
		assertThat(usageChunk.path("usage").path("completion_tokens").asInt()).isEqualTo(data.size() - 4);
	}

	@Test
	void sendsNoUsageChunkUnlessAskedFor() {
		List<String> data = streamData(Map.of("model", "demo-echo", "stream", true, "messages",
				List.of(Map.of("role", "user", "content", "Hi"))));
		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		assertThat(data.subList(0, data.size() - 1))
			.noneSatisfy((event) -> assertThat(this.json.readTree(event).has("usage")).isTrue());
	}

	@Test
	void cutsTheAnswerAtMaxTokens() {
		this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "demo-echo", "max_tokens", 3, "messages",
					List.of(Map.of("role", "user", "content", "Hi"))))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.choices[0].message.content").isEqualTo("You asked: \"Hi\".")
			.jsonPath("$.choices[0].finish_reason").isEqualTo("length")
			.jsonPath("$.usage.completion_tokens").isEqualTo(3);
	}

	@Test
	void rejectsAnUnknownModelAsOpenAiDoes() {
		this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "gpt-4o", "messages", List.of(Map.of("role", "user", "content", "Hi"))))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("model_not_found")
			.jsonPath("$.error.type").isEqualTo("invalid_request_error");
	}

	@Test
	void failsOnlyTheFirstAttemptOfACall() {
		for (HttpStatus expected : List.of(HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.OK)) {
			this.client.post()
				.uri("/demo/v1/chat/completions")
				.header("X-Client-Request-Id", "fail-once-test")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("model", "demo-echo", "messages",
						List.of(Map.of("role", "user", "content", "#fail-once hello"))))
				.exchange()
				.expectStatus().isEqualTo(expected);
		}
	}

	@Test
	void asksForAWaitWhenRateLimiting() {
		this.client.post()
			.uri("/demo/v1/chat/completions")
			.header("X-Client-Request-Id", "limit-always-test")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "demo-echo", "messages",
					List.of(Map.of("role", "user", "content", "#limit-always hello"))))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().valueEquals("Retry-After", "120")
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("rate_limit_exceeded");
	}

	@Test
	void listsTheDemoModel() {
		this.client.get()
			.uri("/demo/v1/models")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.object").isEqualTo("list")
			.jsonPath("$.data[0].id").isEqualTo("demo-echo");
	}

	/** The data lines of a raw event stream, in order. */
	private List<String> streamData(Map<String, Object> request) {
		String body = this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> data = new ArrayList<>();
		for (String line : String.valueOf(body).split("\n")) {
			if (line.startsWith("data:")) {
				data.add(line.substring("data:".length()).strip());
			}
		}
		return data;
	}

}
