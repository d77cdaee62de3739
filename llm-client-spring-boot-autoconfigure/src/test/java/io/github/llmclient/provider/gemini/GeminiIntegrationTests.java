package io.github.llmclient.provider.gemini;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.retry.RetrySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The Gemini API through {@link LlmTemplate}, against WireMock serving recorded answers. */
class GeminiIntegrationTests {

	private static final String KEY = "gemini-test-key-0123456789-SECRET";

	private static final String GENERATE = "/v1beta/models/gemini-3-pro-preview:generateContent";

	private static final String STREAM = "/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Tool WEATHER = Tool.function("weather", "The weather in a place",
			"{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}");

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template = template(TestClients.fastRetries(2));

	@AfterEach
	void close() {
		this.template.close();
	}

	private static LlmTemplate template(RetrySettings retry) {
		return LlmTemplate.builder(ClientConfig.builder(Provider.GEMINI)
			.apiKey(KEY)
			.baseUrl(server.baseUrl() + "/v1beta")
			.model("gemini-3-pro-preview")
			.retry(retry)
			.embeddingModel("gemini-embedding-001")
			.build()).build();
	}

	@Test
	void toolLoopSendsTheThoughtSignatureBackOnTheExactPart() {
		server.stubFor(post(GENERATE).inScenario("loop").whenScenarioStateIs(STARTED)
			.willReturn(okJson(GeminiFixtures.fixture("tool-call-gemini3.json")))
			.willSetStateTo("answered"));
		server.stubFor(post(GENERATE).inScenario("loop").whenScenarioStateIs("answered")
			.willReturn(okJson(GeminiFixtures.fixture("text.json"))));
		ChatRequest first = ChatRequest.builder().system("Be brief.").user("Weather in San Francisco?").tool(WEATHER).build();

		ChatResponse call = this.template.chat(first).block(WAIT);

		assertThat(call.finishReason()).isEqualTo("tool_calls");
		assertThat(call.toolCalls()).singleElement().satisfies((toolCall) -> {
			assertThat(toolCall.name()).isEqualTo("weather");
			assertThat(toolCall.argumentsAs(java.util.Map.class)).isEqualTo(java.util.Map.of("location", "San Francisco"));
			assertThat(toolCall.id()).isNotBlank();
		});
		assertThat(call.usage()).isEqualTo(new Usage(29, 15 + 1801, 1845, 0, 1801));
		assertThat(call.model()).isEqualTo("gemini-3-pro-preview");
		assertThat(call.replay()).isNotNull().extracting(ReplayData::format).isEqualTo(ReplayData.GEMINI);

		ToolCall toolCall = call.toolCalls().get(0);
		ChatRequest second = first.mutate()
			.message(ChatMessage.assistant(call))
			.message(ChatMessage.tool(toolCall.id(), "{\"temperature\":18,\"unit\":\"C\"}"))
			.build();
		ChatResponse answer = this.template.chat(second).block(WAIT);
		assertThat(answer.content()).isNotEmpty();

		JsonNode body = lastBody(GENERATE);
		String signature = GeminiFixtures.json("tool-call-gemini3.json")
			.at("/candidates/0/content/parts/0/thoughtSignature").stringValue();
		assertThat(body.at("/systemInstruction/parts/0/text").stringValue()).isEqualTo("Be brief.");
		assertThat(body.at("/contents/0/role").stringValue()).isEqualTo("user");
		JsonNode model = body.at("/contents/1");
		assertThat(model.path("role").stringValue()).isEqualTo("model");
		assertThat(model.path("parts")).hasSize(1);
		assertThat(model.at("/parts/0/thoughtSignature").stringValue()).isEqualTo(signature);
		assertThat(model.at("/parts/0/functionCall/name").stringValue()).isEqualTo("weather");
		assertThat(model.at("/parts/0/functionCall/args/location").stringValue()).isEqualTo("San Francisco");
		JsonNode results = body.at("/contents/2");
		assertThat(results.path("role").stringValue()).isEqualTo("user");
		assertThat(results.at("/parts/0/functionResponse/name").stringValue()).isEqualTo("weather");
		assertThat(results.at("/parts/0/functionResponse/response/output/temperature").asInt()).isEqualTo(18);
		// a made-up id is the client's own: never sent to the API
		assertThat(results.at("/parts/0/functionResponse").has("id")).isFalse();
		assertThat(body.at("/tools/0/functionDeclarations/0/parametersJsonSchema/required/0").stringValue())
			.isEqualTo("location");
	}

	@Test
	void parallelCallsGetDistinctIdsAndTheirResultsOneUserContent() {
		// the recorded signed call, followed by a second, unsigned one: with parallel calls only the first is signed
		JsonNode recorded = GeminiFixtures.json("tool-call-gemini3.json");
		tools.jackson.databind.node.ArrayNode parts = (tools.jackson.databind.node.ArrayNode) recorded
			.at("/candidates/0/content/parts");
		parts.addObject().putObject("functionCall").put("name", "weather").putObject("args").put("location", "Tokyo");
		server.stubFor(post(GENERATE).willReturn(okJson(recorded.toString())));

		ChatResponse call = this.template.chat(ChatRequest.builder().user("Weather in SF and Tokyo?").tool(WEATHER).build())
			.block(WAIT);
		assertThat(call.toolCalls()).hasSize(2);
		assertThat(Set.of(call.toolCalls().get(0).id(), call.toolCalls().get(1).id())).hasSize(2);

		ChatRequest next = ChatRequest.builder().user("Weather in SF and Tokyo?").tool(WEATHER)
			.message(ChatMessage.assistant(call))
			.message(ChatMessage.tool(call.toolCalls().get(1).id(), "rainy"))
			.message(ChatMessage.tool(call.toolCalls().get(0).id(), "sunny"))
			.build();
		this.template.chat(next).block(WAIT);

		JsonNode body = lastBody(GENERATE);
		assertThat(body.path("contents")).hasSize(3);
		assertThat(body.at("/contents/1/parts/0").has("thoughtSignature")).isTrue();
		assertThat(body.at("/contents/1/parts/1").has("thoughtSignature")).isFalse();
		assertThat(body.at("/contents/1/parts/1/functionCall/args/location").stringValue()).isEqualTo("Tokyo");
		assertThat(body.at("/contents/2/role").stringValue()).isEqualTo("user");
		assertThat(body.at("/contents/2/parts")).hasSize(2);
		assertThat(body.at("/contents/2/parts/0/functionResponse/response/output").stringValue()).isEqualTo("rainy");
		assertThat(body.at("/contents/2/parts/1/functionResponse/response/output").stringValue()).isEqualTo("sunny");
		assertThat(body.at("/contents/2/parts/1/functionResponse/name").stringValue()).isEqualTo("weather");
	}

	@Test
	void streamsRecordedAnswerWithTheFinalUsageOnceAndReplaysTheEmptySignedPart() {
		server.stubFor(post(urlEqualTo(STREAM)).willReturn(GeminiFixtures.eventStream(GeminiFixtures.sse("text.chunks.txt"))
			.withChunkedDribbleDelay(40, 40)));

		List<ChatChunk> chunks = this.template.stream(ChatRequest.of("How many r in strawberry?")).collectList().block(WAIT);

		assertThat(chunks).extracting(ChatChunk::content)
			.containsExactly("There are **3**", " \"r\"s in strawberry.\n\nst**r**awbe**rr**y", "");
		assertThat(chunks).filteredOn((chunk) -> chunk.usage() != null).singleElement()
			.satisfies((chunk) -> {
				assertThat(chunk.usage()).isEqualTo(new Usage(9, 23 + 185, 217, 0, 185));
				assertThat(chunk.finishReason()).isEqualTo("stop");
			});
		ChatResponse answer = ChatChunks.aggregate(reactor.core.publisher.Flux.fromIterable(chunks)).block(WAIT);
		assertThat(answer.replay()).isNotNull();

		server.stubFor(post(GENERATE).willReturn(okJson(GeminiFixtures.fixture("text.json"))));
		this.template.chat(ChatRequest.builder().user("How many r in strawberry?").message(ChatMessage.assistant(answer))
			.user("And in raspberry?").build()).block(WAIT);
		JsonNode model = lastBody(GENERATE).at("/contents/1");
		assertThat(model.path("parts")).hasSize(2);
		assertThat(model.at("/parts/0/text").stringValue()).isEqualTo(answer.content());
		assertThat(model.at("/parts/0").has("thoughtSignature")).isFalse();
		assertThat(model.at("/parts/1/text").stringValue()).isEmpty();
		assertThat(model.at("/parts/1/thoughtSignature").stringValue()).startsWith("EqsFCqgFAb4");
	}

	@Test
	void recordedEmptySignedFinalPartCompletesTheStream() {
		server.stubFor(post(urlEqualTo(STREAM))
			.willReturn(GeminiFixtures.eventStream(GeminiFixtures.sse("empty-text-thought-signature.chunks.txt"))));

		ChatResponse answer = ChatChunks.aggregate(this.template.stream(ChatRequest.of("2+2?"))).block(WAIT);

		assertThat(answer.content()).isEqualTo("4");
		assertThat(answer.finishReason()).isEqualTo("stop");
		assertThat(answer.usage()).isEqualTo(new Usage(15, 1 + 52, 68, 0, 52));
		assertThat(answer.replay().data()).contains("EpcCCpQCARFNMg9G");
	}

	@Test
	void streamClosedBeforeAFinishReasonIsAnError() {
		this.template.close();
		this.template = template(TestClients.fastRetries(0));
		server.stubFor(post(urlEqualTo(STREAM))
			.willReturn(GeminiFixtures.eventStream(GeminiFixtures.sseLines("text.chunks.txt", 2))));

		StepVerifier.create(this.template.stream(ChatRequest.of("How many r in strawberry?")))
			.expectNextCount(2)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("ended before completion"))
			.verify(WAIT);
	}

	@Test
	void inStreamErrorBeforeContentIsRetried() {
		server.stubFor(post(urlEqualTo(STREAM)).inScenario("overloaded").whenScenarioStateIs(STARTED)
			.willReturn(GeminiFixtures.eventStream(
					"data: {\"error\": {\"code\": 503, \"message\": \"The model is overloaded. Please try again later.\", "
							+ "\"status\": \"UNAVAILABLE\"}}\r\n\r\n"))
			.willSetStateTo("recovered"));
		server.stubFor(post(urlEqualTo(STREAM)).inScenario("overloaded").whenScenarioStateIs("recovered")
			.willReturn(GeminiFixtures.eventStream(GeminiFixtures.sse("text.chunks.txt"))));

		ChatResponse answer = ChatChunks.aggregate(this.template.stream(ChatRequest.of("How many r?"))).block(WAIT);

		assertThat(answer.content()).isEqualTo("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y");
		server.verify(2, postRequestedFor(urlEqualTo(STREAM)));
	}

	@Test
	void inStreamErrorAfterContentIsDeliveredAfterTheChunks() {
		server.stubFor(post(urlEqualTo(STREAM)).willReturn(GeminiFixtures.eventStream(GeminiFixtures
			.sseLines("text.chunks.txt", 1)
				+ "data: {\"error\": {\"code\": 500, \"message\": \"Internal error\", \"status\": \"INTERNAL\"}}\r\n\r\n")));

		StepVerifier.create(this.template.stream(ChatRequest.of("How many r?")))
			.expectNextMatches((chunk) -> chunk.content().equals("There are **3**"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmException.class)
				.hasMessageContaining("INTERNAL")
				.extracting((e) -> ((LlmException) e).errorType())
				.isEqualTo("INTERNAL"))
			.verify(WAIT);
		server.verify(1, postRequestedFor(urlEqualTo(STREAM)));
	}

	@Test
	void retryInfoDelayIsTheRequestedWait() {
		String shortDelay = GeminiFixtures.fixture("429-retry-info.json").replace("\"34.4s\"", "\"0.35s\"");
		server.stubFor(post(GENERATE).inScenario("quota").whenScenarioStateIs(STARTED)
			.willReturn(GeminiFixtures.json(429, shortDelay))
			.willSetStateTo("ok"));
		server.stubFor(post(GENERATE).inScenario("quota").whenScenarioStateIs("ok")
			.willReturn(okJson(GeminiFixtures.fixture("text.json"))));

		long start = System.nanoTime();
		ChatResponse answer = this.template.chat(ChatRequest.of("Hi")).block(WAIT);

		assertThat(answer.content()).isNotEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
		server.verify(2, postRequestedFor(urlEqualTo(GENERATE)));
	}

	@Test
	void recordedRetryInfoBeyondTheCapFailsAtOnceWithTheWaitAndStatus() {
		this.template.close();
		RetrySettings fast = TestClients.fastRetries(3);
		this.template = template(new RetrySettings(fast.maxRetries(), fast.initialBackoff(), fast.multiplier(),
				fast.maxBackoff(), fast.jitter(), fast.statusCodes(), Duration.ofSeconds(5), fast.maxElapsed()));
		server.stubFor(post(GENERATE).willReturn(GeminiFixtures.json(429, GeminiFixtures.fixture("429-retry-info.json"))));

		StepVerifier.create(this.template.chat(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(LlmRateLimitException.class)
					.hasMessageContaining("You exceeded your current quota");
				LlmException llm = (LlmException) ex;
				assertThat(llm.errorType()).isEqualTo("RESOURCE_EXHAUSTED");
				assertThat(llm.retryAfter()).contains(Duration.ofMillis(34_400));
			})
			.verify(WAIT);
		server.verify(1, postRequestedFor(urlEqualTo(GENERATE)));
	}

	@Test
	void perDayQuotaIsNotRetriedEvenInsideAnArray() {
		String perDay = "[" + GeminiFixtures.fixture("429-retry-info.json")
			.replace("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "GenerateRequestsPerDayPerProjectPerModel-FreeTier")
			.replace("\"34.4s\"", "\"0.01s\"") + "]";
		server.stubFor(post(GENERATE).willReturn(GeminiFixtures.json(429, perDay)));

		StepVerifier.create(this.template.chat(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(LlmRateLimitException.class);
				assertThat(((LlmException) ex).isRetryable()).isFalse();
				assertThat(((LlmException) ex).errorType()).isEqualTo("RESOURCE_EXHAUSTED");
			})
			.verify(WAIT);
		server.verify(1, postRequestedFor(urlEqualTo(GENERATE)));
	}

	@Test
	void recordedBlockedPromptIsAnEmptyContentFilteredAnswer() {
		server.stubFor(post(GENERATE).willReturn(okJson(GeminiFixtures.fixture("prompt-block.json"))));

		ChatResponse answer = this.template.chat(ChatRequest.of("…")).block(WAIT);

		assertThat(answer.content()).isEmpty();
		assertThat(answer.finishReason()).isEqualTo("content_filter");
		assertThat(answer.usage()).isEqualTo(new Usage(9, 0, 9));
	}

	@Test
	void blockedPromptInAStreamCompletesIt() {
		server.stubFor(post(urlEqualTo(STREAM)).willReturn(GeminiFixtures.eventStream(
				"data: " + GeminiFixtures.fixture("prompt-block.json").replaceAll("\\s+", "") + "\r\n\r\n")));

		ChatResponse answer = ChatChunks.aggregate(this.template.stream(ChatRequest.of("…"))).block(WAIT);

		assertThat(answer.finishReason()).isEqualTo("content_filter");
		assertThat(answer.content()).isEmpty();
	}

	@Test
	void modelsListsEveryPageWithoutThePrefix() {
		server.stubFor(get(urlEqualTo("/v1beta/models?pageSize=1000")).willReturn(okJson("""
				{"models": [{"name": "models/gemini-2.5-flash"}, {"name": "models/gemini-2.5-pro"}],
				 "nextPageToken": "Chltb2RlbHMvZ2VtaW5pLTIuNS1wcm8="}""")));
		server.stubFor(get(urlEqualTo("/v1beta/models?pageSize=1000&pageToken=Chltb2RlbHMvZ2VtaW5pLTIuNS1wcm8%3D"))
			.willReturn(okJson("{\"models\": [{\"name\": \"models/gemini-embedding-001\"}]}")));

		assertThat(this.template.models().block(WAIT)).containsExactly("gemini-2.5-flash", "gemini-2.5-pro",
				"gemini-embedding-001");
		server.verify(getRequestedFor(urlPathEqualTo("/v1beta/models")).withHeader("x-goog-api-key", equalTo(KEY)));
	}

	@Test
	void embeddingsAreSentAtMostOneHundredPerRequest() {
		List<String> inputs = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			inputs.add("text " + i);
		}
		server.stubFor(post("/v1beta/models/gemini-embedding-001:batchEmbedContents")
			.withRequestBody(matchingJsonPath("$.requests[99]"))
			.withRequestBody(notContaining("\"text 100\""))
			.willReturn(okJson(embeddings(100, 0))));
		server.stubFor(post("/v1beta/models/gemini-embedding-001:batchEmbedContents")
			.withRequestBody(matchingJsonPath("$.requests[99]"))
			.withRequestBody(containing("\"text 100\""))
			.willReturn(okJson(embeddings(100, 100))));
		server.stubFor(post("/v1beta/models/gemini-embedding-001:batchEmbedContents")
			.withRequestBody(containing("\"text 249\""))
			.withRequestBody(notMatching("(?s).*\"text 199\".*"))
			.willReturn(okJson(embeddings(50, 200))));

		List<float[]> vectors = this.template.embed(EmbeddingRequest.of(inputs)).block(WAIT).embeddings();

		assertThat(vectors).hasSize(250);
		for (int i = 0; i < 250; i++) {
			assertThat(vectors.get(i)[0]).isEqualTo(i);
		}
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(
				"/v1beta/models/gemini-embedding-001:batchEmbedContents")));
		assertThat(requests).hasSize(3);
		assertThat(requests).allSatisfy((request) -> {
			JsonNode body = GeminiFixtures.MAPPER.readTree(request.getBodyAsString());
			assertThat(body.path("requests").size()).isLessThanOrEqualTo(100);
			assertThat(body.at("/requests/0/model").stringValue()).isEqualTo("models/gemini-embedding-001");
			assertThat(body.at("/requests/0/content/parts/0/text").stringValue()).startsWith("text ");
		});
	}

	@Test
	void aConversationCarryingGeminiReplayMovesToAnOpenAiFallbackWithoutIt() {
		server.stubFor(post(GENERATE).willReturn(GeminiFixtures.json(503,
				"{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}")));
		server.stubFor(post("/v1/chat/completions").willReturn(okJson("""
				{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"18 degrees."},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":8,"completion_tokens":2,"total_tokens":10}}""")));
		ChatResponse call = new GeminiResponseReader(GeminiFixtures.MAPPER)
			.read(GeminiFixtures.fixture("tool-call-gemini3.json").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		ChatRequest conversation = ChatRequest.builder().user("Weather in San Francisco?").tool(WEATHER)
			.message(ChatMessage.assistant(call))
			.message(ChatMessage.tool(call.toolCalls().get(0).id(), "18"))
			.build();

		try (LlmTemplate openAi = LlmTemplate.builder(TestClients.openAi(server.baseUrl() + "/v1").name("openai").build())
			.build();
				LlmTemplate gemini = LlmTemplate.builder(ClientConfig.builder(Provider.GEMINI)
					.apiKey(KEY)
					.baseUrl(server.baseUrl() + "/v1beta")
					.model("gemini-3-pro-preview")
					.retry(TestClients.fastRetries(1))
					.fallback("openai")
					.build()).fallback(() -> openAi).build()) {
			assertThat(gemini.chat(conversation).block(WAIT).content()).isEqualTo("18 degrees.");
		}

		server.verify(2, postRequestedFor(urlEqualTo(GENERATE)));
		String openAiBody = server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString();
		assertThat(openAiBody).doesNotContain("thoughtSignature").doesNotContain("Eqo+Cqc+");
		JsonNode body = GeminiFixtures.MAPPER.readTree(openAiBody);
		assertThat(body.at("/messages/1/tool_calls/0/function/name").stringValue()).isEqualTo("weather");
		assertThat(body.at("/messages/2/tool_call_id").stringValue()).isEqualTo(call.toolCalls().get(0).id());
	}

	/** A batchEmbedContents answer whose vectors start with their input's index. */
	private static String embeddings(int count, int first) {
		StringBuilder json = new StringBuilder("{\"embeddings\": [");
		for (int i = 0; i < count; i++) {
			json.append((i > 0) ? "," : "").append("{\"values\": [").append(first + i).append(", 0.5, -0.25]}");
		}
		return json.append("]}").toString();
	}

	private static JsonNode lastBody(String url) {
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(url)));
		return GeminiFixtures.MAPPER.readTree(requests.get(requests.size() - 1).getBodyAsString());
	}

}
