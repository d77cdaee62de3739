package io.github.llmclient.provider.anthropic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.provider.ProviderTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests of the Anthropic provider through {@link LlmTemplate} against a WireMock server. */
class AnthropicIntegrationTests {

	private static final String API_KEY = "test-anthropic-key-integration-secret";

	private static final String MESSAGES = "/v1/messages";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String TEXT_RESPONSE = """
			{"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5",
			 "content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn",
			 "usage":{"input_tokens":8,"output_tokens":2}}""";

	private static final String START = """
			event: message_start
			data: {"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"usage":{"input_tokens":8,"output_tokens":1}}}

			""";

	private static final String PING = """
			event: ping
			data: {"type": "ping"}

			""";

	private static final String BLOCK_START = """
			event: content_block_start
			data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

			""";

	private static final String OVERLOADED = """
			event: error
			data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

			""";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = template(3);
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	private static LlmTemplate template(int maxRetries) {
		return LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.apiKey(API_KEY)
			.baseUrl(server.baseUrl() + "/v1")
			.model("claude-sonnet-4-5")
			.retry(TestClients.fastRetries(maxRetries))
			.build()).build();
	}

	@Test
	void chatSendsMessagesRequestAndMapsResponse() {
		server.stubFor(post(MESSAGES).willReturn(okJson("""
				{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
				 "content":[{"type":"text","text":"Reactor is "},{"type":"text","text":"a reactive library."}],
				 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":21,"output_tokens":9}}""")));
		ChatRequest request = ChatRequest.builder().system("Be brief.").user("What is Reactor?").temperature(0.1).build();

		StepVerifier.create(this.template.chat(request))
			.expectNext(new ChatResponse("msg_01", "claude-sonnet-4-5-20250929", "Reactor is a reactive library.",
					"stop", new Usage(21, 9, 30)))
			.expectComplete()
			.verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo(MESSAGES)).withHeader("x-api-key", equalTo(API_KEY))
			.withHeader("anthropic-version", equalTo("2023-06-01"))
			.withHeader("Content-Type", matching("application/json.*"))
			.withHeader("X-Client-Request-Id", matching("[0-9a-f-]{36}"))
			.withHeader("Authorization", absent())
			.withRequestBody(equalToJson("""
					{"model":"claude-sonnet-4-5","max_tokens":1024,"system":"Be brief.",
					 "messages":[{"role":"user","content":"What is Reactor?"}],"temperature":0.1}""")));
	}

	@Test
	void streamsRecordedTranscriptServedByteByByte() {
		byte[] transcript = ProviderTestSupport.anthropicStream().getBytes(StandardCharsets.UTF_8);
		server.stubFor(post(MESSAGES).willReturn(eventStream(transcript)
			// one byte per network chunk
			.withChunkedDribbleDelay(transcript.length, transcript.length)));

		StepVerifier.create(this.template.stream(ChatRequest.of("Say hello")).collectList())
			.assertNext(this::assertRecordedTranscript)
			.expectComplete()
			.verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1024"))));
	}

	private void assertRecordedTranscript(List<ChatChunk> chunks) {
		assertThat(chunks).extracting(ChatChunk::content).containsExactly("Hello", " there", "!", "");
		assertThat(String.join("", chunks.stream().map(ChatChunk::content).toList())).isEqualTo("Hello there!");
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.id()).isEqualTo("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK");
			assertThat(chunk.model()).isEqualTo("claude-3-opus-latest");
		});
		ChatChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.usage()).isEqualTo(new Usage(11, 6, 17));
		assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy((chunk) -> {
			assertThat(chunk.finishReason()).isNull();
			assertThat(chunk.usage()).isNull();
		});
	}

	@Test
	void retriesStreamWhenOverloadedBeforeContent() {
		server.stubFor(post(MESSAGES).inScenario("overloaded")
			.whenScenarioStateIs(STARTED)
			.willReturn(eventStream(START + PING + OVERLOADED))
			.willSetStateTo("recovered"));
		server.stubFor(post(MESSAGES).inScenario("overloaded")
			.whenScenarioStateIs("recovered")
			.willReturn(eventStream(ProviderTestSupport.anthropicStream())));

		StepVerifier.create(this.template.stream(ChatRequest.of("Say hello")).collectList())
			.assertNext(this::assertRecordedTranscript)
			.expectComplete()
			.verify(WAIT);

		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void failsWithErrorTypeWhenOverloadedOnEveryAttempt() {
		this.template.close();
		this.template = template(1);
		server.stubFor(post(MESSAGES).willReturn(eventStream(START + OVERLOADED)));

		StepVerifier.create(this.template.stream(ChatRequest.of("Say hello")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmServerException.class)
				.hasMessageContaining("overloaded_error")
				.hasMessageContaining("Overloaded")
				.extracting((e) -> ((LlmException) e).errorType())
				.isEqualTo("overloaded_error"))
			.verify(WAIT);

		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void deliversErrorAfterContentWithoutRetrying() {
		server.stubFor(post(MESSAGES).willReturn(eventStream(START + BLOCK_START + delta("Hello") + OVERLOADED)));

		StepVerifier.create(this.template.stream(ChatRequest.of("Say hello")))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("Hello"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmServerException.class)
				.extracting((e) -> ((LlmException) e).errorType())
				.isEqualTo("overloaded_error"))
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void aSuccessBodyThatIsNotAMessageIsAProtocolErrorNotAnEmptyAnswer() {
		server.stubFor(post(MESSAGES).willReturn(okJson("{\"status\":\"ok\"}")));

		StepVerifier.create(this.template.chat(ChatRequest.of("Hi")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("not a message"))
			.verify(WAIT);
	}

	@Test
	void readsAMessageWithEmptyContent() {
		server.stubFor(post(MESSAGES).willReturn(okJson("""
				{"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
				 "content":[],"stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":0}}""")));

		StepVerifier.create(this.template.chat(ChatRequest.of("Say nothing")))
			.expectNext(new ChatResponse("msg_02", "claude-sonnet-4-5-20250929", "", "stop", new Usage(5, 0, 5)))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void streamEndingBeforeMessageStopIsProtocolError() {
		String transcript = ProviderTestSupport.anthropicStream();
		String truncated = transcript.substring(0, transcript.indexOf("event: message_stop"));
		server.stubFor(post(MESSAGES).willReturn(eventStream(truncated)));

		StepVerifier.create(this.template.stream(ChatRequest.of("Say hello")))
			.expectNextCount(4)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("stream ended before completion"))
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void retriesStreamThatEndsBeforeAnyContent() {
		server.stubFor(post(MESSAGES).inScenario("early close")
			.whenScenarioStateIs(STARTED)
			.willReturn(eventStream(START + PING))
			.willSetStateTo("complete"));
		server.stubFor(post(MESSAGES).inScenario("early close")
			.whenScenarioStateIs("complete")
			.willReturn(eventStream(ProviderTestSupport.anthropicStream())));

		StepVerifier.create(this.template.stream("Say hello").collectList())
			.expectNext(List.of("Hello", " there", "!"))
			.expectComplete()
			.verify(WAIT);

		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void unauthorizedIsAuthenticationErrorAndNotRetried() {
		server.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withHeader("request-id", "req_011CTest")
			.withBody("""
					{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},
					 "request_id":"req_011CTest"}""")));

		StepVerifier.create(this.template.chat("Hi"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(LlmAuthenticationException.class)
					.hasMessageContaining("HTTP 401")
					.hasMessageContaining("anthropic")
					.hasMessageContaining("invalid x-api-key")
					.hasMessageNotContaining(API_KEY);
				LlmException llm = (LlmException) ex;
				assertThat(llm.statusCode()).isEqualTo(401);
				assertThat(llm.errorType()).isEqualTo("authentication_error");
				assertThat(llm.requestId()).isEqualTo("req_011CTest");
				assertThat(llm.provider()).isEqualTo("anthropic");
			})
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void rateLimitWithRetryAfterBeyondCapFailsAtOnce() {
		server.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("retry-after", "120")
			.withBody("""
					{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""")));

		StepVerifier.create(this.template.chat("Hi"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(LlmRateLimitException.class).hasMessageContaining("per-minute rate limit");
				LlmException llm = (LlmException) ex;
				assertThat(llm.statusCode()).isEqualTo(429);
				assertThat(llm.errorType()).isEqualTo("rate_limit_error");
				assertThat(llm.retryAfter()).contains(Duration.ofSeconds(120));
			})
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void rateLimitWithShortRetryAfterIsRetried() {
		server.stubFor(post(MESSAGES).inScenario("rate limited")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("retry-after-ms", "10")
				.withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"))
			.willSetStateTo("ok"));
		server.stubFor(post(MESSAGES).inScenario("rate limited").whenScenarioStateIs("ok").willReturn(okJson(TEXT_RESPONSE)));

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hi!").expectComplete().verify(WAIT);

		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void overloadedStatus529IsRetried() {
		server.stubFor(post(MESSAGES).inScenario("529")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(529)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
			.willSetStateTo("ok"));
		server.stubFor(post(MESSAGES).inScenario("529").whenScenarioStateIs("ok").willReturn(okJson(TEXT_RESPONSE)));

		StepVerifier.create(this.template.chat("Hi")).expectNext("Hi!").expectComplete().verify(WAIT);

		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void overloadedStatus529ExhaustedKeepsErrorType() {
		this.template.close();
		this.template = template(1);
		server.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(529)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));

		StepVerifier.create(this.template.chat("Hi"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(LlmServerException.class).hasMessageContaining("HTTP 529");
				assertThat(((LlmException) ex).errorType()).isEqualTo("overloaded_error");
			})
			.verify(WAIT);

		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void modelsListsIdsOfEveryPage() {
		server.stubFor(get("/v1/models?limit=1000").willReturn(okJson("""
				{"data":[{"type":"model","id":"claude-opus-4-1","display_name":"Claude Opus 4.1","created_at":"2025-08-05T00:00:00Z"},
				         {"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],
				 "has_more":false,"first_id":"claude-opus-4-1","last_id":"claude-sonnet-4-5"}""")));

		StepVerifier.create(this.template.models())
			.expectNext(List.of("claude-opus-4-1", "claude-sonnet-4-5"))
			.expectComplete()
			.verify(WAIT);

		server.verify(getRequestedFor(urlEqualTo("/v1/models?limit=1000")).withHeader("x-api-key", equalTo(API_KEY))
			.withHeader("anthropic-version", equalTo("2023-06-01"))
			.withHeader("Authorization", absent()));
	}

	private static String delta(String text) {
		return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
				+ "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}\n\n";
	}

	private static ResponseDefinitionBuilder eventStream(String body) {
		return eventStream(body.getBytes(StandardCharsets.UTF_8));
	}

	private static ResponseDefinitionBuilder eventStream(byte[] body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

}
