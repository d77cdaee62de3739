package io.github.llmclient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmServerException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiStreamIntegrationTests extends WireMockTestSupport {

	@Test
	void replaysTheRecordedOpenAiStreamOneByteAtATime() throws IOException {
		byte[] recorded = fixture("openai-chat-stream-with-usage.sse");
		try (DribbleServer server = DribbleServer.serving(recorded, 1, "text/event-stream");
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			List<ChatChunk> chunks = template.stream(ChatRequest.of("weather?")).collectList().block(Duration.ofSeconds(30));
			assertThat(chunks).isNotNull();
			String text = chunks.stream().map(ChatChunk::content).reduce("", String::concat);
			assertThat(text).isEqualTo(expectedText(recorded));
			assertThat(text).startsWith("I'm unable to provide real-time weather updates.");
			assertThat(chunks).allSatisfy((chunk) -> {
				assertThat(chunk.id()).isEqualTo("chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL");
				assertThat(chunk.model()).isEqualTo("gpt-4o-2024-08-06");
			});
			assertThat(chunks).filteredOn((chunk) -> chunk.finishReason() != null)
				.singleElement()
				.extracting(ChatChunk::finishReason)
				.isEqualTo("stop");
			assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(new Usage(14, 30, 44));
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void decodesChineseTextWithCrLfServedInOneByteChunks() {
		String body = "data: {\"id\":\"c\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"你好\"}}]}\r\n\r\n"
				+ ": keep-alive\r\n\r\n"
				+ "data: {\"id\":\"c\",\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"，世界🌏\"},\"finish_reason\":\"stop\"}]}\r\n\r\n"
				+ "data: [DONE]\r\n\r\n";
		try (DribbleServer server = DribbleServer.serving(body.getBytes(StandardCharsets.UTF_8), 1, "text/event-stream");
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			StepVerifier.create(template.stream("hi")).expectNext("你好", "，世界🌏").verifyComplete();
		}
	}

	@Test
	void sendsStreamOptionsAndReadsTheUsageChunk() {
		stubStream("data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
				+ "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
				+ "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
				+ "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n"
				+ "data: [DONE]\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream(ChatRequest.of("hello")))
				.expectNext(new ChatChunk("Hi", null, null, "a", "m"))
				.expectNext(new ChatChunk("", "length", null, "a", "m"))
				.expectNext(new ChatChunk("", null, new Usage(5, 1, 6), "a", "m"))
				.verifyComplete();
		}
		this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson(
				"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"stream\":true,"
						+ "\"stream_options\":{\"include_usage\":true}}")));
	}

	@Test
	void omitsStreamOptionsWhenStreamUsageIsOff() {
		stubStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()).streamUsage(false))) {
			StepVerifier.create(template.stream("hello")).expectNext("ok").verifyComplete();
		}
		this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson(
				"{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],\"stream\":true}")));
	}

	@Test
	void ignoresUnknownEventsAndComments() {
		stubStream(": hello\n\nevent: telemetry\ndata: {\"not\":\"a chunk\"}\n\n"
				+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream("hello")).expectNext("ok").verifyComplete();
		}
	}

	@Test
	void aStreamThatClosesBeforeDoneIsAnErrorNotAShortAnswer() {
		stubStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an\"}}]}\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream("hello"))
				.expectNext("half an")
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
					.hasMessageContaining("stream ended before completion"))
				.verify();
		}
		// content was delivered: not retried
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aMalformedEventIsAnErrorNeverSkipped() {
		stubStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[{\"ind\n\n"
				+ "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\ndata: [DONE]\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream("hello"))
				.expectNext("a")
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
					.hasMessageContaining("Malformed event"))
				.verify();
		}
	}

	@Test
	void anInStreamErrorArrivesAfterTheChunksAlreadyDelivered() {
		stubStream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"partial\"}}]}\n\n"
				+ "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream("hello"))
				.expectNext("partial")
				.expectErrorSatisfies((error) -> {
					assertThat(error).isInstanceOf(LlmServerException.class)
						.hasMessageContaining("The server had an error while processing your request.");
					assertThat(((LlmException) error).errorType()).isEqualTo("server_error");
				})
				.verify();
		}
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aHostileStreamThatNeverEndsALineFailsInsteadOfExhaustingMemory() {
		byte[] body = ("data: " + "x".repeat(17 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
		try (DribbleServer server = DribbleServer.serving(body, 64 * 1024, "text/event-stream");
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			StepVerifier.create(template.stream("hello"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
					.hasMessageContaining("too large"))
				.verify(Duration.ofSeconds(30));
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void cancellingTheSubscriptionClosesTheConnection() throws InterruptedException {
		try (DribbleServer server = DribbleServer.endless();
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			StepVerifier.create(template.stream("hello").take(3)).expectNextCount(3).verifyComplete();
			assertThat(server.connectionClosed.await(10, TimeUnit.SECONDS)).as("server saw the connection close").isTrue();
			assertThat(template.activeRequests()).isZero();
		}
	}

	@Test
	void respectsBackpressure() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			body.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(i).append(" \"}}]}\n\n");
		}
		stubStream(body.append("data: [DONE]\n\n").toString());
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream("count"), 2)
				.expectNext("0 ", "1 ")
				.expectNoEvent(Duration.ofMillis(100))
				.thenRequest(3)
				.expectNext("2 ", "3 ", "4 ")
				.thenCancel()
				.verify();
		}
	}

	@Test
	void aggregatesAStreamIntoAResponse() {
		stubStream("data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
				+ "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
				+ "data: {\"id\":\"a\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":2,\"total_tokens\":4}}\n\n"
				+ "data: [DONE]\n\n");
		try (LlmTemplate template = template(TestClients.openAi(baseUrl()))) {
			StepVerifier.create(template.stream(ChatRequest.of("hi")).as(ChatChunks::aggregate))
				.assertNext((response) -> {
					assertThat(response.content()).isEqualTo("Hello");
					assertThat(response.finishReason()).isEqualTo("stop");
					assertThat(response.usage()).isEqualTo(new Usage(2, 2, 4));
					assertThat(response.id()).isEqualTo("a");
					assertThat(response.model()).isEqualTo("m");
				})
				.verifyComplete();
		}
	}

	private void stubStream(String body) {
		this.wireMock.stubFor(post("/v1/chat/completions").withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

	private String baseUrl() {
		return this.wireMock.baseUrl() + "/v1";
	}

	private static LlmTemplate template(ClientConfig.Builder config) {
		return LlmTemplate.builder(config.build()).build();
	}

	static byte[] fixture(String name) throws IOException {
		try (InputStream in = OpenAiStreamIntegrationTests.class.getResourceAsStream("/fixtures/" + name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
	}

	/** The concatenated deltas of a recorded stream, computed independently of the client. */
	private static String expectedText(byte[] recorded) {
		tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		StringBuilder text = new StringBuilder();
		for (String line : new String(recorded, StandardCharsets.UTF_8).split("\n")) {
			if (line.startsWith("data: {")) {
				tools.jackson.databind.JsonNode choices = mapper.readTree(line.substring(6)).path("choices");
				if (choices.size() > 0) {
					text.append(choices.get(0).path("delta").path("content").asString(""));
				}
			}
		}
		return text.toString();
	}

}
