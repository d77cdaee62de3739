package io.github.llmclient.sample;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;

import io.github.llmclient.sample.demo.DemoImagesForTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools, typed answers and images end to end: {@code WebTestClient} calls the application, whose
 * {@code LlmTemplate} calls the demo model over HTTP in OpenAI's wire format, and back.
 */
class RichChatApiIntegrationTests extends SampleAppTestSupport {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void toolLoopCallsTheClockAndAnswersFromItsResult() {
		assertClockAnswer(ask(Map.of("prompt", "What time is it in Tokyo?")), "Asia/Tokyo");
	}

	@Test
	void toolLoopWorksOnStreamedTurnsToo() {
		assertClockAnswer(ask(Map.of("prompt", "What time is it in New York?", "stream", true)), "America/New_York");
	}

	@Test
	void toolLoopAnswersAtOnceWhenNoToolFits() {
		JsonNode answer = ask(Map.of("prompt", "Tell me a joke"));
		assertThat(answer.path("toolCalls").isEmpty()).isTrue();
		assertThat(answer.path("turns").asInt()).isEqualTo(1);
		assertThat(answer.path("answer").asString()).startsWith("You asked: \"Tell me a joke\".");
	}

	@Test
	void toolLoopRejectsABlankPromptWithProblem() {
		this.client.post()
			.uri("/api/tools/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", " "))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("The prompt must not be blank");
	}

	@Test
	void extractReturnsATypedContact() {
		this.client.post()
			.uri("/api/extract")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Ada Lovelace (ada@analytical.example) works at Analytical Engines."))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.name").isEqualTo("Ada Lovelace")
			.jsonPath("$.email").isEqualTo("ada@analytical.example")
			.jsonPath("$.company").isEqualTo("Analytical Engines");
	}

	@Test
	void extractLeavesOutWhatTheTextDoesNotSay() {
		byte[] body = this.client.post()
			.uri("/api/extract")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Please call Grace Hopper tomorrow."))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(this.json.readTree(body))
			.isEqualTo(this.json.readTree("{\"name\":\"Grace Hopper\",\"email\":null,\"company\":null}"));
	}

	@Test
	void extractReportsAnAnswerThatIsNotAContactAsBadGateway() {
		this.client.post()
			.uri("/api/extract")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "#not-json Ada Lovelace"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("The model's answer was not of the type asked for")
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail)
				.contains("io.github.llmclient.sample.extract.Contact").contains("You asked"));
	}

	@Test
	void extractReportsAnAnswerCutOffAtTheTokenLimitAsBadGatewayWithItsOwnTitle() {
		this.client.post()
			.uri("/api/extract")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Ada Lovelace (ada@analytical.example) works at Analytical Engines.", "maxTokens", 2))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("The model's answer was cut off at the token limit")
			.jsonPath("$.errorType").isEqualTo("output_truncated")
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail)
				.startsWith("The answer stopped at the token limit before it was complete")
				.contains("io.github.llmclient.sample.extract.Contact")
				.contains("2 tokens, the request's maxTokens"));
	}

	@Test
	void extractRefusesATokenLimitBelowOne() {
		this.client.post()
			.uri("/api/extract")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "Ada Lovelace", "maxTokens", 0))
			.exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void describesAnUploadedImage() throws IOException {
		byte[] png = DemoImagesForTests.png(3, 2);
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("image", new ByteArrayResource(png)).filename("dot.png").contentType(MediaType.IMAGE_PNG);
		parts.part("prompt", "What is this?");
		this.client.post()
			.uri("/api/describe-image")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").isEqualTo("You sent one image: a 3×2 PNG image (image/png, " + png.length
					+ " bytes). You asked: \"What is this?\". I am the offline demo model: I cannot see pictures, so I "
					+ "tell you what I can read of them.")
			.jsonPath("$.finishReason").isEqualTo("stop");
	}

	@Test
	void refusesAnUploadThatIsNotAnImage() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("image", new ByteArrayResource("hello".getBytes())).filename("notes.txt")
			.contentType(MediaType.TEXT_PLAIN);
		this.client.post()
			.uri("/api/describe-image")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail).contains("text/plain"));
	}

	@Test
	void describesAnImageGivenByUrl() throws IOException {
		String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(DemoImagesForTests.png(4, 4));
		this.client.post()
			.uri("/api/describe-image")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", dataUrl))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").value(String.class, (content) -> assertThat(content)
				.startsWith("You sent one image: a 4×4 PNG image (image/png, ")
				.contains("You asked: \"What is in this image?\"."));
		this.client.post()
			.uri("/api/describe-image")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", "https://example.com/cat.png", "prompt", "Is this a cat?"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").value(String.class, (content) -> assertThat(content)
				.startsWith("You sent one image: an image at https://example.com/cat.png, which I do not fetch"));
	}

	@Test
	void rejectsAnImageUrlOfAnotherSchemeWithProblem() {
		this.client.post()
			.uri("/api/describe-image")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", "ftp://example.com/cat.png"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail).contains("http(s): or data: URL"));
	}

	private JsonNode ask(Map<String, Object> question) {
		byte[] body = this.client.post()
			.uri("/api/tools/ask")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(question)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

	/** The clock was called for the zone, its result is now's time there, and the answer quotes it. */
	private void assertClockAnswer(JsonNode answer, String zone) {
		assertThat(answer.path("turns").asInt()).isEqualTo(2);
		assertThat(answer.path("finishReason").asString()).isEqualTo("stop");
		JsonNode call = answer.path("toolCalls").path(0);
		assertThat(answer.path("toolCalls").size()).isEqualTo(1);
		assertThat(call.path("name").asString()).isEqualTo("clock");
		assertThat(call.path("id").asString()).isNotEmpty();
		assertThat(this.json.readTree(call.path("arguments").asString()).path("timeZone").asString()).isEqualTo(zone);
		JsonNode result = this.json.readTree(call.path("result").asString());
		assertThat(result.path("timeZone").asString()).isEqualTo(zone);
		LocalDateTime told = LocalDateTime.parse(result.path("date").asString() + "T" + result.path("time").asString());
		assertThat(Duration.between(told, LocalDateTime.now(ZoneId.of(zone))).abs()).isLessThan(Duration.ofMinutes(1));
		// Only the tool message carried the result to the demo model: the answer quoting it proves it arrived.
		assertThat(answer.path("answer").asString()).startsWith("The clock tool answered: timeZone: " + zone
				+ ", date: " + result.path("date").asString() + ", time: " + result.path("time").asString() + ",");
		assertThat(answer.path("usage").path("totalTokens").asInt()).isPositive();
	}

}
