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
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.provider.ProviderTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools, structured output and thinking on the Anthropic provider through {@link LlmTemplate}
 * against a WireMock server: the official SDKs' recorded streams replayed byte for byte, typed
 * answers end to end, and the stream failures that must not be retried.
 */
class AnthropicToolsIntegrationTests {

	private static final String MESSAGES = "/v1/messages";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Tool GET_WEATHER = Tool.function("get_weather", "The current weather in a city", """
			{"type":"object","properties":{"city":{"type":"string"},"units":{"type":"string"}},"required":["city"]}""");

	private static final String START = """
			event: message_start
			data: {"type":"message_start","message":{"id":"msg_03","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"usage":{"input_tokens":8,"output_tokens":1}}}

			""";

	private static final String TOOL_START = """
			event: content_block_start
			data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}

			""";

	private static final String OVERLOADED = """
			event: error
			data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

			""";

	/** The answer of {@code chat(request, Weather.class)}: the forced tool named after the type. */
	private static final String WEATHER_MESSAGE = """
			{"id":"msg_w","type":"message","role":"assistant","model":"claude-sonnet-4-5",
			 "content":[{"type":"tool_use","id":"toolu_w","name":"Weather","input":{"city":"Paris","celsius":21.5}}],
			 "stop_reason":"tool_use","usage":{"input_tokens":50,"cache_read_input_tokens":40,"output_tokens":15}}""";

	private static final String WEATHER_STREAM = """
			event: message_start
			data: {"type":"message_start","message":{"id":"msg_w","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"usage":{"input_tokens":50,"cache_read_input_tokens":40,"output_tokens":1}}}

			event: content_block_start
			data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_w","name":"Weather","input":{}}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Paris\\""}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":",\\"celsius\\":21.5}"}}

			event: content_block_stop
			data: {"type":"content_block_stop","index":0}

			event: message_delta
			data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":15}}

			event: message_stop
			data: {"type":"message_stop"}

			""";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template;

	record Weather(String city, double celsius) {
	}

	@BeforeEach
	void createTemplate() {
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.apiKey("test-anthropic-key")
			.baseUrl(server.baseUrl() + "/v1")
			.model("claude-sonnet-4-5")
			.retry(TestClients.fastRetries(3))
			.build()).build();
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	@Test
	void streamsRecordedToolUseTranscriptServedByteByByte() {
		byte[] transcript = (ProviderTestSupport.fixture("anthropic-messages-stream-tool-use.sse") + "\n\n")
			.getBytes(StandardCharsets.UTF_8);
		server.stubFor(post(MESSAGES).willReturn(eventStream(transcript)
			.withChunkedDribbleDelay(transcript.length, transcript.length)));
		ChatRequest request = ChatRequest.builder().user("What's the weather in Paris?").tool(GET_WEATHER).build();

		StepVerifier.create(this.template.stream(request).as(ChatChunks::aggregate))
			.expectNext(new ChatResponse("msg_019Q1hrJbZG26Fb9BQhrkHEr", "claude-sonnet-4-20250514",
					"I'll check the current weather in Paris for you.", "tool_calls", new Usage(377, 65, 442),
					List.of(new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}")),
					null))
			.expectComplete()
			.verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo(MESSAGES))
			.withRequestBody(matchingJsonPath("$.tools[0].name", equalTo("get_weather")))
			.withRequestBody(matchingJsonPath("$.tools[0].input_schema.required[0]", equalTo("city"))));
	}

	@Test
	void runsAToolLoopReplayingTheRecordedToolUseAndSendingTheResult() {
		server.stubFor(post(MESSAGES).withRequestBody(notContaining("tool_result"))
			.willReturn(okJson(ProviderTestSupport.fixture("anthropic-message-tool-use.json"))));
		server.stubFor(post(MESSAGES).withRequestBody(containing("tool_result"))
			.willReturn(okJson("""
					{"id":"msg_2","type":"message","role":"assistant","model":"claude-3-7-sonnet-20250219",
					 "content":[{"type":"text","text":"It is 64°F and sunny."}],"stop_reason":"end_turn",
					 "usage":{"input_tokens":510,"output_tokens":12}}""")));
		ChatRequest first = ChatRequest.builder()
			.user("Weather in San Francisco, in Fahrenheit?")
			.tool(GET_WEATHER)
			.build();

		ChatResponse call = this.template.chat(first).block(WAIT);
		assertThat(call.toolCalls()).hasSize(1);
		ToolCall toolCall = call.toolCalls().get(0);
		ChatRequest second = first.mutate()
			.message(ChatMessage.assistant(call))
			.message(ChatMessage.tool(toolCall.id(), "{\"temperature\":64,\"sky\":\"sunny\"}"))
			.build();

		StepVerifier.create(this.template.chat(second).map(ChatResponse::content))
			.expectNext("It is 64°F and sunny.")
			.expectComplete()
			.verify(WAIT);

		server.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(equalToJson("""
				{"messages":[
				   {"role":"user","content":"Weather in San Francisco, in Fahrenheit?"},
				   {"role":"assistant","content":[
				     {"type":"text","text":"I'll get the current weather in San Francisco for you in Fahrenheit."},
				     {"type":"tool_use","id":"toolu_01TZR6ZrLHdpAWdmhVPuDfjQ","name":"get_weather",
				      "input":{"city":"San Francisco","units":"fahrenheit"}}]},
				   {"role":"user","content":[
				     {"type":"tool_result","tool_use_id":"toolu_01TZR6ZrLHdpAWdmhVPuDfjQ",
				      "content":"{\\"temperature\\":64,\\"sky\\":\\"sunny\\"}"}]}]}""", false, true)));
	}

	@Test
	void chatAsATypeSendsTheTypesSchemaAsAForcedToolAndReadsItsInput() {
		server.stubFor(post(MESSAGES).willReturn(okJson(WEATHER_MESSAGE)));

		StepVerifier.create(this.template.chat(ChatRequest.of("Weather in Paris?"), Weather.class))
			.expectNext(new Weather("Paris", 21.5))
			.expectComplete()
			.verify(WAIT);

		JsonNode body = sentBody();
		assertThat(body.path("tool_choice")).isEqualTo(mapper.readTree("{\"type\":\"tool\",\"name\":\"Weather\"}"));
		JsonNode tool = body.path("tools").get(0);
		assertThat(tool.path("name").stringValue()).isEqualTo("Weather");
		assertThat(tool.path("description").stringValue()).isEqualTo(AnthropicRequestWriter.ANSWER_TOOL_DESCRIPTION);
		assertThat(tool.path("input_schema").path("type").stringValue()).isEqualTo("object");
		assertThat(tool.path("input_schema").path("properties").propertyNames()).containsExactly("city", "celsius");
		assertThat(body.has("response_format")).isFalse();
	}

	@Test
	void aStreamedTypedAnswerAggregatesToTheNonStreamedOne() {
		server.stubFor(post(MESSAGES).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.willReturn(eventStream(WEATHER_STREAM.getBytes(StandardCharsets.UTF_8))));
		server.stubFor(post(MESSAGES).withRequestBody(notContaining("\"stream\""))
			.willReturn(okJson(WEATHER_MESSAGE)));
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris?")
			.responseFormat(ResponseFormat.jsonSchema(Weather.class))
			.build();

		ChatResponse streamed = this.template.stream(request).as(ChatChunks::aggregate).block(WAIT);
		ChatResponse whole = this.template.chat(request).block(WAIT);

		assertThat(streamed).isEqualTo(whole)
			.isEqualTo(new ChatResponse("msg_w", "claude-sonnet-4-5", "{\"city\":\"Paris\",\"celsius\":21.5}", "stop",
					new Usage(90, 15, 105, 40, 0)));
		assertThat(streamed.contentAs(Weather.class)).isEqualTo(new Weather("Paris", 21.5));
		server.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void aTypedAnswerThatIsNotTheTypeFailsNamingTheType() {
		server.stubFor(post(MESSAGES).willReturn(okJson("""
				{"id":"msg_x","type":"message","model":"m",
				 "content":[{"type":"tool_use","id":"t","name":"Weather","input":{"city":"Paris","celsius":"warm"}}],
				 "stop_reason":"tool_use"}""")));

		StepVerifier.create(this.template.chat(ChatRequest.of("Weather in Paris?"), Weather.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmException.class)
				.hasMessageContaining(Weather.class.getName())
				.hasMessageContaining("warm"))
			.verify(WAIT);
	}

	@Test
	void aFormatNamedLikeOneOfTheToolsFailsBeforeAnythingIsSent() {
		ChatRequest request = ChatRequest.builder()
			.user("Weather?")
			.tool(GET_WEATHER)
			.responseFormat(ResponseFormat.jsonSchema("get_weather", "{\"type\":\"object\"}"))
			.build();

		StepVerifier.create(this.template.stream(request))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("already has a tool of that name"))
			.verify(WAIT);

		server.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void streamsRecordedThinkingTranscriptVerbatim() {
		// The file starts with the HTTP status line and headers of the recording: SSE ignores them.
		byte[] transcript = ProviderTestSupport.fixture("anthropic-messages-stream-thinking-synthetic.txt")
			.getBytes(StandardCharsets.UTF_8);
		server.stubFor(post(MESSAGES).willReturn(eventStream(transcript)
			.withChunkedDribbleDelay(transcript.length, transcript.length)));

		StepVerifier.create(this.template.stream(ChatRequest.of("What is 2 + 2?")).collectList())
			.assertNext((chunks) -> {
				assertThat(chunks).extracting(ChatChunk::reasoning).startsWith("Let me think. ", "2 + 2 = 4.");
				ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();
				chunks.forEach(aggregator::add);
				assertThat(aggregator.toResponse()).isEqualTo(new ChatResponse("msg_thinking_x", "claude-sonnet-4-5",
						"The answer is 4.", "stop", new Usage(15, 20, 35), List.of(), "Let me think. 2 + 2 = 4.",
						AnthropicToolsTests.SYNTHETIC_THINKING));
			})
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void aStreamEndingInsideAToolInputIsTheUsualErrorAndNotRetried() {
		String transcript = ProviderTestSupport.fixture("anthropic-messages-stream-tool-use.sse");
		// cut before the last fragment: the arguments so far are {"location": "Par
		String truncated = transcript.substring(0, transcript.lastIndexOf("event: content_block_delta"));
		server.stubFor(post(MESSAGES).willReturn(eventStream(truncated.getBytes(StandardCharsets.UTF_8))));

		StepVerifier.create(this.template.stream(ChatRequest.builder().user("Weather?").tool(GET_WEATHER).build()))
			.expectNextCount(6)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("stream ended before completion"))
			.verify(WAIT);

		server.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void aFailureAfterAToolCallDeltaIsNotRetried() {
		server.stubFor(post(MESSAGES).willReturn(eventStream((START + TOOL_START + OVERLOADED).getBytes(StandardCharsets.UTF_8))));

		StepVerifier.create(this.template.stream(ChatRequest.builder().user("Weather?").tool(GET_WEATHER).build()))
			.assertNext((chunk) -> assertThat(chunk.toolCalls())
				.containsExactly(new ToolCallDelta(0, "toolu_1", "get_weather", "")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmServerException.class)
				.extracting((e) -> ((LlmException) e).errorType())
				.isEqualTo("overloaded_error"))
			.verify(WAIT);

		// retrying would deliver the call's start twice
		server.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	private static JsonNode sentBody() {
		return mapper.readTree(server.getAllServeEvents().get(0).getRequest().getBodyAsString());
	}

	private static ResponseDefinitionBuilder eventStream(byte[] body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

}
