package io.github.llmclient;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.provider.ProviderTestSupport;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools, images, typed answers and reasoning through {@link LlmTemplate} against a WireMock
 * OpenAI: the request bodies the server receives and the answers read from its responses.
 */
class OpenAiToolsIntegrationTests extends OpenAiTemplateTestSupport {

	private static final String CHAT = "/v1/chat/completions";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
			+ "\"required\":[\"city\"]}";

	private static final Tool WEATHER = Tool.function("get_weather", "The weather in a city", WEATHER_SCHEMA);

	@Test
	void sendsToolsAndAnImageAndReadsTheRecordedParallelToolCalls() {
		this.wireMock.stubFor(post(CHAT)
			.willReturn(okJson(ProviderTestSupport.fixture("openai-chat-completion-parallel-tool-calls.json"))));
		ChatRequest request = ChatRequest.builder()
			.user(ContentPart.text("Weather here, and the AAPL price?"), ContentPart.image(new byte[] { 1, 2, 3 }, "image/jpeg"))
			.tool(WEATHER)
			.tool(Tool.function("get_stock_price", null, StockArgs.class))
			.toolChoice(ToolChoice.required())
			.build();

		StepVerifier.create(this.template.chat(request)).assertNext((response) -> {
			assertThat(response.content()).isEmpty();
			assertThat(response.finishReason()).isEqualTo("tool_calls");
			assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("GetWeatherArgs", "get_stock_price");
			assertThat(response.toolCalls().get(1).argumentsAs(StockArgs.class)).isEqualTo(new StockArgs("AAPL", "NASDAQ"));
			assertThat(response.usage()).isEqualTo(new Usage(149, 60, 209, 0, 0));
		}).expectComplete().verify(WAIT);

		this.wireMock.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"model":"gpt-4o-mini",
				 "messages":[{"role":"user","content":[{"type":"text","text":"Weather here, and the AAPL price?"},
				              {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,AQID"}}]}],
				 "tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city",
				           "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
				          {"type":"function","function":{"name":"get_stock_price","parameters":"${json-unit.ignore}"}}],
				 "tool_choice":"required"}""")));
	}

	@Test
	void runsAToolLoopReplayingTheCallsAndTheirResults() {
		this.wireMock.stubFor(post(CHAT).inScenario("loop").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
			.willReturn(okJson("""
					{"id":"c1","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"finish_reason":"tool_calls",
					 "message":{"role":"assistant","content":null,"refusal":null,"annotations":[],
					 "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}],
					 "usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}""")));
		this.wireMock.stubFor(post(CHAT).inScenario("loop").whenScenarioStateIs("answered").willReturn(okJson("""
				{"id":"c2","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"finish_reason":"stop",
				 "message":{"role":"assistant","content":"It is sunny in Paris."}}],
				 "usage":{"prompt_tokens":70,"completion_tokens":6,"total_tokens":76}}""")));

		ChatRequest request = ChatRequest.builder().user("Weather in Paris?").tool(WEATHER).build();
		ChatResponse first = this.template.chat(request).block(WAIT);
		assertThat(first.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
		ChatRequest.Builder next = request.mutate().message(ChatMessage.assistant(first));
		for (ToolCall call : first.toolCalls()) {
			next.message(ChatMessage.tool(call.id(), "{\"sky\":\"sunny\"}"));
		}
		assertThat(this.template.chat(next.build()).block(WAIT).content()).isEqualTo("It is sunny in Paris.");

		this.wireMock.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"model":"gpt-4o-mini",
				 "messages":[{"role":"user","content":"Weather in Paris?"},
				             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
				              "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
				             {"role":"tool","tool_call_id":"call_1","content":"{\\"sky\\":\\"sunny\\"}"}],
				 "tools":"${json-unit.ignore}"}""")));
	}

	@Test
	void aTypedAnswerAsksForTheSchemaAndReadsTheContent() {
		this.wireMock.stubFor(post(CHAT).willReturn(okJson("""
				{"id":"c","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"finish_reason":"stop",
				 "message":{"role":"assistant","content":"{\\"ticker\\":\\"AAPL\\",\\"exchange\\":\\"NASDAQ\\"}"}}]}""")));

		StepVerifier.create(this.template.chat(ChatRequest.of("Apple's listing?"), StockArgs.class))
			.expectNext(new StockArgs("AAPL", "NASDAQ"))
			.expectComplete()
			.verify(WAIT);

		this.wireMock.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Apple's listing?"}],
				 "response_format":{"type":"json_schema","json_schema":{"name":"StockArgs","strict":true,
				   "schema":{"type":"object","properties":{"ticker":{"type":"string"},"exchange":{"type":"string"}},
				             "required":["ticker","exchange"],"additionalProperties":false}}}}""", true, true)));
	}

	@Test
	void aTypedAnswerThatIsNotTheTypeNamesIt() {
		this.wireMock.stubFor(post(CHAT).willReturn(okJson("""
				{"choices":[{"index":0,"finish_reason":"stop","message":{"content":"Sorry, I cannot."}}]}""")));

		StepVerifier.create(this.template.chat(ChatRequest.builder().user("x").responseFormat(ResponseFormat.jsonObject())
			.build(), StockArgs.class))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmException.class)
				.hasMessageContaining(StockArgs.class.getName())
				.hasMessageContaining("Sorry, I cannot."))
			.verify(WAIT);

		this.wireMock.verify(postRequestedFor(urlEqualTo(CHAT))
			.withRequestBody(equalToJson("{\"response_format\":{\"type\":\"json_object\"}}", true, true)));
	}

	@Test
	void readsReasoningAndCachedAndReasoningTokens() {
		this.wireMock.stubFor(post(CHAT).willReturn(okJson("""
				{"id":"r1","object":"chat.completion","model":"o4-mini","choices":[{"index":0,"finish_reason":"stop",
				 "message":{"role":"assistant","content":"42","reasoning_content":"6 × 7"}}],
				 "usage":{"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,
				          "prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},
				          "completion_tokens_details":{"reasoning_tokens":256,"audio_tokens":0,
				                                       "accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}""")));

		StepVerifier.create(this.template.chat(ChatRequest.of("6 times 7?")))
			.expectNext(new ChatResponse("r1", "o4-mini", "42", "stop", new Usage(1200, 300, 1500, 1024, 256), List.of(),
					"6 × 7"))
			.expectComplete()
			.verify(WAIT);
	}

	record StockArgs(String ticker, String exchange) {
	}

}
