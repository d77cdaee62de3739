package io.github.llmclient;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.error.LlmException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.core.JacksonException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Typed answers cut off at the token limit (issue 28), in the shapes the providers send: the
 * failure says the answer stopped at the limit, names the limit and how to raise it, quotes the
 * start of the text and keeps the parse error as its cause; an answer that stopped for another
 * reason keeps the plain "could not read" message.
 */
class CutOffAnswerIntegrationTests extends WireMockTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** llama.cpp's answer of the issue: grammar-valid JSON until max_tokens stopped it mid-string. */
	private static final String OPENAI_CUT_OFF = """
			{"id":"chatcmpl-cut","object":"chat.completion","created":1,"model":"qwen2.5-7b-instruct",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"name\\":\\"Tokyo\\",\\"country\\":\\"Jap"},
			  "finish_reason":"length"}],
			 "usage":{"prompt_tokens":120,"completion_tokens":600,"total_tokens":720}}""";

	record City(String name, String country, int population) {
	}

	@Test
	void openAiTypedAnswerCutOffNamesTheConfiguredLimitAndHowToRaiseIt() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OPENAI_CUT_OFF)));
		try (LlmTemplate template = openAi(600)) {
			LlmException failure = typedFailure(template, ChatRequest.of("The largest city of Japan?"));
			assertThat(failure.getMessage())
				.startsWith("The answer stopped at the token limit before it was complete (finish reason 'length')")
				.contains(City.class.getName())
				.contains("{\"name\":\"Tokyo\",\"country\":\"Jap")
				.contains("600 tokens, from llm.max-tokens")
				.contains("Raise the token limit (the request's maxTokens, else llm.max-tokens)");
			assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED).isEqualTo("output_truncated");
			assertThat(failure.provider()).isEqualTo("openai");
			assertThat(failure.getClass()).isEqualTo(LlmException.class);
			assertThat(failure.getCause()).isInstanceOf(JacksonException.class);
			assertThat(failure.getMessage()).contains(((JacksonException) failure.getCause()).getOriginalMessage());
		}
		// the answer was delivered, so nothing was retried
		assertThat(this.wireMock.getAllServeEvents()).hasSize(1);
	}

	@Test
	void theRequestsOwnMaxTokensIsTheLimitNamed() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OPENAI_CUT_OFF)));
		try (LlmTemplate template = openAi(4096)) {
			LlmException failure = typedFailure(template,
					ChatRequest.builder().user("The largest city of Japan?").maxTokens(600).build());
			assertThat(failure.getMessage()).contains("600 tokens, the request's maxTokens").doesNotContain("4096");
		}
	}

	@Test
	void withoutAnyLimitSentTheProvidersOwnCapIsNamed() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OPENAI_CUT_OFF)));
		try (LlmTemplate template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build())
			.build()) {
			assertThat(typedFailure(template, ChatRequest.of("?")).getMessage())
				.contains("No limit was sent (neither the request's maxTokens nor llm.max-tokens is set)")
				.contains("the provider's own output limit applied");
		}
	}

	@Test
	void aNamedClientNamesItsOwnProperty() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OPENAI_CUT_OFF)));
		try (LlmTemplate template = LlmTemplate.builder(
				TestClients.openAi(this.wireMock.baseUrl() + "/v1").name("extractor").maxTokens(300).build()).build()) {
			assertThat(typedFailure(template, ChatRequest.of("?")).getMessage())
				.contains("300 tokens, from llm.clients.extractor.max-tokens");
		}
	}

	@Test
	void malformedJsonThatStoppedNormallyKeepsThePlainMessage() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OPENAI_CUT_OFF.replace("\"length\"", "\"stop\""))));
		try (LlmTemplate template = openAi(600)) {
			LlmException failure = typedFailure(template, ChatRequest.of("?"));
			assertThat(failure.getMessage()).startsWith("Could not read the answer as " + City.class.getName())
				.contains("(the text was: {\"name\":\"Tokyo\",\"country\":\"Jap")
				.doesNotContain("token limit")
				.doesNotContain("max-tokens");
			assertThat(failure.errorType()).isNull();
			assertThat(failure.getCause()).isInstanceOf(JacksonException.class);
		}
	}

	@Test
	void openAiStreamCutOffAggregatesToAnAnswerThatSaysSo() {
		String stream = """
				data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

				data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"{\\"name\\":\\"Tok"},"finish_reason":null}]}

				data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"yo\\",\\"coun"},"finish_reason":null}]}

				data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}

				data: [DONE]

				""";
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(eventStream(stream)));
		try (LlmTemplate template = openAi(8)) {
			ChatRequest request = ChatRequest.builder().user("?").responseFormat(ResponseFormat.jsonSchema(City.class)).build();
			ChatResponse aggregated = template.stream(request).as(ChatChunks::aggregate).block(WAIT);
			assertThat(aggregated.finishReason()).isEqualTo("length");
			LlmException failure = catchThrowableOfType(LlmException.class, () -> aggregated.contentAs(City.class));
			assertThat(failure.getMessage()).startsWith("The answer stopped at the token limit before it was complete")
				.contains("{\"name\":\"Tokyo\",\"coun")
				.contains("the request's maxTokens, else llm.max-tokens");
			assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
			assertThat(failure.getCause()).isInstanceOf(JacksonException.class);
		}
	}

	@Test
	void openAiToolCallCutOffInAStreamSaysSoWhenItsArgumentsAreRead() {
		String stream = """
				data: {"id":"c2","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}

				data: {"id":"c2","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":\\"Edin"}}]},"finish_reason":null}]}

				data: {"id":"c2","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}

				data: [DONE]

				""";
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(eventStream(stream)));
		try (LlmTemplate template = openAi(5)) {
			ChatResponse aggregated = template.stream(ChatRequest.of("Weather in Edinburgh?"))
				.as(ChatChunks::aggregate)
				.block(WAIT);
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> aggregated.toolCalls().get(0).argumentsAs(City.class));
			assertThat(failure.getMessage()).startsWith("The answer stopped at the token limit before it was complete")
				.contains("the arguments of tool 'get_weather' could not be read as " + City.class.getName())
				.contains("{\"city\":\"Edin");
			assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
		}
	}

	@Test
	void anthropicForcedToolInputCutOffAtMaxTokensSaysSo() {
		// non-streamed, Anthropic's tool input is always an object: the cut one lacks what was never written
		this.wireMock.stubFor(post("/v1/messages").willReturn(okJson("""
				{"id":"msg_cut","type":"message","role":"assistant","model":"claude-haiku-4-5",
				 "content":[{"type":"tool_use","id":"toolu_c","name":"City","input":{"name":"Tokyo"}}],
				 "stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":40,"output_tokens":12}}""")));
		try (LlmTemplate template = anthropic()) {
			LlmException failure = typedFailure(template, ChatRequest.of("The largest city of Japan?"));
			assertThat(failure.getMessage()).startsWith("The answer stopped at the token limit before it was complete")
				.contains("{\"name\":\"Tokyo\"}")
				.contains("1024 tokens, from llm.max-tokens");
			assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
			assertThat(failure.provider()).isEqualTo("anthropic");
			assertThat(failure.getCause()).isInstanceOf(JacksonException.class);
		}
	}

	@Test
	void anthropicStreamedForcedToolInputCutOffAggregatesToAnAnswerThatSaysSo() {
		String stream = """
				event: message_start
				data: {"type":"message_start","message":{"id":"msg_cs","type":"message","role":"assistant","content":[],"model":"claude-haiku-4-5","stop_reason":null,"usage":{"input_tokens":40,"output_tokens":1}}}

				event: content_block_start
				data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_c","name":"City","input":{}}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"name\\":\\"Tokyo\\",\\"coun"}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"try\\":\\"Ja"}}

				event: content_block_stop
				data: {"type":"content_block_stop","index":0}

				event: message_delta
				data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":12}}

				event: message_stop
				data: {"type":"message_stop"}

				""";
		this.wireMock.stubFor(post("/v1/messages").willReturn(eventStream(stream)));
		try (LlmTemplate template = anthropic()) {
			ChatRequest request = ChatRequest.builder().user("?").responseFormat(ResponseFormat.jsonSchema(City.class)).build();
			ChatResponse aggregated = template.stream(request).as(ChatChunks::aggregate).block(WAIT);
			assertThat(aggregated.finishReason()).isEqualTo("length");
			LlmException failure = catchThrowableOfType(LlmException.class, () -> aggregated.contentAs(City.class));
			assertThat(failure.getMessage()).startsWith("The answer stopped at the token limit before it was complete")
				.contains("{\"name\":\"Tokyo\",\"country\":\"Ja");
			assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
			assertThat(failure.getCause()).isInstanceOf(JacksonException.class);
		}
	}

	@Test
	void anthropicInputThatIsNotTheTypeAndStoppedNormallyKeepsThePlainMessage() {
		this.wireMock.stubFor(post("/v1/messages").willReturn(okJson("""
				{"id":"msg_bad","type":"message","role":"assistant","model":"claude-haiku-4-5",
				 "content":[{"type":"tool_use","id":"toolu_b","name":"City","input":{"name":"Tokyo","population":"many"}}],
				 "stop_reason":"tool_use","usage":{"input_tokens":40,"output_tokens":12}}""")));
		try (LlmTemplate template = anthropic()) {
			LlmException failure = typedFailure(template, ChatRequest.of("?"));
			assertThat(failure.getMessage()).startsWith("Could not read the answer as " + City.class.getName())
				.doesNotContain("token limit");
			assertThat(failure.errorType()).isNull();
		}
	}

	private LlmException typedFailure(LlmTemplate template, ChatRequest request) {
		LlmException[] failure = new LlmException[1];
		StepVerifier.create(template.chat(request, City.class))
			.expectErrorSatisfies((error) -> failure[0] = (LlmException) error)
			.verify(WAIT);
		return failure[0];
	}

	private LlmTemplate openAi(int maxTokens) {
		return LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").maxTokens(maxTokens).build())
			.build();
	}

	private LlmTemplate anthropic() {
		return LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.apiKey("test-anthropic-key")
			.baseUrl(this.wireMock.baseUrl() + "/v1")
			.model("claude-haiku-4-5")
			.retry(TestClients.fastRetries(3))
			.build()).build();
	}

	private static ResponseDefinitionBuilder eventStream(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

}
