package io.github.llmclient.sample;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on AWS Bedrock, offline: started with {@code llm.provider=bedrock} alone, as
 * {@code --llm.provider=bedrock} starts it; {@code application.yml} then points {@code llm.base-url}
 * at the demo model's Bedrock face ({@code /demo/bedrock}) and supplies the demo's Bedrock API key,
 * region and Titan embedding model ({@code demo.bedrock.*}), so the starter
 * speaks Converse and decodes ConverseStream's event-stream frames (CRC-checked) over real HTTP:
 * chat, stream, the tool loop (streamed and not), a typed answer, a retried 503 and a retried
 * {@code ThrottlingException}, and Titan embeddings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "llm.provider=bedrock")
@DirtiesContext
@ExtendWith(ThreadDumpOnFailure.class)
class BedrockSampleIntegrationTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
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
	void theProviderAloneSelectsTheDemoModelsBedrockFaceWithItsDemoKeyAndRegion() {
		ClientConfig config = this.llm.config();
		assertThat(config.provider()).isEqualTo(Provider.BEDROCK);
		assertThat(config.baseUrl()).hasToString("http://localhost:" + PORT + "/demo/bedrock");
		assertThat(config.bedrockRegion()).isEqualTo("us-east-1");
		assertThat(config.apiKey()).isEqualTo("demo-bedrock-key");
		assertThat(config.embeddingModel()).isEqualTo("amazon.titan-embed-text-v2:0");
	}

	@Test
	void chatAnswersThroughConverse() {
		JsonNode answer = post("/api/chat", Map.of("prompt", "What is a reactive stream?"));
		assertThat(answer.path("content").asString())
			.startsWith("You asked: \"What is a reactive stream?\". I am the offline demo model");
		assertThat(answer.path("finishReason").asString()).isEqualTo("stop");
		assertThat(answer.path("usage").path("inputTokens").asInt()).isEqualTo(5);
		assertThat(answer.path("usage").path("outputTokens").asInt()).isPositive();
	}

	@Test
	void streamDecodesTheEventStreamFramesChunkByChunk() {
		Flux<ServerSentEvent<String>> events = this.client.get()
			.uri("/api/chat/stream?q={q}", "Hello there")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isOk()
			.returnResult(EVENT)
			.getResponseBody();
		StepVerifier.create(events.collectList()).assertNext((list) -> {
			List<ServerSentEvent<String>> chunks = list.stream().filter((event) -> "chunk".equals(event.event())).toList();
			assertThat(chunks).hasSizeGreaterThan(10);
			String text = String.join("", chunks.stream().map((event) -> field(event, "text")).toList());
			assertThat(text).isEqualTo("You asked: \"Hello there\". I am the offline demo model: I echo your words "
					+ "one chunk at a time, so you can watch the answer stream in.");
			ServerSentEvent<String> done = list.get(list.size() - 1);
			assertThat(done.event()).isEqualTo("done");
			JsonNode summary = this.json.readTree(done.data());
			assertThat(summary.path("finishReason").asString()).isEqualTo("stop");
			assertThat(summary.path("usage").path("inputTokens").asInt()).isEqualTo(2);
			assertThat(summary.path("usage").path("outputTokens").asInt()).isEqualTo(chunks.size());
		}).expectComplete().verify(Duration.ofSeconds(20));
	}

	@Test
	void toolLoopCallsTheClockThroughToolUseAndToolResult() {
		assertClockAnswer(post("/api/tools/ask", Map.of("prompt", "What time is it in Tokyo?")), "Asia/Tokyo");
	}

	@Test
	void toolLoopWorksOnStreamedTurnsWithInputFragments() {
		assertClockAnswer(post("/api/tools/ask", Map.of("prompt", "What time is it in New York?", "stream", true)),
				"America/New_York");
	}

	@Test
	void extractReturnsATypedContactThroughOutputConfig() {
		SampleApiChecks.extractsTheContact(this.client);
	}

	@Test
	void aServiceUnavailableIsRetried() {
		SampleApiChecks.answersOnTheSecondAttempt(this.client, "#fail-once Tell me about retries");
	}

	@Test
	void aThrottlingExceptionIsRetried() {
		SampleApiChecks.answersOnTheSecondAttempt(this.client, "#limit-once Tell me about rate limits");
	}

	@Test
	void exhaustedRetriesNameBedrocksErrorType() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#fail-always Will this work?"))
			.exchange()
			.expectStatus().isEqualTo(502)
			.expectBody()
			.jsonPath("$.upstreamStatus").isEqualTo(503)
			.jsonPath("$.errorType").isEqualTo("ServiceUnavailableException");
	}

	@Test
	void aThrottleOnEveryAttemptIsRetriedThenATooManyRequestsProblem() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#limit-always Will this work?"))
			.exchange()
			.expectStatus().isEqualTo(429)
			.expectBody()
			.jsonPath("$.upstreamStatus").isEqualTo(429)
			.jsonPath("$.errorType").isEqualTo("ThrottlingException");
	}

	@Test
	void similarEmbedsWithTitanThroughInvoke() {
		JsonNode answer = post("/api/similar", Map.of("query", "reactive streams with back-pressure",
				"sentences", List.of("A recipe for bread", "Reactive streams with back-pressure")));
		assertThat(answer.path("matches").path(0).path("sentence").asString())
			.isEqualTo("Reactive streams with back-pressure");
		assertThat(answer.path("matches").size()).isEqualTo(2);
	}

	@Test
	void theDemoStreamIsEventStreamFramesWithValidChecksumsInConverseOrder() {
		byte[] body = this.client.post()
			.uri("/demo/bedrock/model/demo-echo/converse-stream")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("messages", List.of(Map.of("role", "user", "content", List.of(Map.of("text", "Hi"))))))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentType("application/vnd.amazon.eventstream")
			.expectBody()
			.returnResult()
			.getResponseBody();
		List<String> events = new ArrayList<>();
		ByteBuffer frames = ByteBuffer.wrap(body);
		while (frames.hasRemaining()) {
			int start = frames.position();
			int total = frames.getInt(start);
			int headers = frames.getInt(start + 4);
			assertThat(crc(body, start, 8)).isEqualTo(frames.getInt(start + 8));
			assertThat(crc(body, start, total - 4)).isEqualTo(frames.getInt(start + total - 4));
			String headerText = new String(body, start + 12, headers, StandardCharsets.UTF_8);
			events.add(headerText.substring(headerText.indexOf(":event-type") + ":event-type".length() + 3,
					headerText.indexOf(":content-type") - 1));
			frames.position(start + total);
		}
		assertThat(events.get(0)).isEqualTo("messageStart");
		assertThat(events.get(1)).isEqualTo("contentBlockDelta");
		assertThat(events.subList(events.size() - 3, events.size()))
			.containsExactly("contentBlockStop", "messageStop", "metadata");
	}

	@Test
	void theDemoRejectsAnotherModelAsBedrockDoes() {
		this.client.post()
			.uri("/demo/bedrock/model/anthropic.claude-v2/converse")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("messages", List.of(Map.of("role", "user", "content", List.of(Map.of("text", "Hi"))))))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().value("x-amzn-ErrorType", (type) -> assertThat(type).startsWith("ValidationException:"))
			.expectBody()
			.jsonPath("$.message").value(String.class, (message) -> assertThat(message).contains("demo-echo"));
	}

	private static int crc(byte[] bytes, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, offset, length);
		return (int) crc.getValue();
	}

	private JsonNode post(String uri, Map<String, Object> body) {
		return SampleApiChecks.post(this.client, uri, body);
	}

	private String field(ServerSentEvent<String> event, String name) {
		return this.json.readTree(event.data()).path(name).asString();
	}

	private void assertClockAnswer(JsonNode answer, String zone) {
		assertThat(answer.path("turns").asInt()).isEqualTo(2);
		assertThat(answer.path("finishReason").asString()).isEqualTo("stop");
		assertThat(answer.path("toolCalls").size()).isEqualTo(1);
		JsonNode call = answer.path("toolCalls").path(0);
		assertThat(call.path("name").asString()).isEqualTo("clock");
		assertThat(this.json.readTree(call.path("arguments").asString()).path("timeZone").asString()).isEqualTo(zone);
		assertThat(this.json.readTree(call.path("result").asString()).path("timeZone").asString()).isEqualTo(zone);
		assertThat(answer.path("answer").asString()).contains(zone);
	}

}
