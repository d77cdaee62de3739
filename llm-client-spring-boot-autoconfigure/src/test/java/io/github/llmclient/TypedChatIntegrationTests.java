package io.github.llmclient;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.StreamListener;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.error.LlmException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Typed answers and tool calls through the whole pipeline: retries, callbacks, errors. */
class TypedChatIntegrationTests extends OpenAiTemplateTestSupport {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void asksForTheTypesStrictSchemaAndReadsTheAnswerAsTheType() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("{\\\"name\\\":\\\"Tokyo\\\",\\\"country\\\":\\\"Japan\\\",\\\"population\\\":37400000}"))));
		StepVerifier.create(this.template.chat(ChatRequest.of("The largest city of Japan?"), City.class))
			.expectNext(new City("Tokyo", "Japan", 37_400_000))
			.verifyComplete();
		JsonNode format = sentBody().path("response_format");
		assertThat(format.path("type").asString()).isEqualTo("json_schema");
		assertThat(format.path("json_schema").path("name").asString()).isEqualTo("City");
		assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
		JsonNode schema = format.path("json_schema").path("schema");
		assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
		assertThat(schema.path("required").valueStream().map(JsonNode::asString))
			.containsExactly("name", "country", "population");
	}

	@Test
	void keepsAFormatTheRequestSetItself() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("{\\\"name\\\":\\\"Oslo\\\",\\\"country\\\":\\\"Norway\\\",\\\"population\\\":1}"))));
		ChatRequest request = ChatRequest.builder().user("A city as JSON").responseFormat(ResponseFormat.jsonObject()).build();
		StepVerifier.create(this.template.chat(request, City.class)).expectNext(new City("Oslo", "Norway", 1)).verifyComplete();
		assertThat(sentBody().path("response_format").path("type").asString()).isEqualTo("json_object");
	}

	@Test
	void anAnswerThatIsNotTheTypeFailsNamingTheTypeAndTheProvider() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("Sorry, I cannot answer that."))));
		StepVerifier.create(this.template.chat(ChatRequest.of("?"), City.class)).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(LlmException.class).hasMessageContaining(City.class.getName())
				.hasMessageContaining("Sorry, I cannot answer that.");
			assertThat(((LlmException) error).provider()).isEqualTo("openai");
		}).verify();
	}

	@Test
	void aTypedCallIsRetriedLikeAnyOther() {
		this.wireMock.stubFor(post("/v1/chat/completions").inScenario("typed")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		this.wireMock.stubFor(post("/v1/chat/completions").inScenario("typed")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(completion("{\\\"name\\\":\\\"Lima\\\",\\\"country\\\":\\\"Peru\\\",\\\"population\\\":2}"))));
		StepVerifier.create(this.template.chat(ChatRequest.of("?"), City.class))
			.expectNext(new City("Lima", "Peru", 2))
			.verifyComplete();
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void streamListenersCompleteWithTheAssembledToolCalls() throws Exception {
		String stream = """
				data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}

				data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]},"finish_reason":null}]}

				data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]},"finish_reason":null}]}

				data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

				data: [DONE]

				""";
		this.wireMock.stubFor(post("/v1/chat/completions")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(stream)));
		CompletableFuture<ChatResponse> completed = new CompletableFuture<>();
		List<ChatChunk> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.template.stream(ChatRequest.of("Weather in Paris?"), new StreamListener() {
			@Override
			public void onChunk(ChatChunk chunk) {
				chunks.add(chunk);
			}

			@Override
			public void onComplete(ChatResponse response) {
				completed.complete(response);
			}

			@Override
			public void onError(Throwable error) {
				completed.completeExceptionally(error);
			}
		});
		ChatResponse response = completed.get(10, TimeUnit.SECONDS);
		assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(chunks).anySatisfy((chunk) -> assertThat(chunk.toolCalls()).isNotEmpty());
	}

	private JsonNode sentBody() {
		return mapper.readTree(this.wireMock.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0).getBodyAsString());
	}

	private static String completion(String content) {
		return """
				{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""".formatted(content);
	}

	record City(String name, String country, int population) {
	}

}
