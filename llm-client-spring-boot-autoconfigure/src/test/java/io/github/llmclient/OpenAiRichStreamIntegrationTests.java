package io.github.llmclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.StreamListener;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.provider.ProviderTestSupport;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat Completions streams with tool calls and reasoning through the whole pipeline: recorded
 * tool-call streams (openai-python's fixtures), parallel calls, DeepSeek-style
 * {@code reasoning_content}, a streamed answer aggregating to the same response as the
 * non-streamed one, and retries that stop at the first tool-call or reasoning delta.
 */
class OpenAiRichStreamIntegrationTests extends OpenAiTemplateTestSupport {

	private static final String CHAT = "/v1/chat/completions";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Tool WEATHER = Tool.function("get_weather", "The weather in a city",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

	@Test
	void replaysTheRecordedToolCallStreamOneByteAtATime() {
		byte[] recorded = ProviderTestSupport.fixture("openai-chat-stream-tool-calls.sse")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		try (DribbleServer server = DribbleServer.serving(recorded, 1, "text/event-stream");
				LlmTemplate dribbled = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			List<ChatChunk> chunks = dribbled.stream(request()).collectList().block(Duration.ofSeconds(30));
			assertThat(chunks).hasSize(17);
			assertThat(chunks.get(0).toolCalls())
				.containsExactly(new ToolCallDelta(0, "call_c91SqDXlYFuETYv8mUHzz6pp", "GetWeatherArgs", ""));
			ChatResponse response = aggregate(chunks);
			assertThat(response.content()).isEmpty();
			assertThat(response.finishReason()).isEqualTo("tool_calls");
			assertThat(response.toolCalls()).singleElement().satisfies((call) -> {
				assertThat(call.name()).isEqualTo("GetWeatherArgs");
				assertThat(call.arguments()).isEqualTo("{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}");
				assertThat(call.argumentsAs(WeatherArgs.class)).isEqualTo(new WeatherArgs("Edinburgh", "UK", "c"));
			});
			assertThat(response.usage()).isEqualTo(new Usage(76, 24, 100, 0, 0));
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void streamsTheRecordedParallelToolCallsInTheOrderTheyStart() {
		stubStream(ProviderTestSupport.fixture("openai-chat-stream-parallel-tool-calls.sse"));
		StepVerifier.create(this.template.stream(request()).as(ChatChunks::aggregate)).assertNext((response) -> {
			assertThat(response.toolCalls()).extracting(ToolCall::id, ToolCall::name)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs"),
						org.assertj.core.groups.Tuple.tuple("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price"));
			assertThat(response.toolCalls().get(1).arguments()).isEqualTo("{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}");
			assertThat(response.usage()).isEqualTo(new Usage(149, 60, 209, 0, 0));
		}).verifyComplete();
	}

	@Test
	void streamsDeepSeekStyleReasoningBeforeTheAnswer() {
		Answer answer = new Answer("ds-1", "deepseek-reasoner", List.of("9.11 ", "is smaller."),
				List.of("Compare ", "0.11 and 0.8", "…"), List.of(), "stop", new Usage(20, 40, 60, 16, 30));
		stubStream(answer.stream());
		StepVerifier.create(this.template.stream(request()))
			.assertNext((chunk) -> assertThat(chunk.reasoning()).isEqualTo("Compare "))
			.assertNext((chunk) -> assertThat(chunk.reasoning()).isEqualTo("0.11 and 0.8"))
			.assertNext((chunk) -> assertThat(chunk.reasoning()).isEqualTo("…"))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("9.11 "))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("is smaller."))
			.assertNext((chunk) -> assertThat(chunk.finishReason()).isEqualTo("stop"))
			.assertNext((chunk) -> assertThat(chunk.usage()).isEqualTo(new Usage(20, 40, 60, 16, 30)))
			.verifyComplete();
	}

	@Test
	void aStreamedAnswerAggregatesToTheNonStreamedResponse() {
		List<Answer> answers = List.of(
				new Answer("a-1", "deepseek-reasoner", List.of("Hel", "lo"), List.of("The user ", "greets."), List.of(),
						"stop", new Usage(5, 9, 14, 0, 6)),
				new Answer("a-2", "gpt-4o", List.of(), List.of(),
						List.of(new Call("call_1", "get_weather", List.of("{\"ci", "ty\": \"Par", "is \\u00e9 \\\"x\\\"\"}")),
								new Call("call_2", "clock", List.of("{", "}"))),
						"tool_calls", new Usage(80, 30, 110, 64, 0)),
				new Answer("a-3", "gpt-4o", List.of("Let me check. ", "你好 🌏"), List.of(),
						List.of(new Call("call_9", "get_weather", List.of("{\"city\":", "\"Oslo\"}"))), "tool_calls",
						new Usage(10, 20, 30, 0, 0)));
		for (Answer answer : answers) {
			this.wireMock.resetAll();
			stubStream(answer.stream());
			this.wireMock.stubFor(post(CHAT).withRequestBody(containing("\"messages\""))
				.atPriority(10)
				.willReturn(okJson(answer.completion())));
			ChatResponse streamed = this.template.stream(request()).as(ChatChunks::aggregate).block(Duration.ofSeconds(10));
			ChatResponse whole = this.template.chat(request()).block(Duration.ofSeconds(10));
			assertThat(streamed).as(answer.id()).isEqualTo(whole).isEqualTo(answer.response());
			assertThat(listenerResponse()).as(answer.id()).isEqualTo(whole);
		}
	}

	@Test
	void theRecordedToolCallStreamAggregatesToTheResponseItSpells() {
		stubStream(ProviderTestSupport.fixture("openai-chat-stream-tool-calls.sse"));
		this.wireMock.stubFor(post(CHAT).withRequestBody(containing("\"messages\"")).atPriority(10).willReturn(okJson("""
				{"id":"chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr","object":"chat.completion","created":1727346176,
				 "model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":null,
				 "tool_calls":[{"id":"call_c91SqDXlYFuETYv8mUHzz6pp","type":"function","function":{"name":"GetWeatherArgs",
				 "arguments":"{\\"city\\":\\"Edinburgh\\",\\"country\\":\\"UK\\",\\"units\\":\\"c\\"}"}}],"refusal":null},
				 "logprobs":null,"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":76,"completion_tokens":24,
				 "total_tokens":100,"completion_tokens_details":{"reasoning_tokens":0}},"system_fingerprint":"fp_7568d46099"}""")));
		ChatResponse streamed = this.template.stream(request()).as(ChatChunks::aggregate).block(Duration.ofSeconds(10));
		assertThat(streamed).isEqualTo(this.template.chat(request()).block(Duration.ofSeconds(10)));
	}

	@Test
	void aStreamThatEndsInsideToolCallArgumentsIsAnError() {
		String recorded = ProviderTestSupport.fixture("openai-chat-stream-tool-calls.sse");
		// cut after the sixth event: inside the arguments, before the finish chunk and [DONE]
		int cut = 0;
		for (int i = 0; i < 6; i++) {
			cut = recorded.indexOf("\n\n", cut) + 2;
		}
		stubStream(recorded.substring(0, cut));
		StepVerifier.create(this.template.stream(request()))
			.expectNextCount(6)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("stream ended before completion"))
			.verify(Duration.ofSeconds(10));
		// the deltas were delivered: retrying would repeat them
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void aFailureAfterAToolCallDeltaIsNotRetried() {
		String header = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
				+ "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
				+ "\"arguments\":\"\"}}]}}]}\n\n";
		try (DribbleServer server = DribbleServer.closingAfter(header);
				LlmTemplate closing = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			StepVerifier.create(closing.stream(request()))
				.assertNext((chunk) -> assertThat(chunk.toolCalls()).extracting(ToolCallDelta::id).containsExactly("call_1"))
				.expectError(LlmException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void aFailureAfterAReasoningDeltaIsNotRetried() {
		try (DribbleServer server = DribbleServer.closingAfter(
				"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":\"Hmm\"}}]}\n\n");
				LlmTemplate closing = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			StepVerifier.create(closing.stream(request()))
				.assertNext((chunk) -> assertThat(chunk.reasoning()).isEqualTo("Hmm"))
				.expectError(LlmException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(server.requests).hasValue(1);
		}
	}

	@Test
	void aFailureBeforeTheFirstToolCallDeltaIsRetried() {
		String roleOnly = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n";
		sequence(stream(roleOnly + "data: {\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\"}}\n\n"),
				stream(ProviderTestSupport.fixture("openai-chat-stream-tool-calls.sse")));
		StepVerifier.create(this.template.stream(request()).as(ChatChunks::aggregate))
			.assertNext((response) -> assertThat(response.toolCalls()).extracting(ToolCall::arguments)
				.containsExactly("{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}"))
			.verifyComplete();
		this.wireMock.verify(2, postRequestedFor(urlEqualTo(CHAT)));
	}

	private ChatResponse listenerResponse() {
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		this.template.stream(request(), new StreamListener() {
			@Override
			public void onComplete(ChatResponse response) {
				done.complete(response);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}
		});
		try {
			return done.get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("the listener got no response", ex);
		}
	}

	private static ChatRequest request() {
		return ChatRequest.builder().user("Weather in Paris?").tool(WEATHER).build();
	}

	private static ChatResponse aggregate(List<ChatChunk> chunks) {
		ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();
		chunks.forEach(aggregator::add);
		return aggregator.toResponse();
	}

	private void stubStream(String body) {
		this.wireMock.stubFor(post(CHAT).withRequestBody(containing("\"stream\":true")).atPriority(1).willReturn(stream(body)));
	}

	private void sequence(ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			this.wireMock.stubFor(post(CHAT).inScenario("sequence")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "step" + i)
				.willSetStateTo("step" + (i + 1))
				.willReturn(responses[i]));
		}
	}

	private static ResponseDefinitionBuilder stream(String body) {
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	record WeatherArgs(String city, String country, String units) {
	}

	/** One tool call of an {@link Answer}: its argument text in the fragments a stream sends. */
	record Call(String id, String name, List<String> fragments) {

		String arguments() {
			return String.join("", this.fragments);
		}

	}

	/**
	 * One answer, as a server would stream it (role chunk, reasoning deltas, text deltas, each
	 * call's header and argument fragments, the finish chunk, the usage chunk, [DONE]) and as it
	 * would answer it whole; the two must read as the same {@link ChatResponse}.
	 */
	record Answer(String id, String model, List<String> text, List<String> reasoning, List<Call> calls, String finish,
			Usage usage) {

		String stream() {
			StringBuilder sse = new StringBuilder();
			sse.append(event(delta().put("role", "assistant").putNull("content"), null, false));
			this.reasoning.forEach((piece) -> sse.append(event(delta().putNull("content").put("reasoning_content", piece),
					null, false)));
			this.text.forEach((piece) -> sse.append(event(delta().put("content", piece), null, false)));
			for (int i = 0; i < this.calls.size(); i++) {
				Call call = this.calls.get(i);
				ObjectNode header = delta();
				ObjectNode first = header.putArray("tool_calls").addObject().put("index", i).put("id", call.id())
					.put("type", "function");
				first.putObject("function").put("name", call.name()).put("arguments", "");
				sse.append(event(header, null, false));
				for (String fragment : call.fragments()) {
					ObjectNode delta = delta();
					delta.putArray("tool_calls").addObject().put("index", i).putObject("function").put("arguments", fragment);
					sse.append(event(delta, null, false));
				}
			}
			sse.append(event(delta(), this.finish, false));
			sse.append(event(null, null, true));
			return sse.append("data: [DONE]\n\n").toString();
		}

		String completion() {
			ObjectNode root = JSON.createObjectNode().put("id", this.id).put("object", "chat.completion").put("model", this.model);
			ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
			ObjectNode message = choice.putObject("message").put("role", "assistant");
			if (this.text.isEmpty()) {
				message.putNull("content");
			}
			else {
				message.put("content", String.join("", this.text));
			}
			if (!this.reasoning.isEmpty()) {
				message.put("reasoning_content", String.join("", this.reasoning));
			}
			if (!this.calls.isEmpty()) {
				ArrayNode calls = message.putArray("tool_calls");
				for (Call call : this.calls) {
					calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
						.put("name", call.name()).put("arguments", call.arguments());
				}
			}
			choice.put("finish_reason", this.finish);
			usage(root);
			return root.toString();
		}

		ChatResponse response() {
			return new ChatResponse(this.id, this.model, String.join("", this.text), this.finish, this.usage,
					this.calls.stream().map((call) -> new ToolCall(call.id(), call.name(), call.arguments())).toList(),
					this.reasoning.isEmpty() ? null : String.join("", this.reasoning));
		}

		private static ObjectNode delta() {
			return JSON.createObjectNode();
		}

		private String event(ObjectNode delta, String finish, boolean usage) {
			ObjectNode root = JSON.createObjectNode().put("id", this.id).put("object", "chat.completion.chunk")
				.put("model", this.model);
			ArrayNode choices = root.putArray("choices");
			if (delta != null) {
				ObjectNode choice = choices.addObject().put("index", 0);
				choice.set("delta", delta);
				choice.putNull("logprobs");
				choice.put("finish_reason", finish);
			}
			if (usage) {
				usage(root);
			}
			return "data: " + root + "\n\n";
		}

		private void usage(ObjectNode root) {
			ObjectNode usage = root.putObject("usage").put("prompt_tokens", this.usage.inputTokens())
				.put("completion_tokens", this.usage.outputTokens()).put("total_tokens", this.usage.totalTokens());
			usage.putObject("prompt_tokens_details").put("cached_tokens", this.usage.cachedInputTokens());
			usage.putObject("completion_tokens_details").put("reasoning_tokens", this.usage.reasoningTokens());
		}

	}

}
