package io.github.llmclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.provider.ProviderTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Responses API streams through {@link LlmTemplate}: streams recorded from api.openai.com replayed
 * byte by byte (see the fixtures' SOURCES.md), the same answers read whole, in-stream errors in
 * both documented shapes, retries before content, and a stream cut before its terminal event.
 */
class ResponsesStreamIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.builder().build();

	static final String TOOL_CALL = ProviderTestSupport.fixture("openai-responses-stream-tool-call.sse");

	static final String TOOL_RESULT = ProviderTestSupport.fixture("openai-responses-stream-tool-result.sse");

	static final String REASONING = ProviderTestSupport.fixture("openai-responses-stream-reasoning-summary.sse");

	/** The recorded stream's opening events, before any content. */
	private static final String CREATED = TOOL_CALL.substring(0, TOOL_CALL.indexOf("event: response.output_item.added"));

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static LlmTemplate responses(String baseUrl) {
		return LlmTemplate.builder(TestClients.openAi(baseUrl).model("gpt-5").openAiApi(OpenAiApi.RESPONSES).build())
			.build();
	}

	/** The data of the recorded stream's event of that type (the last one, if several). */
	static JsonNode event(String stream, String type) {
		JsonNode found = null;
		for (String line : stream.split("\n")) {
			if (line.startsWith("data: ") && line.contains("\"type\":\"" + type + "\"")) {
				found = json.readTree(line.substring(6));
			}
		}
		assertThat(found).as(type).isNotNull();
		return found;
	}

	@Test
	void toolCallStreamReplayedByteByByte() {
		try (DribbleServer dribble = DribbleServer.serving(TOOL_CALL.getBytes(StandardCharsets.UTF_8), 1,
				"text/event-stream"); LlmTemplate template = responses(dribble.baseUrl())) {
			List<ChatChunk> chunks = template.stream(ChatRequest.of("What is the weather in New York City, USA?"))
				.collectList()
				.block(WAIT);
			assertThat(chunks.get(0).toolCalls()).containsExactly(
					new ToolCallDelta(0, "call_5dp5Uj0Loqn1YcyIpqSq6sLX", "get_weather", ""));
			// 12 argument deltas keyed by item_id, each on tool call 0
			assertThat(chunks.stream().flatMap((c) -> c.toolCalls().stream()).filter((d) -> d.id() == null))
				.hasSize(12)
				.allSatisfy((d) -> assertThat(d.index()).isZero());
			ChatResponse answer = ChatChunks.aggregate(reactor.core.publisher.Flux.fromIterable(chunks)).block();
			assertThat(answer.toolCalls()).containsExactly(new ToolCall("call_5dp5Uj0Loqn1YcyIpqSq6sLX", "get_weather",
					"{ \"location\": \"New York City, USA\" }"));
			assertThat(answer.finishReason()).isEqualTo("tool_calls");
			assertThat(answer.usage()).isEqualTo(new Usage(75, 155, 230, 0, 128));
			assertThat(answer.id()).isEqualTo("resp_68d9303e0ef4819e9abaed38fac5de4f03aa6e5a972b3b23");
			assertThat(answer.model()).isEqualTo("gpt-5-2025-08-07");
			assertThat(answer.content()).isEmpty();
			// the replay carries the final encrypted reasoning (response.completed), not the partial one of output_item.added
			String added = event(TOOL_CALL, "response.output_item.added").path("item").path("encrypted_content")
				.asString(null);
			JsonNode completedReasoning = event(TOOL_CALL, "response.completed").path("response").path("output").get(0);
			assertThat(answer.replay().format()).isEqualTo(ReplayData.OPENAI_RESPONSES);
			JsonNode replayed = json.readTree(answer.replay().data());
			assertThat(replayed.get(0)).isEqualTo(completedReasoning);
			assertThat(replayed.get(0).path("encrypted_content").asString()).isNotEqualTo(added);
			assertThat(replayed.get(1).path("type").asString()).isEqualTo("function_call");
		}
	}

	@Test
	void reasoningSummaryStreamEqualsTheSameAnswerReadWhole() {
		JsonNode completed = event(REASONING, "response.completed").path("response");
		server.stubFor(post("/v1/responses").willReturn(okJson(completed.toString())));
		try (DribbleServer dribble = DribbleServer.serving(REASONING.getBytes(StandardCharsets.UTF_8), 7,
				"text/event-stream"); LlmTemplate streaming = responses(dribble.baseUrl());
				LlmTemplate whole = responses(server.baseUrl() + "/v1")) {
			ChatResponse streamed = streaming.stream(ChatRequest.of("How do I cross the street?"))
				.as(ChatChunks::aggregate)
				.block(WAIT);
			ChatResponse read = whole.chat(ChatRequest.of("How do I cross the street?")).block(WAIT);
			assertThat(streamed).isEqualTo(read);
			assertThat(streamed.reasoning()).startsWith("**").contains("\n\n**");
			assertThat(streamed.reasoning().split("\n\n\\*\\*")).hasSize(4);
			assertThat(streamed.content()).startsWith("I'm not a road safety professional");
			assertThat(streamed.usage()).isEqualTo(new Usage(13, 1680, 1693, 0, 1408));
			assertThat(streamed.finishReason()).isEqualTo("stop");
			JsonNode replayed = json.readTree(streamed.replay().data());
			assertThat(replayed.get(0).path("encrypted_content")).isEqualTo(completed.path("output").get(0)
				.path("encrypted_content"));
		}
	}

	@Test
	void toolCallStreamEqualsTheSameAnswerReadWhole() {
		server.stubFor(post("/v1/responses")
			.willReturn(okJson(event(TOOL_CALL, "response.completed").path("response").toString())));
		try (DribbleServer dribble = DribbleServer.serving(TOOL_CALL.getBytes(StandardCharsets.UTF_8), 64,
				"text/event-stream"); LlmTemplate streaming = responses(dribble.baseUrl());
				LlmTemplate whole = responses(server.baseUrl() + "/v1")) {
			assertThat(streaming.stream(ChatRequest.of("Weather?")).as(ChatChunks::aggregate).block(WAIT))
				.isEqualTo(whole.chat(ChatRequest.of("Weather?")).block(WAIT));
		}
	}

	@Test
	void failedBeforeContentWithRateLimitIsRetried() {
		String failed = CREATED + """
				event: response.failed
				data: {"type":"response.failed","sequence_number":2,"response":{"id":"resp_1","object":"response","status":"failed","error":{"code":"rate_limit_exceeded","message":"Rate limit reached for gpt-5"},"output":[],"usage":null}}

				""";
		server.stubFor(post("/v1/responses").inScenario("failed").willSetStateTo("retried")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(failed)));
		server.stubFor(post("/v1/responses").inScenario("failed").whenScenarioStateIs("retried")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(TOOL_RESULT)));
		try (LlmTemplate template = responses(server.baseUrl() + "/v1")) {
			ChatResponse answer = template.stream(ChatRequest.of("Weather?")).as(ChatChunks::aggregate).block(WAIT);
			assertThat(answer.content()).isEqualTo("Current weather in New York City, USA: Sunny.");
			assertThat(answer.finishReason()).isEqualTo("stop");
		}
		server.verify(2, postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void flatErrorEventBeforeContentWithServerErrorIsRetried() {
		String error = CREATED + """
				event: error
				data: {"type":"error","code":"server_error","message":"The server had an error","param":null,"sequence_number":2}

				""";
		server.stubFor(post("/v1/responses").inScenario("error").willSetStateTo("retried")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(error)));
		server.stubFor(post("/v1/responses").inScenario("error").whenScenarioStateIs("retried")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(TOOL_RESULT)));
		try (LlmTemplate template = responses(server.baseUrl() + "/v1")) {
			assertThat(template.stream(ChatRequest.of("Weather?")).as(ChatChunks::aggregate).block(WAIT).content())
				.isEqualTo("Current weather in New York City, USA: Sunny.");
		}
		server.verify(2, postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void nestedErrorEventAfterContentIsDeliveredAfterTheChunksAndNotRetried() {
		String cut = TOOL_RESULT.substring(0, TOOL_RESULT.indexOf("event: response.output_text.done"));
		String body = cut + """
				event: error
				data: {"type":"error","sequence_number":17,"error":{"type":"invalid_request_error","code":"rate_limit_exceeded","message":"Rate limit reached","param":null}}

				""";
		server.stubFor(post("/v1/responses")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
		try (LlmTemplate template = responses(server.baseUrl() + "/v1")) {
			StepVerifier.create(template.stream(ChatRequest.of("Weather?")).map(ChatChunk::content))
				.expectNext("Current", " weather", " in", " New", " York", " City", ",", " USA", ":", " Sunny", ".")
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(LlmRateLimitException.class).hasMessageContaining("Rate limit reached");
					assertThat(((LlmException) ex).errorType()).isEqualTo("rate_limit_exceeded");
				})
				.verify(WAIT);
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void failedAfterContentIsAnErrorWithTheResponsesErrorCode() {
		String cut = TOOL_RESULT.substring(0, TOOL_RESULT.indexOf("event: response.output_text.done"));
		String body = cut + """
				event: response.failed
				data: {"type":"response.failed","sequence_number":17,"response":{"id":"resp_1","status":"failed","error":{"code":"server_error","message":"The model failed to generate a response."},"output":[]}}

				""";
		server.stubFor(post("/v1/responses")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
		try (LlmTemplate template = responses(server.baseUrl() + "/v1")) {
			StepVerifier.create(template.stream(ChatRequest.of("Weather?")))
				.expectNextCount(11)
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(LlmServerException.class)
						.hasMessageContaining("The model failed to generate a response.");
					assertThat(((LlmException) ex).errorType()).isEqualTo("server_error");
				})
				.verify(WAIT);
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void streamWithoutTerminalEventIsAnError() {
		String cut = TOOL_RESULT.substring(0, TOOL_RESULT.indexOf("event: response.completed"));
		server.stubFor(post("/v1/responses")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(cut)));
		try (LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl() + "/v1")
			.openAiApi(OpenAiApi.RESPONSES)
			.retry(TestClients.fastRetries(0))
			.build()).build()) {
			StepVerifier.create(template.stream(ChatRequest.of("Weather?")))
				.expectNextCount(11)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmProtocolException.class)
					.hasMessageContaining("ended before completion"))
				.verify(WAIT);
		}
	}

	@Test
	void failedNonStreamingResponseIsAnErrorWithItsCode() {
		server.stubFor(post("/v1/responses").willReturn(okJson("""
				{"id":"resp_1","object":"response","status":"failed","error":{"code":"invalid_prompt","message":"Invalid prompt"},"output":[]}""")));
		try (LlmTemplate template = responses(server.baseUrl() + "/v1")) {
			StepVerifier.create(template.chat(ChatRequest.of("Hi")))
				.expectErrorSatisfies((ex) -> {
					assertThat(ex).isInstanceOf(LlmException.class).hasMessageContaining("Invalid prompt");
					assertThat(((LlmException) ex).errorType()).isEqualTo("invalid_prompt");
				})
				.verify(WAIT);
		}
	}

	@Test
	void incompleteResponseFinishesWithLength() {
		server.stubFor(post("/v1/responses").willReturn(okJson("""
				{"id":"resp_2","object":"response","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"model":"gpt-5","output":[{"type":"message","id":"msg_1","status":"incomplete","role":"assistant","content":[{"type":"output_text","text":"Half an ans","annotations":[]}]}],"usage":{"input_tokens":5,"output_tokens":4,"total_tokens":9}}""")));
		try (LlmTemplate template = responses(server.baseUrl() + "/v1")) {
			ChatResponse answer = template.chat(ChatRequest.of("Hi")).block(WAIT);
			assertThat(answer.content()).isEqualTo("Half an ans");
			assertThat(answer.finishReason()).isEqualTo("length");
			assertThat(answer.replay()).isNull();
		}
	}

	@Test
	void azureV1RouteSendsTheDeploymentAsModelWithItsKeyHeader() {
		server.stubFor(post("/openai/v1/responses")
			.willReturn(okJson(event(TOOL_RESULT, "response.completed").path("response").toString())));
		try (LlmTemplate template = LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.baseUrl(server.baseUrl() + "/openai/v1")
			.apiKey(TestClients.SECRET_KEY)
			.model("gpt-5-prod")
			.openAiApi(OpenAiApi.RESPONSES)
			.build()).build()) {
			assertThat(template.chat(ChatRequest.of("Weather?")).block(WAIT).content())
				.isEqualTo("Current weather in New York City, USA: Sunny.");
		}
		server.verify(postRequestedFor(urlEqualTo("/openai/v1/responses"))
			.withHeader("api-key", com.github.tomakehurst.wiremock.client.WireMock.equalTo(TestClients.SECRET_KEY))
			.withoutHeader("Authorization")
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.model",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo("gpt-5-prod"))));
	}

}
