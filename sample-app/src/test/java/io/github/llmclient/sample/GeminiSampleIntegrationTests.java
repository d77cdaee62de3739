package io.github.llmclient.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.LlmTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on Gemini's wire format, offline: started with {@code llm.provider=gemini}, its
 * {@code LlmTemplate} calls the demo model's Gemini API ({@code /demo/v1beta}) over real HTTP for
 * chat, streams without an end marker, the tool loop (signed function calls replayed), typed
 * answers ({@code responseJsonSchema}), embeddings ({@code batchEmbedContents}), models and the
 * failure keywords (a 429 whose {@code RetryInfo} asks for the wait).
 *
 * <p>
 * Its own port: this context differs from {@link SampleAppTestSupport}'s, which stays cached and
 * bound to its port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "llm.provider=gemini")
@ExtendWith(ThreadDumpOnFailure.class)
class GeminiSampleIntegrationTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
			new ParameterizedTypeReference<>() {
			};

	private final WebTestClient client = WebTestClient.bindToServer()
		.baseUrl("http://localhost:" + PORT)
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private LlmTemplate llm;

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Test
	void theStarterTalksToTheDemosGeminiApi() {
		this.client.get()
			.uri("/actuator/llm")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$..provider").value((providers) -> assertThat(providers.toString()).contains("gemini"));
	}

	@Test
	void chatAnswersWithContentFinishReasonAndUsage() {
		JsonNode answer = post("/api/chat", Map.of("prompt", "What is a reactive stream?"));
		assertThat(answer.path("content").asString()).isEqualTo("You asked: \"What is a reactive stream?\". I am the "
				+ "offline demo model: I echo your words one chunk at a time, so you can watch the answer stream in.");
		assertThat(answer.path("model").asString()).isEqualTo("demo-echo");
		assertThat(answer.path("finishReason").asString()).isEqualTo("stop");
		assertThat(answer.path("usage").path("inputTokens").asInt()).isEqualTo(5);
		assertThat(answer.path("usage").path("outputTokens").asInt()).isEqualTo(30);
		assertThat(answer.path("usage").path("totalTokens").asInt()).isEqualTo(35);
	}

	@Test
	void streamDeliversEveryWordThenTheUsageOnce() {
		List<ServerSentEvent<String>> events = this.client.get()
			.uri("/api/chat/stream?q={q}", "Stream me a short answer")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isOk()
			.returnResult(EVENT)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).isNotNull();
		StringBuilder text = new StringBuilder();
		events.stream().filter((event) -> "chunk".equals(event.event()))
			.forEach((event) -> text.append(this.json.readTree(event.data()).path("text").asString()));
		assertThat(text.toString()).startsWith("You asked: \"Stream me a short answer\".");
		ServerSentEvent<String> last = events.get(events.size() - 1);
		assertThat(last.event()).isEqualTo("done");
		JsonNode done = this.json.readTree(last.data());
		assertThat(done.path("finishReason").asString()).isEqualTo("stop");
		// cumulative on every Gemini chunk, delivered once with the last figures, not summed
		long chunks = events.stream().filter((event) -> "chunk".equals(event.event())).count();
		assertThat(done.path("usage").path("outputTokens").asInt()).isEqualTo(chunks);
		assertThat(done.path("usage").path("inputTokens").asInt()).isEqualTo(5);
	}

	@Test
	void toolLoopReplaysTheSignedCallAndAnswersFromTheClock() {
		for (boolean stream : List.of(false, true)) {
			JsonNode answer = post("/api/tools/ask", Map.of("prompt", "What time is it in Tokyo?", "stream", stream));
			SampleApiChecks.assertTokyoClockAnswer(answer);
			assertThat(answer.path("finishReason").asString()).isEqualTo("stop");
			JsonNode call = answer.path("toolCalls").path(0);
			assertThat(call.path("name").asString()).isEqualTo("clock");
			// Gemini sends no call ids: the client makes one up
			assertThat(call.path("id").asString()).startsWith("gemini-call-");
			assertThat(this.json.readTree(call.path("arguments").asString()).path("timeZone").asString())
				.isEqualTo("Asia/Tokyo");
			// the demo rejects a replayed call without its thoughtSignature, as Gemini 3 does
			assertThat(answer.path("answer").asString()).startsWith("The clock tool answered: timeZone: Asia/Tokyo");
		}
	}

	@Test
	void extractReturnsATypedContactFromAResponseJsonSchema() {
		SampleApiChecks.extractsTheContact(this.client);
	}

	@Test
	void similarRanksByBatchEmbedContentsVectors() {
		SampleApiChecks.ranksTheCatSentenceFirst(this.client);
		List<float[]> vectors = this.llm.embed(List.of("The cat sleeps.", "Rates rose.")).block(Duration.ofSeconds(10));
		assertThat(vectors).hasSize(2);
		assertThat(vectors.get(0)).hasSize(256);
	}

	@Test
	void modelsListsTheGeminiModelsWithoutThePrefix() {
		this.client.get()
			.uri("/api/models")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$").isEqualTo(List.of("demo-echo", "demo-embed"));
	}

	@Test
	void failOnceIsRetried() {
		SampleApiChecks.answersOnTheSecondAttempt(this.client, "#fail-once Tell me about retries");
	}

	@Test
	void limitOnceWaitsTheRetryInfoDelayThenSucceeds() {
		long start = System.nanoTime();
		JsonNode answer = post("/api/chat", Map.of("prompt", "#limit-once Tell me about rate limits"));
		assertThat(answer.path("content").asString()).contains("attempt 2");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void limitAlwaysPassesTheRetryInfoDelayOnAsRetryAfter() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#limit-always Am I throttled?"))
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectBody()
			.jsonPath("$.retryAfterSeconds").isEqualTo(120)
			.jsonPath("$.errorType").isEqualTo("RESOURCE_EXHAUSTED");
	}

	private JsonNode post(String uri, Map<String, Object> body) {
		return SampleApiChecks.post(this.client, uri, body);
	}

}
