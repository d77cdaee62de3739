package io.github.llmclient.sample.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.sample.SampleAppTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo model answers tools, tool results, response formats and images in OpenAI's wire
 * format, streamed and not, and rejects what OpenAI rejects. Raw HTTP, no starter in between.
 */
class DemoRichAnswersIntegrationTests extends SampleAppTestSupport {

	private static final Map<String, Object> CLOCK = Map.of("type", "function", "function",
			Map.of("name", "clock", "description", "The current date and time in a time zone", "parameters",
					Map.of("type", "object", "properties", Map.of("timeZone", Map.of("type", "string")), "required",
							List.of("timeZone"))));

	private static final Map<String, Object> CONTACT_FORMAT = Map.of("type", "json_schema", "json_schema",
			Map.of("name", "Contact", "strict", true, "schema", Map.of("type", "object", "properties",
					Map.of("name", Map.of("type", "string"), "email", Map.of("type", List.of("string", "null")),
							"company", Map.of("type", List.of("string", "null"))),
					"required", List.of("name", "email", "company"), "additionalProperties", false)));

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void callsTheToolItIsOfferedWithArgumentsFromThePrompt() {
		JsonNode completion = post(Map.of("model", "demo-echo", "tools", List.of(CLOCK), "messages",
				List.of(user("What time is it in Tokyo?"))));
		JsonNode choice = completion.path("choices").path(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(choice.path("message").has("content")).isTrue();
		assertThat(choice.path("message").path("content").isNull()).isTrue();
		JsonNode call = choice.path("message").path("tool_calls").path(0);
		assertThat(call.path("id").asString()).startsWith("call_demo_");
		assertThat(call.path("type").asString()).isEqualTo("function");
		assertThat(call.path("function").path("name").asString()).isEqualTo("clock");
		assertThat(call.path("function").path("arguments").asString()).isEqualTo("{\"timeZone\":\"Asia/Tokyo\"}");
	}

	@Test
	void streamsAToolCallAsItsIdAndNameThenArgumentFragments() {
		List<String> data = streamData(Map.of("model", "demo-echo", "stream", true, "tools", List.of(CLOCK),
				"messages", List.of(user("What time is it in New York?"))));
		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		JsonNode first = delta(data.get(0));
		assertThat(first.path("role").asString()).isEqualTo("assistant");
		assertThat(first.has("content")).isTrue();
		assertThat(first.path("content").isNull()).isTrue();
		JsonNode start = first.path("tool_calls").path(0);
		assertThat(start.path("index").asInt()).isZero();
		assertThat(start.path("id").asString()).startsWith("call_demo_");
		assertThat(start.path("function").path("name").asString()).isEqualTo("clock");
		assertThat(start.path("function").path("arguments").asString()).isEmpty();
		List<String> fragments = new ArrayList<>();
		for (String event : data.subList(1, data.size() - 2)) {
			JsonNode piece = delta(event).path("tool_calls").path(0);
			assertThat(piece.path("index").asInt()).isZero();
			assertThat(piece.has("id")).isFalse();
			fragments.add(piece.path("function").path("arguments").asString());
		}
		assertThat(fragments).hasSizeGreaterThan(3);
		assertThat(String.join("", fragments)).isEqualTo("{\"timeZone\":\"America/New_York\"}");
		JsonNode finish = this.json.readTree(data.get(data.size() - 2)).path("choices").path(0);
		assertThat(finish.path("finish_reason").asString()).isEqualTo("tool_calls");
	}

	@Test
	void answersFromTheToolResultItIsSent() {
		JsonNode completion = post(Map.of("model", "demo-echo", "tools", List.of(CLOCK), "messages",
				List.of(user("What time is it in Tokyo?"), assistantCalling("call_1"),
						Map.of("role", "tool", "tool_call_id", "call_1", "content",
								"{\"timeZone\":\"Asia/Tokyo\",\"time\":\"09:30:00\"}"))));
		JsonNode choice = completion.path("choices").path(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
		assertThat(choice.path("message").path("content").asString())
			.startsWith("The clock tool answered: timeZone: Asia/Tokyo, time: 09:30:00.");
	}

	@Test
	void rejectsAToolResultWithoutItsCallAsOpenAiDoes() {
		this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "demo-echo", "messages", List.of(user("What time is it?"),
					Map.of("role", "tool", "tool_call_id", "call_unknown", "content", "{}"))))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.type").isEqualTo("invalid_request_error")
			.jsonPath("$.error.message").value(String.class, (message) -> assertThat(message)
				.contains("messages with role 'tool' must be a response to a preceding message with 'tool_calls'"));
	}

	@Test
	void rejectsAToolCallLeftUnanswered() {
		this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "demo-echo", "messages",
					List.of(user("What time is it?"), assistantCalling("call_7"), user("Well?"))))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error.message").value(String.class, (message) -> assertThat(message)
				.contains("The following tool_call_ids did not have response messages: call_7"));
	}

	@Test
	void answersInTextWhenNoToolFitsOrToolChoiceIsNone() {
		JsonNode unrelated = post(Map.of("model", "demo-echo", "tools", List.of(CLOCK), "messages",
				List.of(user("Tell me a joke"))));
		assertThat(unrelated.path("choices").path(0).path("message").path("content").asString())
			.startsWith("You asked: \"Tell me a joke\".");
		JsonNode none = post(Map.of("model", "demo-echo", "tools", List.of(CLOCK), "tool_choice", "none", "messages",
				List.of(user("What time is it?"))));
		assertThat(none.path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
	}

	@Test
	void callsTheNamedToolEvenForAnUnrelatedPrompt() {
		JsonNode forced = post(Map.of("model", "demo-echo", "tools", List.of(CLOCK), "tool_choice",
				Map.of("type", "function", "function", Map.of("name", "clock")), "messages",
				List.of(user("Tell me a joke"))));
		JsonNode call = forced.path("choices").path(0).path("message").path("tool_calls").path(0);
		assertThat(call.path("function").path("arguments").asString()).isEqualTo("{\"timeZone\":\"UTC\"}");
	}

	@Test
	void answersAJsonSchemaWithValuesFromThePrompt() {
		JsonNode completion = post(Map.of("model", "demo-echo", "response_format", CONTACT_FORMAT, "messages",
				List.of(user("Ada Lovelace (ada@analytical.example) works at Analytical Engines."))));
		String content = completion.path("choices").path(0).path("message").path("content").asString();
		assertThat(this.json.readTree(content)).isEqualTo(this.json.readTree(
				"{\"name\":\"Ada Lovelace\",\"email\":\"ada@analytical.example\",\"company\":\"Analytical Engines\"}"));
		JsonNode without = post(Map.of("model", "demo-echo", "response_format", CONTACT_FORMAT, "messages",
				List.of(user("Please call Grace Hopper tomorrow."))));
		assertThat(this.json.readTree(without.path("choices").path(0).path("message").path("content").asString()))
			.isEqualTo(this.json.readTree("{\"name\":\"Grace Hopper\",\"email\":null,\"company\":null}"));
	}

	@Test
	void streamsAJsonAnswerInFragments() {
		List<String> data = streamData(Map.of("model", "demo-echo", "stream", true, "response_format",
				CONTACT_FORMAT, "messages", List.of(user("Meet Alan Turing, alan@bletchley.example."))));
		StringBuilder content = new StringBuilder();
		for (String event : data.subList(1, data.size() - 2)) {
			content.append(delta(event).path("content").asString());
		}
		assertThat(data.size() - 3).isGreaterThan(5);
		assertThat(this.json.readTree(content.toString())).isEqualTo(
				this.json.readTree("{\"name\":\"Alan Turing\",\"email\":\"alan@bletchley.example\",\"company\":null}"));
	}

	@Test
	void describesAnImageSentAsADataUrl() throws IOException {
		byte[] png = DemoImagesForTests.png(3, 2);
		String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
		JsonNode completion = post(Map.of("model", "demo-echo", "messages", List.of(Map.of("role", "user", "content",
				List.of(Map.of("type", "text", "text", "What is this?"),
						Map.of("type", "image_url", "image_url", Map.of("url", url)))))));
		assertThat(completion.path("choices").path(0).path("message").path("content").asString())
			.startsWith("You sent one image: a 3×2 PNG image (image/png, " + png.length + " bytes). "
					+ "You asked: \"What is this?\".");
	}

	@Test
	void saysItDoesNotFetchAnImageUrl() {
		JsonNode completion = post(Map.of("model", "demo-echo", "messages", List.of(Map.of("role", "user", "content",
				List.of(Map.of("type", "image_url", "image_url", Map.of("url", "https://example.com/cat.png")))))));
		assertThat(completion.path("choices").path(0).path("message").path("content").asString()).startsWith(
				"You sent one image: an image at https://example.com/cat.png, which I do not fetch: I am offline.");
	}

	@Test
	void rejectsABrokenDataUrlAndUnknownContentParts() {
		for (Map<String, Object> part : List.<Map<String, Object>>of(
				Map.of("type", "image_url", "image_url", Map.of("url", "data:text/plain;base64,aGk=")),
				Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,%%%")),
				Map.of("type", "video", "video", Map.of()))) {
			this.client.post()
				.uri("/demo/v1/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("model", "demo-echo", "messages",
						List.of(Map.of("role", "user", "content", List.of(part)))))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error.type").isEqualTo("invalid_request_error");
		}
	}

	private static Map<String, Object> user(String content) {
		return Map.of("role", "user", "content", content);
	}

	private static Map<String, Object> assistantCalling(String id) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("role", "assistant");
		message.put("content", null);
		message.put("tool_calls", List.of(Map.of("id", id, "type", "function", "function",
				Map.of("name", "clock", "arguments", "{\"timeZone\":\"Asia/Tokyo\"}"))));
		return message;
	}

	private JsonNode post(Map<String, Object> request) {
		byte[] body = this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

	private JsonNode delta(String event) {
		return this.json.readTree(event).path("choices").path(0).path("delta");
	}

	/** The data lines of a raw event stream, in order. */
	private List<String> streamData(Map<String, Object> request) {
		WebTestClient.BodySpec<String, ?> spec = this.client.post()
			.uri("/demo/v1/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class);
		List<String> data = new ArrayList<>();
		for (String line : String.valueOf(spec.returnResult().getResponseBody()).split("\n")) {
			if (line.startsWith("data:")) {
				data.add(line.substring("data:".length()).strip());
			}
		}
		return data;
	}

}
