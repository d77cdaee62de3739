package io.github.llmclient.provider.azure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import io.github.llmclient.chat.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools, images and response formats on Azure OpenAI, which speaks OpenAI's wire format: the same
 * bodies on the deployments route (no model) and the v1 route (the deployment as model), and
 * Azure's tool-call answers and streams with their content-filter fields and empty-id
 * prompt-filter chunk.
 */
class AzureToolsIntegrationTests {

	private static final String API_KEY = "azure-tools-secret-0123456789";

	private static final String CHAT = "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Tool WEATHER = Tool.function("get_weather", "The weather in a city",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

	/** The messages, tools and format of every rich request below, as the server must receive them. */
	private static final String MESSAGES_JSON = """
			"messages":[{"role":"user","content":[{"type":"text","text":"Weather where this photo was taken?"},
			            {"type":"image_url","image_url":{"url":"https://example.com/fjord.jpg"}}]}]""";

	private static final String FORMAT_JSON = "\"response_format\":{\"type\":\"json_object\"}";

	private static final String TOOLS_JSON = """
			"tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city",
			          "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
			"tool_choice":{"type":"function","function":{"name":"get_weather"}}""";

	private static final String TOOL_CALL_COMPLETION = """
			{"id":"chatcmpl-AZT","object":"chat.completion","created":1727000000,"model":"gpt-4o-2024-08-06",
			 "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}],
			 "choices":[{"index":0,"finish_reason":"tool_calls","logprobs":null,
			             "message":{"role":"assistant","content":null,"refusal":null,
			                        "tool_calls":[{"id":"call_az1","type":"function",
			                                       "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
			             "content_filter_results":{}}],
			 "usage":{"prompt_tokens":60,"completion_tokens":15,"total_tokens":75,
			          "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}},
			 "system_fingerprint":"fp_1"}""";

	/** The same answer as Azure streams it: a prompt-filter chunk with an empty id and model first. */
	private static final String TOOL_CALL_STREAM = """
			data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]}

			data: {"choices":[{"content_filter_results":{},"delta":{"content":null,"refusal":null,"role":"assistant","tool_calls":[{"function":{"arguments":"","name":"get_weather"},"id":"call_az1","index":0,"type":"function"}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZT","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"{\\"ci"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZT","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"function":{"arguments":"ty\\":\\"Oslo\\"}"},"index":0}]},"finish_reason":null,"index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZT","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"tool_calls","index":0,"logprobs":null}],"created":1727000000,"id":"chatcmpl-AZT","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1"}

			data: {"choices":[],"created":1727000000,"id":"chatcmpl-AZT","model":"gpt-4o-2024-08-06","object":"chat.completion.chunk","system_fingerprint":"fp_1","usage":{"completion_tokens":15,"completion_tokens_details":{"reasoning_tokens":0},"prompt_tokens":60,"prompt_tokens_details":{"cached_tokens":0},"total_tokens":75}}

			data: [DONE]

			""";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void deploymentsRouteSendsToolsImagesAndFormatWithoutAModel() {
		server.stubFor(post(CHAT).willReturn(okJson(TOOL_CALL_COMPLETION)));
		try (LlmTemplate template = template(server.baseUrl())) {
			StepVerifier.create(template.chat(richRequest()))
				.expectNext(expectedAnswer())
				.expectComplete()
				.verify(WAIT);
		}
		server.verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("api-key", equalTo(API_KEY))
			.withRequestBody(equalToJson("{" + MESSAGES_JSON + "," + TOOLS_JSON + "," + FORMAT_JSON + "}")));
	}

	@Test
	void v1RouteSendsTheSameBodyWithTheDeploymentAsModel() {
		server.stubFor(post("/openai/v1/chat/completions").willReturn(okJson(TOOL_CALL_COMPLETION)));
		try (LlmTemplate template = template(server.baseUrl() + "/openai/v1")) {
			StepVerifier.create(template.chat(richRequest()))
				.expectNext(expectedAnswer())
				.expectComplete()
				.verify(WAIT);
		}
		server.verify(postRequestedFor(urlEqualTo("/openai/v1/chat/completions")).withHeader("api-key", equalTo(API_KEY))
			.withRequestBody(equalToJson(
					"{\"model\":\"gpt-4o-prod\"," + MESSAGES_JSON + "," + TOOLS_JSON + "," + FORMAT_JSON + "}")));
	}

	@Test
	void replaysAToolTurnOnTheDeploymentsRoute() {
		server.stubFor(post(CHAT).willReturn(okJson(TOOL_CALL_COMPLETION)));
		ChatRequest replay = ChatRequest.builder()
			.user("Weather in Oslo?")
			.message(ChatMessage.assistant(expectedAnswer()))
			.message(ChatMessage.tool("call_az1", "{\"sky\":\"snow\"}"))
			.tool(WEATHER)
			.build();
		try (LlmTemplate template = template(server.baseUrl())) {
			template.chat(replay).block(WAIT);
		}
		server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Weather in Oslo?"},
				             {"role":"assistant","content":null,"tool_calls":[{"id":"call_az1","type":"function",
				              "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
				             {"role":"tool","tool_call_id":"call_az1","content":"{\\"sky\\":\\"snow\\"}"}],
				 "tools":"${json-unit.ignore}"}""")));
	}

	@Test
	void anAzureToolCallStreamAggregatesToTheNonStreamedAnswer() {
		server.stubFor(post(CHAT).withRequestBody(containing("\"stream\":true")).atPriority(1)
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(TOOL_CALL_STREAM)));
		server.stubFor(post(CHAT).atPriority(10).willReturn(okJson(TOOL_CALL_COMPLETION)));
		try (LlmTemplate template = template(server.baseUrl())) {
			ChatResponse streamed = template.stream(richRequest()).as(ChatChunks::aggregate).block(WAIT);
			assertThat(streamed).isEqualTo(template.chat(richRequest()).block(WAIT)).isEqualTo(expectedAnswer());
		}
	}

	private static ChatRequest richRequest() {
		return ChatRequest.builder()
			.user(ContentPart.text("Weather where this photo was taken?"), ContentPart.imageUrl("https://example.com/fjord.jpg"))
			.tool(WEATHER)
			.toolChoice(ToolChoice.function("get_weather"))
			.responseFormat(ResponseFormat.jsonObject())
			.build();
	}

	private static ChatResponse expectedAnswer() {
		return new ChatResponse("chatcmpl-AZT", "gpt-4o-2024-08-06", "", "tool_calls", new Usage(60, 15, 75, 0, 0),
				List.of(new ToolCall("call_az1", "get_weather", "{\"city\":\"Oslo\"}")), null);
	}

	private static LlmTemplate template(String baseUrl) {
		return LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.apiKey(API_KEY)
			.baseUrl(baseUrl)
			.model("gpt-4o-prod")
			.retry(TestClients.fastRetries(2))
			.build()).build();
	}

}
