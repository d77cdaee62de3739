package io.github.llmclient;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmBadRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiChatIntegrationTests {

	static final String COMPLETION = """
			{"id":"chatcmpl-123","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there!","refusal":null},
			 "logprobs":null,"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":0}},
			 "system_fingerprint":"fp_1"}""";

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private LlmTemplate template;

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.template = LlmTemplate
			.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").headers(Map.of("OpenAI-Organization", "org-1")).build())
			.build();
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.wireMock.stop();
	}

	@Test
	void sendsTheOpenAiRequestAndReadsTheResponse() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(COMPLETION)));
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4o")
			.system("Be brief.")
			.user("Hi")
			.assistant("Hello")
			.user("Again")
			.temperature(0.2)
			.maxTokens(50)
			.topP(0.9)
			.stop(List.of("END"))
			.extraBody("seed", 42)
			.extraBody("response_format", Map.of("type", "json_object"))
			.build();
		StepVerifier.create(this.template.chat(request))
			.expectNext(new ChatResponse("chatcmpl-123", "gpt-4o-mini-2024-07-18", "Hello there!", "stop", new Usage(9, 3, 12)))
			.verifyComplete();
		this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("OpenAI-Organization", equalTo("org-1"))
			.withHeader("X-Client-Request-Id", matching("[0-9a-f-]{36}"))
			.withRequestBody(equalToJson("""
					{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"},
					 {"role":"assistant","content":"Hello"},{"role":"user","content":"Again"}],
					 "temperature":0.2,"max_tokens":50,"top_p":0.9,"stop":["END"],"seed":42,
					 "response_format":{"type":"json_object"}}""")));
	}

	@Test
	void chatWithAPromptUsesTheDefaultModelAndReturnsTheText() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(COMPLETION)));
		StepVerifier.create(this.template.chat("Hi")).expectNext("Hello there!").verifyComplete();
		this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(
				equalToJson("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
	}

	@Test
	void extraBodyOverridesAModelledField() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(COMPLETION)));
		ChatRequest request = ChatRequest.builder().user("Hi").maxTokens(10).extraBody("max_tokens", 99).build();
		StepVerifier.create(this.template.chat(request)).expectNextCount(1).verifyComplete();
		this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(equalToJson("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":99}")));
	}

	@Test
	void readsAToolOnlyResponseWithoutTextOrUsage() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson("""
				{"id":"c","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,
				 "tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""")));
		StepVerifier.create(this.template.chat(ChatRequest.of("call a tool")))
			.expectNext(new ChatResponse("c", "m", "", "tool_calls", null, List.of(new ToolCall("t", "f", "{}")), null))
			.verifyComplete();
	}

	@Test
	void readsATwoMebibyteResponse() {
		String big = "x".repeat(2 * 1024 * 1024);
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(
				"{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"" + big + "\"},\"finish_reason\":\"stop\"}]}")));
		StepVerifier.create(this.template.chat("long")).assertNext((text) -> assertThat(text).hasSize(big.length())).verifyComplete();
	}

	@Test
	void aRequestWithoutAnyModelFailsBeforeAnyHttpCall() {
		try (LlmTemplate noModel = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").model(null).build())
			.build()) {
			StepVerifier.create(noModel.chat("Hi"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmBadRequestException.class)
					.hasMessageContaining("llm.model")
					.hasMessageContaining("ChatRequest.builder().model("))
				.verify();
			StepVerifier.create(noModel.stream("Hi")).expectError(LlmBadRequestException.class).verify();
		}
		assertThat(this.wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	void nothingIsSentUntilSubscription() {
		this.template.chat("Hi");
		this.template.stream("Hi");
		this.template.models();
		assertThat(this.wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	void listsModels() {
		this.wireMock.stubFor(get("/v1/models").willReturn(okJson("""
				{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1,"owned_by":"openai"},
				 {"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"openai"}]}""")));
		StepVerifier.create(this.template.models()).expectNext(List.of("gpt-4o", "gpt-4o-mini")).verifyComplete();
		this.wireMock.verify(getRequestedFor(urlEqualTo("/v1/models"))
			.withHeader("Authorization", equalTo("Bearer " + TestClients.SECRET_KEY)));
	}

	@Test
	void omitsAuthorizationWhenThereIsNoKey() {
		this.wireMock.stubFor(get("/v1/models").willReturn(okJson("{\"data\":[{\"id\":\"llama3\"}]}")));
		try (LlmTemplate local = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").apiKey(null).build()).build()) {
			StepVerifier.create(local.models()).expectNext(List.of("llama3")).verifyComplete();
		}
		this.wireMock.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", absent()));
	}

	@Test
	void keepsTheBaseUrlsPathAndQuery() {
		this.wireMock.stubFor(post("/proxy/openai/v1/chat/completions?tenant=a").willReturn(okJson(COMPLETION)));
		try (LlmTemplate proxied = LlmTemplate
			.builder(TestClients.openAi(this.wireMock.baseUrl() + "/proxy/openai/v1/?tenant=a").build())
			.build()) {
			StepVerifier.create(proxied.chat("Hi")).expectNext("Hello there!").verifyComplete();
		}
	}

	@Test
	void toStringNeverShowsTheKey() {
		assertThat(this.template.config().toString()).doesNotContain(TestClients.SECRET_KEY).contains("apiKey=******");
		assertThat(this.template.toString()).doesNotContain(TestClients.SECRET_KEY);
	}

}
