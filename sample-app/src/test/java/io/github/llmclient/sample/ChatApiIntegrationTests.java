package io.github.llmclient.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat API end to end: {@code WebTestClient} calls the application over HTTP, the
 * application's {@code LlmTemplate} calls the demo model over HTTP, and failures the demo model
 * acts out on request travel through the starter's retries and error mapping.
 */
class ChatApiIntegrationTests extends SampleAppTestSupport {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
			new ParameterizedTypeReference<>() {
			};

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void chatAnswersWithContentModelFinishReasonAndUsage() {
		SampleApiChecks.chatsAboutReactiveStreams(this.client)
			.jsonPath("$.content").isEqualTo("You asked: \"What is a reactive stream?\". I am the offline demo model: "
					+ "I echo your words one chunk at a time, so you can watch the answer stream in.")
			.jsonPath("$.finishReason").isEqualTo("stop")
			.jsonPath("$.usage.inputTokens").isEqualTo(5)
			.jsonPath("$.usage.outputTokens").isEqualTo(30)
			.jsonPath("$.usage.totalTokens").isEqualTo(35);
	}

	@Test
	void chatUsesTheModelOfTheRequest() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "Hello", "model", "demo-echo"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.model").isEqualTo("demo-echo");
	}

	@Test
	void chatRetriesServiceUnavailableThenSucceeds() {
		long failedAttemptsBefore = demoModelResponses(503);
		long retriesBefore = meterCount("llm.client.retries", "reason:503");
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#fail-once Tell me about retries"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").value(String.class, (content) -> assertThat(content).contains("attempt 2"))
			.jsonPath("$.finishReason").isEqualTo("stop");
		assertThat(demoModelResponses(503) - failedAttemptsBefore).isEqualTo(1);
		assertThat(meterCount("llm.client.retries", "reason:503") - retriesBefore).isEqualTo(1);
	}

	@Test
	void chatWaitsTheRetryAfterOfARateLimitThenSucceeds() {
		long start = System.nanoTime();
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#limit-once Tell me about rate limits"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.content").value(String.class, (content) -> assertThat(content).contains("attempt 2"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void chatMapsExhaustedRetriesToBadGatewayProblem() {
		long failedAttemptsBefore = demoModelResponses(503);
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#fail-always Will this work?"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(502)
			.jsonPath("$.title").isEqualTo("The model provider failed")
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail)
				.startsWith("HTTP 503 Service Unavailable from openai: The demo model is overloaded"))
			.jsonPath("$.upstreamStatus").isEqualTo(503)
			.jsonPath("$.errorType").isEqualTo("server_error")
			.jsonPath("$.clientRequestId").isNotEmpty()
			.jsonPath("$.trace").doesNotExist()
			.jsonPath("$.exception").doesNotExist();
		// llm.max-retries is 2: three attempts in all.
		assertThat(demoModelResponses(503) - failedAttemptsBefore).isEqualTo(3);
	}

	@Test
	void chatPassesRetryAfterOnWhenRateLimited() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "#limit-always Am I throttled?"))
			.exchange()
			.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "120")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.title").isEqualTo("Rate limited by the model provider")
			.jsonPath("$.retryAfterSeconds").isEqualTo(120)
			.jsonPath("$.upstreamStatus").isEqualTo(429);
	}

	@Test
	void chatRejectsBlankPromptWithProblem() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "   "))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.detail").isEqualTo("The prompt must not be blank");
	}

	@Test
	void chatRejectsMalformedJsonWithProblem() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"prompt\": ")
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.trace").doesNotExist();
	}

	@Test
	void chatMapsAnUnknownModelToBadRequestProblem() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "Hello", "model", "gpt-nonexistent"))
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.title").isEqualTo("The model provider rejected the request")
			.jsonPath("$.upstreamStatus").isEqualTo(404)
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail).contains("gpt-nonexistent"));
	}

	@Test
	void streamSendsOneEventPerChunkThenDoneWithUsage() {
		Flux<ServerSentEvent<String>> events = stream("Hello there");
		StepVerifier.create(events.collectList()).assertNext((list) -> {
			List<ServerSentEvent<String>> chunks = list.subList(0, list.size() - 1);
			assertThat(chunks).hasSizeGreaterThan(10)
				.allSatisfy((event) -> assertThat(event.event()).isEqualTo("chunk"));
			String text = String.join("", chunks.stream().map((event) -> field(event, "text")).toList());
			assertThat(text).isEqualTo("You asked: \"Hello there\". I am the offline demo model: I echo your words "
					+ "one chunk at a time, so you can watch the answer stream in.");
			ServerSentEvent<String> done = list.get(list.size() - 1);
			assertThat(done.event()).isEqualTo("done");
			JsonNode summary = this.json.readTree(done.data());
			assertThat(summary.path("finishReason").asString()).isEqualTo("stop");
			assertThat(summary.path("model").asString()).isEqualTo("demo-echo");
			assertThat(summary.path("chunks").asInt()).isEqualTo(chunks.size());
			assertThat(summary.path("usage").path("inputTokens").asInt()).isEqualTo(2);
			assertThat(summary.path("usage").path("outputTokens").asInt()).isEqualTo(chunks.size());
		}).expectComplete().verify(Duration.ofSeconds(20));
	}

	@Test
	void streamRetriesAFailureBeforeTheFirstChunk() {
		StepVerifier.create(stream("#fail-once Stream please").collectList()).assertNext((list) -> {
			assertThat(list.get(list.size() - 1).event()).isEqualTo("done");
			String text = String.join("", list.stream()
				.filter((event) -> "chunk".equals(event.event()))
				.map((event) -> field(event, "text"))
				.toList());
			assertThat(text).contains("attempt 2");
		}).expectComplete().verify(Duration.ofSeconds(20));
	}

	@Test
	void streamEndsWithProblemEventWhenRetriesRunOut() {
		StepVerifier.create(stream("#fail-always Stream please")).assertNext((event) -> {
			assertThat(event.event()).isEqualTo("problem");
			JsonNode problem = this.json.readTree(event.data());
			assertThat(problem.path("status").asInt()).isEqualTo(502);
			assertThat(problem.path("upstreamStatus").asInt()).isEqualTo(503);
			assertThat(problem.path("title").asString()).isEqualTo("The model provider failed");
		}).expectComplete().verify(Duration.ofSeconds(20));
	}

	@Test
	void streamRejectsBlankQueryWithProblem() {
		this.client.get()
			.uri("/api/chat/stream?q={q}", " ")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("The prompt must not be blank");
	}

	@Test
	void modelsListsTheEndpointsModels() {
		this.client.get()
			.uri("/api/models")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$").isEqualTo(List.of("demo-echo", "demo-embed"));
	}

	@Test
	void actuatorExposesHealthAndTheStartersMetrics() {
		this.client.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "Warm up the meters"))
			.exchange()
			.expectStatus().isOk();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		this.client.get().uri("/actuator/metrics").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.names").value(List.class, (names) -> assertThat(names).contains(
					"gen_ai.client.operation.duration", "gen_ai.client.token.usage", "llm.client.requests",
					"http.client.requests", "http.server.requests"));
	}

	private Flux<ServerSentEvent<String>> stream(String prompt) {
		return this.client.get()
			.uri("/api/chat/stream?q={q}", prompt)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(EVENT)
			.getResponseBody();
	}

	private String field(ServerSentEvent<String> event, String name) {
		return this.json.readTree(event.data()).path(name).asString();
	}

	/** How many responses with the given status the demo model has sent, from Actuator's server metrics. */
	private long demoModelResponses(int status) {
		return meterCount("http.server.requests", "uri:/demo/v1/chat/completions", "status:" + status);
	}

	/** The count of a meter as Actuator reports it, 0 while no measurement matches the tags. */
	private long meterCount(String meter, String... tags) {
		byte[] body = this.client.get()
			.uri((uri) -> uri.path("/actuator/metrics/" + meter).queryParam("tag", (Object[]) tags).build())
			.exchange()
			.returnResult(byte[].class)
			.getResponseBodyContent();
		if (body == null || body.length == 0) {
			return 0;
		}
		JsonNode found = this.json.readTree(body);
		for (JsonNode measurement : found.path("measurements")) {
			if ("COUNT".equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asLong();
			}
		}
		return 0;
	}

}
