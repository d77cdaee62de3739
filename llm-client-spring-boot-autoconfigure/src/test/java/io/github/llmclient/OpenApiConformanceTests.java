package io.github.llmclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the requests we send against OpenAI's published OpenAPI document
 * ({@code fixtures/openai-openapi.yaml}, see {@code fixtures/SOURCES.md}): plain ones, and ones with
 * tools, tool choices, images, replayed tool turns and response formats; malformed variants of
 * those show that the validation reaches them.
 */
class OpenApiConformanceTests {

	private static JsonNode openApi;

	private static Schema chatRequestSchema;

	private final JsonMapper json = JsonMapper.builder().build();

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private LlmTemplate template;

	@BeforeAll
	static void loadSpecification() {
		openApi = OpenApiDocument.openApi();
		chatRequestSchema = OpenApiDocument.schema("CreateChatCompletionRequest");
	}

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiChatIntegrationTests.COMPLETION)));
		this.wireMock.stubFor(get("/v1/models").willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
		this.template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build()).build();
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.wireMock.stop();
	}

	@Test
	void validationIsLive() {
		JsonNode invalid = this.json.readTree("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"wizard\",\"content\":1}],\"temperature\":\"hot\"}");
		assertThat(chatRequestSchema.validate(invalid)).isNotEmpty();
	}

	@Test
	void chatRequestsValidate() {
		this.template.chat(ChatRequest.builder()
			.system("Be brief.")
			.user("Hi")
			.assistant("Hello")
			.user("Again")
			.temperature(0.7)
			.maxTokens(64)
			.topP(0.9)
			.stop(List.of("END"))
			.extraBody("seed", 7)
			.extraBody("response_format", Map.of("type", "json_object"))
			.build()).block();
		this.template.chat("Hi").block();
		assertValid(requestBodies("/v1/chat/completions"));
	}

	@Test
	void streamRequestsValidate() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n")));
		this.template.stream(ChatRequest.builder().system("s").user("u").temperature(0).maxTokens(5).build()).blockLast();
		try (LlmTemplate noUsage = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").streamUsage(false).build()).build()) {
			noUsage.stream("u").blockLast();
		}
		List<JsonNode> bodies = requestBodies("/v1/chat/completions");
		assertThat(bodies).hasSize(2);
		assertThat(bodies).anySatisfy((body) -> assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue());
		assertValid(bodies);
	}

	@Test
	void requestsWithToolsImagesToolTurnsAndResponseFormatsValidate() {
		Tool weather = Tool.function("get_weather", "The weather in a city",
				"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
		Tool stock = Tool.function("get_stock_price", null, StockArgs.class);
		List<ChatRequest> requests = new ArrayList<>();
		for (ToolChoice choice : List.of(ToolChoice.auto(), ToolChoice.none(), ToolChoice.required(),
				ToolChoice.function("get_stock_price"))) {
			requests.add(ChatRequest.builder().user("Weather and AAPL?").tool(weather).tool(stock).toolChoice(choice).build());
		}
		requests.add(ChatRequest.builder()
			.user(ContentPart.text("What is in these?"), ContentPart.imageUrl("https://example.com/cat.png"),
					ContentPart.image(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png"))
			.build());
		ChatResponse callsOnly = new ChatResponse("c1", "gpt-4o", "", "tool_calls", null,
				List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
						new ToolCall("call_2", "get_stock_price", "{\"ticker\":\"AAPL\",\"exchange\":\"NASDAQ\"}")),
				null);
		ChatResponse textAndCall = new ChatResponse("c2", "gpt-4o", "Checking again.", "tool_calls", null,
				List.of(new ToolCall("call_3", "get_weather", "{\"city\":\"Oslo\"}")), null);
		requests.add(ChatRequest.builder()
			.system("Use the tools.")
			.user("Weather in Paris and AAPL?")
			.message(ChatMessage.assistant(callsOnly))
			.message(ChatMessage.tool("call_1", "{\"sky\":\"sunny\"}"))
			.message(ChatMessage.tool("call_2", "{\"price\":230.1}"))
			.message(ChatMessage.assistant(textAndCall))
			.message(ChatMessage.tool("call_3", "snow"))
			.tool(weather)
			.tool(stock)
			.build());
		for (ResponseFormat format : List.of(ResponseFormat.jsonSchema(StockArgs.class),
				ResponseFormat.jsonSchema("weather", "{\"type\":\"object\",\"properties\":{}}", false),
				ResponseFormat.jsonObject(), ResponseFormat.text())) {
			requests.add(ChatRequest.builder().user("Answer in JSON").responseFormat(format).build());
		}
		for (ChatRequest request : requests) {
			this.template.chat(request).block();
		}
		this.wireMock.stubFor(post("/v1/chat/completions").withRequestBody(containing("\"stream\":true"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n")));
		this.template.stream(requests.get(0)).blockLast();
		List<JsonNode> bodies = requestBodies("/v1/chat/completions");
		assertThat(bodies).hasSize(requests.size() + 1);
		assertThat(bodies).anySatisfy((body) -> assertThat(body.at("/messages/2/content").isNull()).isTrue());
		assertValid(bodies);
	}

	@Test
	void validationCatchesMalformedToolsImagesToolTurnsAndFormats() {
		String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]";
		String valid = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + tools + "}";
		assertThat(chatRequestSchema.validate(this.json.readTree(valid))).isEmpty();
		List<String> invalid = List.of(
				// the schema as a string, not the object
				valid.replace("\"parameters\":{\"type\":\"object\"}", "\"parameters\":\"{\\\"type\\\":\\\"object\\\"}\""),
				valid.replace(tools, tools + ",\"tool_choice\":\"sometimes\""),
				valid.replace(tools, tools + ",\"tool_choice\":{\"type\":\"function\"}"),
				valid.replace("\"content\":\"hi\"", "\"content\":[{\"type\":\"image_url\",\"image_url\":\"https://x/y.png\"}]"),
				valid.replace("{\"role\":\"user\",\"content\":\"hi\"}", "{\"role\":\"tool\",\"content\":\"sunny\"}"),
				valid.replace("{\"role\":\"user\",\"content\":\"hi\"}",
						"{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
								+ "\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}"),
				valid.replace(tools, tools + ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}"));
		for (String body : invalid) {
			assertThat(chatRequestSchema.validate(this.json.readTree(body))).as(body).isNotEmpty();
		}
	}

	@Test
	void requestsWithReasoningValidateAndABadEffortIsCaught() {
		for (Reasoning reasoning : List.of(Reasoning.effort(ReasoningEffort.LOW), Reasoning.effort(ReasoningEffort.MEDIUM),
				Reasoning.effort(ReasoningEffort.HIGH), Reasoning.budgetTokens(20_000))) {
			this.template.chat(ChatRequest.builder().user("Prove it.").maxTokens(4000).reasoning(reasoning).build())
				.block();
		}
		List<JsonNode> bodies = requestBodies("/v1/chat/completions");
		assertThat(bodies).extracting((body) -> body.path("reasoning_effort").asString())
			.containsExactlyInAnyOrder("low", "medium", "high", "high");
		assertThat(bodies).allSatisfy((body) -> assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(4000));
		assertValid(bodies);
		ObjectNode invalid = (ObjectNode) bodies.get(0).deepCopy();
		invalid.put("reasoning_effort", "extreme");
		assertThat(chatRequestSchema.validate(invalid)).isNotEmpty();
	}

	@Test
	void modelsRequestMatchesTheDocumentedOperation() {
		this.template.models().block();
		ServeEvent event = this.wireMock.getAllServeEvents().get(0);
		assertThat(event.getRequest().getMethod().getName()).isEqualTo("GET");
		assertThat(event.getRequest().getUrl()).isEqualTo("/v1/models");
		JsonNode operation = openApi.path("paths").path("/models").path("get");
		assertThat(operation.isObject()).as("GET /models is documented").isTrue();
		assertThat(operation.path("requestBody").isMissingNode()).isTrue();
		assertThat(openApi.path("paths").path("/chat/completions").path("post").isObject()).isTrue();
		assertThat(openApi.path("servers").get(0).path("url").asString()).isEqualTo("https://api.openai.com/v1");
	}

	private void assertValid(List<JsonNode> bodies) {
		assertThat(bodies).isNotEmpty();
		for (JsonNode body : bodies) {
			List<Error> errors = chatRequestSchema.validate(body);
			assertThat(errors).as("request %s", body).isEmpty();
		}
	}

	private List<JsonNode> requestBodies(String url) {
		List<JsonNode> bodies = new ArrayList<>();
		for (ServeEvent event : this.wireMock.getAllServeEvents()) {
			if (event.getRequest().getUrl().equals(url)) {
				bodies.add(this.json.readTree(event.getRequest().getBodyAsString()));
			}
		}
		return bodies;
	}

	record StockArgs(String ticker, String exchange) {
	}

}
