package io.github.llmclient;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.github.llmclient.chat.ChatChunks;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Responses API requests we send against OpenAI's published OpenAPI document
 * ({@code CreateResponse}): a text request, one with tools, a tool choice, a text format, an image
 * and reasoning, and a tool-result turn replaying a reasoning item; malformed variants show that
 * the validation reaches them.
 */
class ResponsesOpenApiConformanceTests {

	private static Schema createResponse;

	private final JsonMapper json = JsonMapper.builder().build();

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private LlmTemplate template;

	@BeforeAll
	static void loadSpecification() {
		createResponse = OpenApiDocument.schema("CreateResponse", true);
		assertThat(OpenApiDocument.openApi().path("paths").path("/responses").path("post").isObject()).isTrue();
	}

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post("/v1/responses").willReturn(okJson(ResponsesStreamIntegrationTests
			.event(ResponsesStreamIntegrationTests.TOOL_RESULT, "response.completed").path("response").toString())));
		this.template = ResponsesStreamIntegrationTests.responses(this.wireMock.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.wireMock.stop();
	}

	@Test
	void textRequestValidates() {
		this.template.chat(ChatRequest.builder()
			.system("Be brief.")
			.user("Hi")
			.assistant("Hello")
			.user("Again")
			.temperature(0.7)
			.maxTokens(64)
			.topP(0.9)
			.build()).block();
		JsonNode body = single();
		assertThat(body.path("instructions").asString()).isEqualTo("Be brief.");
		assertThat(body.path("max_output_tokens").asInt()).isEqualTo(64);
		assertThat(body.path("store").asBoolean(true)).isFalse();
		assertThat(body.path("include").get(0).asString()).isEqualTo("reasoning.encrypted_content");
		assertValid(body);
	}

	@Test
	void requestWithToolsToolChoiceTextFormatImageAndReasoningValidates() {
		Tool weather = Tool.function("get_weather", "The weather in a city",
				"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
		List<ChatRequest> requests = new ArrayList<>();
		for (ToolChoice choice : List.of(ToolChoice.auto(), ToolChoice.none(), ToolChoice.required(),
				ToolChoice.function("get_weather"))) {
			requests.add(ChatRequest.builder()
				.user(ContentPart.text("Is it this sunny in Paris?"), ContentPart.imageUrl("https://example.com/sun.png"),
						ContentPart.image(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png"))
				.tool(weather)
				.toolChoice(choice)
				.responseFormat(ResponseFormat.jsonSchema("answer",
						"{\"type\":\"object\",\"properties\":{\"yes\":{\"type\":\"boolean\"}},\"required\":[\"yes\"],"
								+ "\"additionalProperties\":false}"))
				.reasoning(Reasoning.effort(ReasoningEffort.HIGH))
				.build());
		}
		requests.add(ChatRequest.builder().user("JSON please").responseFormat(ResponseFormat.jsonObject())
			.reasoning(Reasoning.budgetTokens(2000)).build());
		for (ChatRequest request : requests) {
			this.template.chat(request).block();
		}
		List<JsonNode> bodies = bodies();
		assertThat(bodies).hasSize(requests.size());
		JsonNode first = bodies.get(0);
		assertThat(first.at("/tools/0/strict").isBoolean()).as("strict always sent").isTrue();
		assertThat(first.at("/tools/0/name").asString()).isEqualTo("get_weather");
		assertThat(first.at("/input/0/content/1/detail").asString()).isEqualTo("auto");
		assertThat(first.at("/text/format/type").asString()).isEqualTo("json_schema");
		assertThat(first.at("/reasoning/effort").asString()).isEqualTo("high");
		assertThat(first.at("/reasoning/summary").asString()).isEqualTo("auto");
		assertThat(bodies.get(3).at("/tool_choice/name").asString()).isEqualTo("get_weather");
		assertThat(bodies.get(4).at("/reasoning/effort").asString()).isEqualTo("low");
		bodies.forEach(this::assertValid);
	}

	@Test
	void toolResultTurnReplayingAReasoningItemValidates() {
		this.wireMock.stubFor(post("/v1/responses").withRequestBody(containing("\"stream\":true"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(ResponsesStreamIntegrationTests.TOOL_CALL)));
		ChatRequest first = ChatRequest.builder().user("What is the weather in New York City, USA?")
			.tool(Tool.function("get_weather", "Get current temperature for a given location.",
					"{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}"))
			.build();
		ChatResponse answer = this.template.stream(first).as(ChatChunks::aggregate).block();
		ToolCall call = answer.toolCalls().get(0);
		this.template.chat(first.mutate()
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool(call.id(), "\"Sunny\""))
			.build()).block();
		// and the same turn from an answer of another provider: plain items
		this.template.chat(first.mutate()
			.message(ChatMessage.assistant(new ChatResponse("c", "m", "Let me check.", "tool_calls", null, List.of(call),
					null)))
			.message(ChatMessage.tool(call.id(), "\"Sunny\""))
			.build()).block();
		List<JsonNode> bodies = bodies();
		JsonNode replayed = bodies.get(1);
		assertThat(replayed.at("/input/1/type").asString()).isEqualTo("reasoning");
		assertThat(replayed.at("/input/2/type").asString()).isEqualTo("function_call");
		assertThat(replayed.at("/input/3/type").asString()).isEqualTo("function_call_output");
		JsonNode plain = bodies.get(2);
		assertThat(plain.at("/input/1/role").asString()).isEqualTo("assistant");
		assertThat(plain.at("/input/2/call_id").asString()).isEqualTo(call.id());
		bodies.forEach(this::assertValid);
	}

	@Test
	void validationCatchesMalformedRequests() {
		String valid = "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":"
				+ "\"input_image\",\"image_url\":\"https://x/y.png\",\"detail\":\"auto\"}]}],\"tools\":[{\"type\":"
				+ "\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"},\"strict\":false}],"
				+ "\"reasoning\":{\"effort\":\"low\",\"summary\":\"auto\"}}";
		assertThat(createResponse.validate(this.json.readTree(valid))).isEmpty();
		List<String> invalid = List.of(
				// an image without the detail the schema requires
				valid.replace(",\"detail\":\"auto\"", ""),
				valid.replace("\"effort\":\"low\"", "\"effort\":\"extreme\""),
				valid.replace("\"strict\":false", "\"strict\":\"no\""),
				valid.replace("\"model\":\"gpt-5\"", "\"model\":\"gpt-5\",\"tool_choice\":\"sometimes\""),
				valid.replace("\"model\":\"gpt-5\"", "\"model\":\"gpt-5\",\"max_output_tokens\":\"many\""));
		for (String body : invalid) {
			assertThat(createResponse.validate(this.json.readTree(body))).as(body).isNotEmpty();
		}
	}

	private void assertValid(JsonNode body) {
		List<Error> errors = createResponse.validate(body);
		assertThat(errors).as("request %s", body).isEmpty();
	}

	private JsonNode single() {
		List<JsonNode> bodies = bodies();
		assertThat(bodies).hasSize(1);
		return bodies.get(0);
	}

	private List<JsonNode> bodies() {
		List<JsonNode> bodies = new ArrayList<>();
		List<ServeEvent> events = new ArrayList<>(this.wireMock.getAllServeEvents());
		java.util.Collections.reverse(events);
		for (ServeEvent event : events) {
			if (event.getRequest().getUrl().equals("/v1/responses")) {
				bodies.add(this.json.readTree(event.getRequest().getBodyAsString()));
			}
		}
		return bodies;
	}

}
