package io.github.llmclient;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stateless tool loop on the Responses API ({@code store: false}): the recorded first turn
 * calls a tool after reasoning; the second request replays that reasoning item with its exact
 * encrypted content, then the function call and its output, and gets the recorded answer.
 */
class ResponsesToolLoopIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Tool GET_WEATHER = Tool.function("get_weather", "Get current temperature for a given location.",
			"{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"],"
					+ "\"additionalProperties\":false}");

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void secondTurnReplaysTheReasoningItemWithItsExactEncryptedContent() {
		server.stubFor(post("/v1/responses").withRequestBody(notContaining("function_call_output"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(ResponsesStreamIntegrationTests.TOOL_CALL)));
		server.stubFor(post("/v1/responses").withRequestBody(containing("function_call_output"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(ResponsesStreamIntegrationTests.TOOL_RESULT)));
		try (LlmTemplate template = ResponsesStreamIntegrationTests.responses(server.baseUrl() + "/v1")) {
			ChatRequest first = ChatRequest.builder()
				.system("You are a helpful assistant that reports weather updates.")
				.user("What is the weather in New York City, USA?")
				.tool(GET_WEATHER)
				.build();
			ChatResponse call = template.stream(first).as(ChatChunks::aggregate).block(WAIT);
			assertThat(call.replay()).isNotNull();
			ToolCall toolCall = call.toolCalls().get(0);
			ChatResponse answer = template.stream(first.mutate()
				.message(ChatMessage.assistant(call))
				.message(ChatMessage.tool(toolCall.id(), "\"Sunny\""))
				.build()).as(ChatChunks::aggregate).block(WAIT);
			assertThat(answer.content()).isEqualTo("Current weather in New York City, USA: Sunny.");
			assertThat(answer.replay()).as("no reasoning in the answer, nothing to replay").isNull();
		}
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v1/responses")));
		assertThat(requests).hasSize(2);
		JsonNode second = json.readTree(requests.get(1).getBodyAsString());
		assertThat(second.path("store").asBoolean(true)).isFalse();
		assertThat(second.path("include").get(0).asString()).isEqualTo("reasoning.encrypted_content");
		assertThat(second.path("instructions").asString()).isEqualTo("You are a helpful assistant that reports weather updates.");
		JsonNode input = second.path("input");
		assertThat(input).hasSize(4);
		assertThat(input.get(0).path("role").asString()).isEqualTo("user");
		JsonNode recorded = ResponsesStreamIntegrationTests.event(ResponsesStreamIntegrationTests.TOOL_CALL,
				"response.completed").path("response").path("output");
		// the reasoning item exactly as the terminal event gave it: id, summary and encrypted content
		assertThat(input.get(1)).isEqualTo(recorded.get(0));
		assertThat(input.get(1).path("encrypted_content").asString())
			.isEqualTo(recorded.get(0).path("encrypted_content").asString())
			.startsWith("gAAAAABo2TBAHIAE");
		assertThat(input.get(2).path("type").asString()).isEqualTo("function_call");
		assertThat(input.get(2).path("call_id").asString()).isEqualTo("call_5dp5Uj0Loqn1YcyIpqSq6sLX");
		assertThat(input.get(2).path("arguments").asString()).isEqualTo("{ \"location\": \"New York City, USA\" }");
		assertThat(input.get(3).path("type").asString()).isEqualTo("function_call_output");
		assertThat(input.get(3).path("call_id").asString()).isEqualTo("call_5dp5Uj0Loqn1YcyIpqSq6sLX");
		assertThat(input.get(3).path("output").asString()).isEqualTo("\"Sunny\"");
	}

	@Test
	void replayDataOfAnotherFormatIsNotSent() {
		server.stubFor(post("/v1/responses").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(ResponsesStreamIntegrationTests.TOOL_RESULT)));
		ToolCall call = new ToolCall("toolu_1", "get_weather", "{\"location\":\"Paris\"}");
		ChatResponse fromAnthropic = new ChatResponse("msg_1", "claude", "", "tool_calls", null, List.of(call), "hmm",
				new ReplayData(ReplayData.ANTHROPIC, "[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"}]"));
		try (LlmTemplate template = ResponsesStreamIntegrationTests.responses(server.baseUrl() + "/v1")) {
			template.stream(ChatRequest.builder()
				.user("Weather in Paris?")
				.message(ChatMessage.assistant(fromAnthropic))
				.message(ChatMessage.tool("toolu_1", "sunny"))
				.tool(GET_WEATHER)
				.build()).blockLast(WAIT);
		}
		JsonNode input = json.readTree(server.findAll(postRequestedFor(urlEqualTo("/v1/responses"))).get(0)
			.getBodyAsString()).path("input");
		assertThat(input.toString()).doesNotContain("signature").doesNotContain("thinking");
		assertThat(input.get(1).path("type").asString()).isEqualTo("function_call");
		assertThat(input.get(1).path("call_id").asString()).isEqualTo("toolu_1");
	}

	@Test
	void stopIsRefusedBeforeAnythingIsSent() {
		try (LlmTemplate template = ResponsesStreamIntegrationTests.responses(server.baseUrl() + "/v1")) {
			ChatRequest request = ChatRequest.builder().user("Count").stop(List.of("3")).build();
			StepVerifier.create(template.chat(request))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("stop")
					.hasMessageContaining("Responses API"))
				.verify(WAIT);
			StepVerifier.create(template.stream(request))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("stop"))
				.verify(WAIT);
		}
		server.verify(0, postRequestedFor(urlEqualTo("/v1/responses")));
	}

}
