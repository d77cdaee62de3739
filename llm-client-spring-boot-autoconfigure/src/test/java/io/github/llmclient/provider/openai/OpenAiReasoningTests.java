package io.github.llmclient.provider.openai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Reasoning} on Chat Completions (OpenAI and Azure OpenAI): {@code reasoning_effort}, a
 * budget mapped to the nearest effort, nothing without it; and replay data of other wire formats
 * never sent.
 */
class OpenAiReasoningTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String ANSWER = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1727000000,"model":"o4-mini",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":10,"completion_tokens":80,"total_tokens":90,
			          "completion_tokens_details":{"reasoning_tokens":64}}}""";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final OpenAiWireFormat format = new OpenAiWireFormat(this.mapper);

	@Test
	void sendsEachEffortAsReasoningEffort() {
		assertThat(effortSent(Reasoning.effort(ReasoningEffort.LOW))).isEqualTo("low");
		assertThat(effortSent(Reasoning.effort(ReasoningEffort.MEDIUM))).isEqualTo("medium");
		assertThat(effortSent(Reasoning.effort(ReasoningEffort.HIGH))).isEqualTo("high");
	}

	@Test
	void mapsABudgetToTheNearestEffort() {
		assertThat(effortSent(Reasoning.budgetTokens(1))).isEqualTo("low");
		assertThat(effortSent(Reasoning.budgetTokens(2047))).isEqualTo("low");
		assertThat(effortSent(Reasoning.budgetTokens(2048))).isEqualTo("medium");
		assertThat(effortSent(Reasoning.budgetTokens(4096))).isEqualTo("medium");
		assertThat(effortSent(Reasoning.budgetTokens(8192))).isEqualTo("high");
		assertThat(effortSent(Reasoning.budgetTokens(100_000))).isEqualTo("high");
	}

	@Test
	void sendsNothingWithoutReasoning() {
		assertThat(body(ChatRequest.builder().user("Hi").build()).has("reasoning_effort")).isFalse();
	}

	@Test
	void capsReasoningModelsWithMaxCompletionTokens() {
		JsonNode reasoning = body(
				ChatRequest.builder().user("Hi").maxTokens(500).reasoning(Reasoning.effort(ReasoningEffort.LOW)).build());
		assertThat(reasoning.get("max_completion_tokens").asInt()).isEqualTo(500);
		assertThat(reasoning.has("max_tokens")).isFalse();

		JsonNode plain = body(ChatRequest.builder().user("Hi").maxTokens(500).build());
		assertThat(plain.get("max_tokens").asInt()).isEqualTo(500);
		assertThat(plain.has("max_completion_tokens")).isFalse();
	}

	@Test
	void extraBodyOverridesTheMappedEffortInPlace() {
		ChatRequest request = ChatRequest.builder()
			.user("Hi")
			.reasoning(Reasoning.effort(ReasoningEffort.LOW))
			.extraBody("reasoning_effort", "minimal")
			.build();

		JsonNode body = body(request);
		assertThat(body.get("reasoning_effort").asString()).isEqualTo("minimal");
		assertThat(body.properties()).hasSize(2);
	}

	@Test
	void aBudgetBelowOneIsRejectedBeforeAnyRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> Reasoning.budgetTokens(0))
			.withMessageContaining("at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Reasoning.budgetTokens(-5));
	}

	@Test
	void ignoresAnthropicReplayData() {
		ChatResponse withThinking = new ChatResponse("msg_1", "claude-sonnet-4-6", "Checking.", "tool_calls", null,
				List.of(new ToolCall("toolu_1", "check", "{}")), "Let me think.", new ReplayData(ReplayData.ANTHROPIC,
						"[{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"Eq4CCpIB\"}]"));
		ChatResponse without = new ChatResponse("msg_1", "claude-sonnet-4-6", "Checking.", "tool_calls", null,
				List.of(new ToolCall("toolu_1", "check", "{}")), "Let me think.");
		ChatRequest request = ChatRequest.builder().user("Check it").model("gpt-4o").build();

		byte[] replayed = this.format.writeRequest(request.mutate().message(ChatMessage.assistant(withThinking)).build(),
				null, true, false, false);
		byte[] plain = this.format.writeRequest(request.mutate().message(ChatMessage.assistant(without)).build(), null,
				true, false, false);

		assertThat(new String(replayed, StandardCharsets.UTF_8)).isEqualTo(new String(plain, StandardCharsets.UTF_8))
			.doesNotContain("Eq4CCpIB")
			.doesNotContain("thinking");
	}

	@Test
	void openAiReceivesReasoningEffortAndReportsReasoningTokens() {
		server.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(ANSWER)));
		try (LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl() + "/v1").build()).build()) {
			StepVerifier
				.create(template.chat(ChatRequest.builder()
					.user("What is 6 x 7?")
					.reasoning(Reasoning.effort(ReasoningEffort.HIGH))
					.build()))
				.assertNext((answer) -> assertThat(answer.usage().reasoningTokens()).isEqualTo(64))
				.expectComplete()
				.verify(WAIT);
			StepVerifier.create(template.chat(ChatRequest.of("And 6 x 8?"))).expectNextCount(1).expectComplete().verify(WAIT);
		}
		server.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
			.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("What is 6 x 7?")))
			.withRequestBody(matchingJsonPath("$.reasoning_effort", equalTo("high"))));
		server.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
			.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("And 6 x 8?")))
			.withRequestBody(matchingJsonPath("$.reasoning_effort", absent())));
	}

	@Test
	void azureReceivesReasoningEffortMappedFromABudget() {
		server.stubFor(post(urlPathEqualTo("/openai/deployments/o4-mini-prod/chat/completions"))
			.willReturn(okJson(ANSWER)));
		try (LlmTemplate template = LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.apiKey("azure-test-key")
			.baseUrl(server.baseUrl())
			.model("o4-mini-prod")
			.retry(TestClients.fastRetries(2))
			.build()).build()) {
			StepVerifier
				.create(template.chat(ChatRequest.builder().user("Hi").reasoning(Reasoning.budgetTokens(5000)).build()))
				.expectNextCount(1)
				.expectComplete()
				.verify(WAIT);
		}
		server.verify(postRequestedFor(urlPathEqualTo("/openai/deployments/o4-mini-prod/chat/completions"))
			.withRequestBody(matchingJsonPath("$.reasoning_effort", equalTo("medium"))));
	}

	private String effortSent(Reasoning reasoning) {
		return body(ChatRequest.builder().user("Hi").reasoning(reasoning).build()).get("reasoning_effort").asString();
	}

	private JsonNode body(ChatRequest request) {
		return this.mapper.readTree(this.format.writeRequest(request, null, true, false, false));
	}

}
