package io.github.llmclient.provider.bedrock;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.eventstream.EventStreamFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The Bedrock provider through {@link LlmTemplate} against a WireMock server speaking Converse. */
class BedrockIntegrationTests {

	static final String KEY = "bedrock-api-key-SECRET-0123456789";

	static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";

	static final String CONVERSE = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse";

	static final String CONVERSE_STREAM = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream";

	static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

	private static final Duration WAIT = Duration.ofSeconds(30);

	static final String ANSWER = """
			{"output":{"message":{"role":"assistant","content":[{"text":"Hi!"}]}},"stopReason":"end_turn",
			 "usage":{"inputTokens":8,"outputTokens":2,"totalTokens":110,"cacheReadInputTokens":80,"cacheWriteInputTokens":20},
			 "metrics":{"latencyMs":300}}""";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	static ClientConfig.Builder config(String baseUrl) {
		return ClientConfig.builder(Provider.BEDROCK)
			.baseUrl(baseUrl)
			.bedrockRegion("us-east-1")
			.apiKey(KEY)
			.model(MODEL)
			.retry(TestClients.fastRetries(2));
	}

	private LlmTemplate template() {
		this.template = LlmTemplate.builder(config(wm.baseUrl()).build()).build();
		return this.template;
	}

	static ResponseDefinitionBuilder frames(byte[]... frames) {
		return aResponse().withStatus(200).withHeader("Content-Type", EVENT_STREAM).withBody(EventStreamFrames.concat(frames));
	}

	static byte[] start() {
		return EventStreamFrames.event("messageStart", "{\"p\":\"abc\",\"role\":\"assistant\"}");
	}

	static byte[] text(int block, String text) {
		return EventStreamFrames.event("contentBlockDelta",
				"{\"contentBlockIndex\":" + block + ",\"delta\":{\"text\":\"" + text + "\"},\"p\":\"abcd\"}");
	}

	static byte[] stop(String reason) {
		return EventStreamFrames.event("messageStop", "{\"p\":\"ab\",\"stopReason\":\"" + reason + "\"}");
	}

	static byte[] metadata(int input, int output) {
		return EventStreamFrames.event("metadata", "{\"metrics\":{\"latencyMs\":500},\"usage\":{\"inputTokens\":" + input
				+ ",\"outputTokens\":" + output + ",\"totalTokens\":" + (input + output) + "}}");
	}

	@Test
	void chatSendsTheApiKeyAsBearerAndReadsTheConverseAnswer() {
		wm.stubFor(post(urlEqualTo(CONVERSE)).willReturn(okJson(ANSWER)));
		ChatResponse response = template().chat(ChatRequest.builder().system("Be brief.").user("Hello").build()).block(WAIT);
		assertThat(response.content()).isEqualTo("Hi!");
		assertThat(response.finishReason()).isEqualTo("stop");
		assertThat(response.model()).isEqualTo(MODEL);
		assertThat(response.usage()).isEqualTo(new Usage(108, 2, 110, 80, 0, 20));
		LoggedRequest sent = wm.findAll(postRequestedFor(urlEqualTo(CONVERSE))).get(0);
		assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
		assertThat(sent.getBodyAsString()).contains("\"system\":[{\"text\":\"Be brief.\"}]")
			.contains("\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]");
	}

	@Test
	void encodesAnInferenceProfileArnOnceAsOnePathSegment() {
		String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0";
		String path = "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
				+ "us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse";
		wm.stubFor(post(urlEqualTo(path)).willReturn(okJson(ANSWER)));
		ChatResponse response = template().chat(ChatRequest.builder().model(arn).user("Hello").build()).block(WAIT);
		assertThat(response.content()).isEqualTo("Hi!");
		assertThat(response.model()).isEqualTo(arn);
		assertThat(wm.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
	}

	@Test
	void streamsTheRecordedConverseStream() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(aResponse().withHeader("Content-Type", EVENT_STREAM)
			.withBody(EventStreamFrames.hexResource("/bedrock/converse-stream-text.hex"))));
		ChatResponse response = ChatChunks.aggregate(template().stream(ChatRequest.of("Hello, how are you?"))).block(WAIT);
		assertThat(response.content()).isEqualTo("Hello! As an AI language model, I don't have feelings, but I'm "
				+ "functioning well and ready to assist you. How can I help you today?");
		assertThat(response.finishReason()).isEqualTo("stop");
		assertThat(response.usage()).isEqualTo(new Usage(13, 35, 48, 0, 0, 0));
		assertThat(response.model()).isEqualTo(MODEL);
	}

	@Test
	void streamsRecordedReasoningWithItsSignatureAsReplayDataAndReplaysItInTheToolLoop() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(aResponse().withHeader("Content-Type", EVENT_STREAM)
			.withBody(EventStreamFrames.hexResource("/bedrock/converse-stream-reasoning.hex"))));
		ChatResponse first = ChatChunks.aggregate(template().stream(ChatRequest.of("What is 6 * 7?"))).block(WAIT);
		assertThat(first.reasoning()).isEqualTo("Let me think about this. 6 * 7 = 42.");
		assertThat(first.content()).isEqualTo("The answer is 42.");
		assertThat(first.replay().format()).isEqualTo(ReplayData.BEDROCK);
		assertThat(first.replay().data()).isEqualTo("[{\"reasoningContent\":{\"reasoningText\":{\"text\":"
				+ "\"Let me think about this. 6 * 7 = 42.\",\"signature\":\"test-signature-token\"}}},"
				+ "{\"reasoningContent\":{\"redactedContent\":\"cHRlZC1yZWFzb25pbmctYnl0ZXM=\"}}]");

		wm.stubFor(post(urlEqualTo(CONVERSE)).willReturn(okJson(ANSWER)));
		this.template.chat(ChatRequest.builder()
			.user("What is 6 * 7?")
			.message(ChatMessage.assistant(first))
			.user("Thanks")
			.build()).block(WAIT);
		LoggedRequest replayed = wm.findAll(postRequestedFor(urlEqualTo(CONVERSE))).get(0);
		assertThat(replayed.getBodyAsString()).contains("{\"role\":\"assistant\",\"content\":[{\"reasoningContent\":"
				+ "{\"reasoningText\":{\"text\":\"Let me think about this. 6 * 7 = 42.\",\"signature\":\"test-signature-token\"}}},"
				+ "{\"reasoningContent\":{\"redactedContent\":\"cHRlZC1yZWFzb25pbmctYnl0ZXM=\"}},{\"text\":\"The answer is 42.\"}]}");
	}

	@Test
	void streamsToolUseFromInputFragmentsAndAToolWithoutArguments() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(frames(start(), text(0, "Let me check."),
				EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
				EventStreamFrames.event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":"
						+ "{\"toolUseId\":\"tooluse_1\",\"name\":\"weather\"}}}"),
				EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\"}}}"),
				EventStreamFrames.event("contentBlockDelta",
						"{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}"),
				EventStreamFrames.event("contentBlockDelta",
						"{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}"),
				EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":1}"),
				EventStreamFrames.event("contentBlockStart", "{\"contentBlockIndex\":2,\"start\":{\"toolUse\":"
						+ "{\"toolUseId\":\"tooluse_2\",\"name\":\"time\"}}}"),
				EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"toolUse\":{\"input\":\"\"}}}"),
				EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":2}"),
				metadata(40, 30), stop("tool_use"))));
		ChatResponse response = ChatChunks.aggregate(template().stream(ChatRequest.builder()
			.user("Weather and time in Paris?")
			.tools(List.of(Tool.function("weather", "The weather", "{\"type\":\"object\"}"),
					Tool.function("time", "The time", "{\"type\":\"object\"}")))
			.build())).block(WAIT);
		assertThat(response.content()).isEqualTo("Let me check.");
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(response.toolCalls()).extracting("id", "name", "arguments")
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tooluse_1", "weather", "{\"city\":\"Paris\"}"),
					org.assertj.core.groups.Tuple.tuple("tooluse_2", "time", "{}"));
		assertThat(response.usage()).isEqualTo(Usage.of(40, 30));
	}

	@Test
	void retriesAThrottlingExceptionFrameBeforeContent() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).inScenario("throttled").whenScenarioStateIs(STARTED)
			.willReturn(frames(start(), EventStreamFrames.exception("throttlingException", "Too many tokens")))
			.willSetStateTo("healed"));
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).inScenario("throttled").whenScenarioStateIs("healed")
			.willReturn(frames(start(), text(0, "Hi"), stop("end_turn"), metadata(3, 1))));
		StepVerifier.create(template().stream(ChatRequest.of("Hello")).map(ChatChunk::content).filter((c) -> !c.isEmpty()))
			.expectNext("Hi")
			.expectComplete()
			.verify(WAIT);
		assertThat(wm.findAll(postRequestedFor(urlEqualTo(CONVERSE_STREAM)))).hasSize(2);
	}

	@Test
	void deliversAThrottlingExceptionAfterContentAfterTheChunks() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(frames(start(), text(0, "Hel"),
				EventStreamFrames.exception("throttlingException", "Too many tokens"))));
		StepVerifier.create(template().stream(ChatRequest.of("Hello")).map(ChatChunk::content))
			.expectNext("Hel")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmRateLimitException.class)
				.hasMessageContaining("throttlingException")
				.hasMessageContaining("Too many tokens"))
			.verify(WAIT);
		assertThat(wm.findAll(postRequestedFor(urlEqualTo(CONVERSE_STREAM)))).hasSize(1);
	}

	@Test
	void retriesAModelStreamErrorBeforeContentAndReportsAnErrorMessageAfterIt() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).inScenario("broken").whenScenarioStateIs(STARTED)
			.willReturn(frames(start(), EventStreamFrames.exception("modelStreamErrorException", "Retry your request.")))
			.willSetStateTo("error-after-content"));
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).inScenario("broken").whenScenarioStateIs("error-after-content")
			.willReturn(frames(start(), text(0, "Hi"), EventStreamFrames.error("InternalFailure", "Something broke"))));
		StepVerifier.create(template().stream(ChatRequest.of("Hello")).map(ChatChunk::content))
			.expectNext("Hi")
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(LlmException.class).hasMessageContaining("Something broke");
				assertThat(((LlmException) error).errorType()).isEqualTo("InternalFailure");
			})
			.verify(WAIT);
		assertThat(wm.findAll(postRequestedFor(urlEqualTo(CONVERSE_STREAM)))).hasSize(2);
	}

	@Test
	void aStreamThatClosesBeforeMessageStopIsAnError() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(frames(start(), text(0, "Hel"))));
		StepVerifier.create(template().stream(ChatRequest.of("Hello")).map(ChatChunk::content))
			.expectNext("Hel")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("ended before completion"))
			.verify(WAIT);
	}

	@Test
	void usageMayFollowMessageStopOrPrecedeIt() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(frames(start(), text(0, "Hi"), metadata(5, 1),
				stop("max_tokens"))));
		ChatResponse response = ChatChunks.aggregate(template().stream(ChatRequest.of("Hello"))).block(WAIT);
		assertThat(response.usage()).isEqualTo(Usage.of(5, 1));
		assertThat(response.finishReason()).isEqualTo("length");
	}

	@Test
	void aCorruptedChecksumIsAProtocolErrorNeverAShortAnswer() {
		byte[] good = text(0, " world");
		byte[] corrupted = good.clone();
		corrupted[corrupted.length - 10] ^= 0x01;
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(frames(start(), text(0, "Hello"), corrupted,
				stop("end_turn"), metadata(3, 2))));
		StepVerifier.create(template().stream(ChatRequest.of("Hello")).map(ChatChunk::content))
			.expectNext("Hello")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("checksum mismatch"))
			.verify(WAIT);
	}

	@Test
	void readsAJsonErrorOnTheStreamUrlAndRetriesThrottlingWithoutRetryAfter() {
		wm.stubFor(post(urlEqualTo(CONVERSE_STREAM)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
			.withBody("{\"message\":\"Too many requests, please wait before trying again.\"}")));
		StepVerifier.create(template().stream(ChatRequest.of("Hello")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(LlmRateLimitException.class)
					.hasMessageContaining("Too many requests, please wait");
				assertThat(((LlmException) error).errorType()).isEqualTo("ThrottlingException");
				assertThat(((LlmException) error).retryAfter()).isEmpty();
			})
			.verify(WAIT);
		assertThat(wm.findAll(postRequestedFor(urlEqualTo(CONVERSE_STREAM)))).hasSize(3);
	}

	@Test
	void mapsValidationAndAccessDeniedErrors() {
		wm.stubFor(post(urlEqualTo(CONVERSE)).willReturn(aResponse().withStatus(400)
			.withHeader("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/")
			.withBody("{\"message\":\"The provided model identifier is invalid.\"}")));
		StepVerifier.create(template().chat(ChatRequest.of("Hello")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(LlmBadRequestException.class).hasMessageContaining("model identifier");
				assertThat(((LlmException) error).errorType()).isEqualTo("ValidationException");
			})
			.verify(WAIT);
		wm.stubFor(post(urlEqualTo(CONVERSE)).willReturn(aResponse().withStatus(403)
			.withBody("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"No access\"}")));
		StepVerifier.create(this.template.chat(ChatRequest.of("Hello")))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(LlmAuthenticationException.class).hasMessageContaining("No access");
				assertThat(((LlmException) error).errorType()).isEqualTo("AccessDeniedException");
				assertThat(error.getMessage()).doesNotContain(KEY);
			})
			.verify(WAIT);
	}

	@Test
	void refusesAnImageUrlBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> template().chat(ChatRequest.builder()
				.message(ChatMessage.user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/cat.png")))
				.build()).block(WAIT))
			.withMessageContaining("Bedrock takes images as bytes");
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	@Test
	void sendsImagesAsBytes() {
		wm.stubFor(post(urlEqualTo(CONVERSE)).willReturn(okJson(ANSWER)));
		template().chat(ChatRequest.builder()
			.message(ChatMessage.user(ContentPart.text("What is this?"), ContentPart.image(new byte[] { 1, 2, 3 }, "image/png")))
			.build()).block(WAIT);
		wm.verify(postRequestedFor(urlEqualTo(CONVERSE))
			.withRequestBody(matchingJsonPath("$.messages[0].content[1].image.format", equalTo("png")))
			.withRequestBody(matchingJsonPath("$.messages[0].content[1].image.source.bytes", equalTo("AQID"))));
	}

	@Test
	void listsModelsFromFoundationModelsUnderTheBaseUrl() {
		wm.stubFor(get(urlEqualTo("/foundation-models")).willReturn(okJson("""
				{"modelSummaries":[{"modelId":"amazon.titan-embed-text-v2:0","providerName":"Amazon"},
				 {"modelId":"anthropic.claude-3-5-sonnet-20240620-v1:0","providerName":"Anthropic"}]}""")));
		assertThat(template().models().block(WAIT)).containsExactly("amazon.titan-embed-text-v2:0", MODEL);
	}

	@Test
	void anAdapterOnTheRegionalEndpointListsModelsFromTheControlPlane() {
		BedrockAdapter adapter = new BedrockAdapter(ClientConfig.bedrockBaseUrl("eu-west-3"), null, "eu-west-3", null,
				tools.jackson.databind.json.JsonMapper.builder().build());
		assertThat(adapter.modelsRequest().uri())
			.hasToString("https://bedrock.eu-west-3.amazonaws.com/foundation-models");
		assertThat(wm.findAll(postRequestedFor(urlPathMatching(".*")))).isEmpty();
	}

}
