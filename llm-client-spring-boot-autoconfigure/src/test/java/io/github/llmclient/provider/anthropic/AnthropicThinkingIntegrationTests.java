package io.github.llmclient.provider.anthropic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extended thinking in tool loops on the Anthropic provider, through {@link LlmTemplate} against
 * WireMock with recorded responses and streams (see the fixtures' SOURCES.md): the signed
 * {@code thinking} block, exactly as received, goes back before the {@code tool_use} block of its
 * turn; {@code redacted_thinking} is kept; streamed answers aggregate to the non-streamed ones;
 * a conversation stored with a plain {@link JsonMapper} mid-loop resumes with the same request.
 */
class AnthropicThinkingIntegrationTests {

	private static final String MESSAGES = "/v1/messages";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String THINKING_TOOL_USE = ProviderTestSupport
		.fixture("anthropic-message-thinking-tool-use.json");

	private static final String REDACTED_TOOL_USE = ProviderTestSupport
		.fixture("anthropic-message-redacted-thinking-tool-use.json");

	private static final Tool CHECK = Tool.function("checkSandboxErrors", "Lists the sandbox's errors",
			"{\"type\":\"object\",\"properties\":{}}");

	private static final String FINAL_ANSWER = """
			{"id":"msg_2","type":"message","role":"assistant","model":"claude-sonnet-4-6",
			 "content":[{"type":"text","text":"The sandbox has no errors."}],"stop_reason":"end_turn",
			 "usage":{"input_tokens":700,"output_tokens":9}}""";

	private static final String TOOL_RESULT = "{\"errors\":[]}";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private LlmTemplate template;

	@BeforeEach
	void createTemplate() {
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.apiKey("test-anthropic-key")
			.baseUrl(server.baseUrl() + "/v1")
			.model("claude-sonnet-4-6")
			.retry(TestClients.fastRetries(2))
			.build()).build();
	}

	@AfterEach
	void closeTemplate() {
		this.template.close();
	}

	@Test
	void toolLoopSendsTheSignedThinkingBlockBackBeforeTheToolUse() {
		stubToolLoop(THINKING_TOOL_USE);
		ChatRequest first = firstRequest();

		ChatResponse call = this.template.chat(first).block(WAIT);
		assertThat(call.reasoning()).isEqualTo("The user wants me to call checkSandboxErrors immediately.");
		assertThat(call.toolCalls()).containsExactly(new ToolCall("toolu_017R7ACrx7NF7sLDDtvdQ1u9", "checkSandboxErrors", "{}"));
		assertThat(call.replay().format()).isEqualTo(ReplayData.ANTHROPIC);

		ChatResponse done = this.template.chat(next(first, call)).block(WAIT);

		assertThat(done.content()).isEqualTo("The sandbox has no errors.");
		JsonNode recorded = mapper.readTree(THINKING_TOOL_USE).get("content");
		JsonNode second = secondRequest();
		assertThat(second.get("messages").get(1).get("content")).isEqualTo(json("""
				[{"type":"thinking","thinking":"The user wants me to call checkSandboxErrors immediately.",
				  "signature":%s},
				 {"type":"tool_use","id":"toolu_017R7ACrx7NF7sLDDtvdQ1u9","name":"checkSandboxErrors","input":{}}]"""
			.formatted(recorded.get(0).get("signature").toString())));
		assertThat(second.get("messages").get(2)).isEqualTo(json("""
				{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_017R7ACrx7NF7sLDDtvdQ1u9",
				  "content":"{\\"errors\\":[]}"}]}"""));
		assertThat(second.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":4096}"));
		assertThat(second.get("max_tokens").asInt()).isEqualTo(5120);
		server.verify(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(notContaining("tool_result"))
			.withRequestBody(matchingJsonPath("$.thinking.budget_tokens", containing("4096"))));
	}

	@Test
	void redactedThinkingIsKeptAndSentBackInItsPlace() {
		stubToolLoop(REDACTED_TOOL_USE);
		ChatRequest first = firstRequest();

		ChatResponse call = this.template.chat(first).block(WAIT);
		this.template.chat(next(first, call)).block(WAIT);

		JsonNode recorded = mapper.readTree(REDACTED_TOOL_USE).get("content");
		JsonNode replayed = secondRequest().get("messages").get(1).get("content");
		assertThat(replayed).hasSize(3);
		assertThat(replayed.get(0)).isEqualTo(recorded.get(0));
		assertThat(replayed.get(1)).isEqualTo(recorded.get(1));
		assertThat(replayed.get(1).get("type").asString()).isEqualTo("redacted_thinking");
		assertThat(replayed.get(2).get("type").asString()).isEqualTo("tool_use");
	}

	@Test
	void aStreamedThinkingToolTurnAggregatesToTheNonStreamedAnswer() {
		server.stubFor(post(MESSAGES).withRequestBody(matchingJsonPath("$.stream", absent()))
			.willReturn(okJson(REDACTED_TOOL_USE)));
		server.stubFor(post(MESSAGES).withRequestBody(matchingJsonPath("$.stream"))
			.willReturn(eventStream(ProviderTestSupport.fixture("anthropic-messages-stream-redacted-thinking-tool-use.sse"))));
		ChatRequest first = firstRequest();

		ChatResponse streamed = this.template.stream(first).as(ChatChunks::aggregate).block(WAIT);
		ChatResponse whole = this.template.chat(first).block(WAIT);

		assertThat(streamed).isEqualTo(whole);
		assertThat(streamed.usage()).isEqualTo(new Usage(599, 59, 658));
		assertThat(streamed.finishReason()).isEqualTo("tool_calls");
		assertThat(mapper.readTree(streamed.replay().data()))
			.isEqualTo(mapper.readTree("[" + mapper.readTree(REDACTED_TOOL_USE).get("content").get(0) + ","
					+ mapper.readTree(REDACTED_TOOL_USE).get("content").get(1) + "]"));
	}

	@Test
	void aRecordedThinkingStreamKeepsTheBlockWithItsExactSignature() {
		server.stubFor(post(MESSAGES).willReturn(eventStream(sse("anthropic-messages-stream-thinking.chunks.txt"))));

		ChatResponse answer = this.template.stream(ChatRequest.builder()
			.user("Divide the previous result by 5.")
			.reasoning(Reasoning.budgetTokens(2000))
			.build()).as(ChatChunks::aggregate).block(WAIT);

		String thinking = "The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185";
		assertThat(answer.content()).isEqualTo("925 ÷ 5 = 185");
		assertThat(answer.reasoning()).isEqualTo(thinking);
		assertThat(mapper.readTree(answer.replay().data())).isEqualTo(json("""
				[{"type":"thinking","thinking":%s,"signature":%s}]"""
			.formatted(mapper.writeValueAsString(thinking),
					mapper.writeValueAsString(streamedSignature("anthropic-messages-stream-thinking.chunks.txt")))));
		server.verify(postRequestedFor(urlEqualTo(MESSAGES))
			.withRequestBody(matchingJsonPath("$.thinking.budget_tokens", containing("2000"))));
	}

	@Test
	void aThinkingBlockThatStreamsOnlyItsSignatureIsKept() {
		server.stubFor(post(MESSAGES).willReturn(eventStream(sse("anthropic-messages-stream-signature-only.chunks.txt"))));

		ChatResponse answer = this.template.stream(ChatRequest.of("GCD of 1071 and 462?"))
			.as(ChatChunks::aggregate)
			.block(WAIT);

		assertThat(answer.reasoning()).isNull();
		assertThat(answer.content()).startsWith("# Finding GCD(1071, 462)").endsWith("answer. ✅");
		assertThat(mapper.readTree(answer.replay().data())).isEqualTo(json("""
				[{"type":"thinking","thinking":"","signature":%s}]"""
			.formatted(mapper.writeValueAsString(streamedSignature("anthropic-messages-stream-signature-only.chunks.txt")))));
	}

	@Test
	void aConversationStoredMidToolLoopResumesWithTheSameRequest() {
		stubToolLoop(THINKING_TOOL_USE);
		ChatRequest first = firstRequest();
		ChatResponse call = this.template.chat(first).block(WAIT);
		List<ChatMessage> conversation = new ArrayList<>(first.messages());
		conversation.add(ChatMessage.assistant(call));
		conversation.add(ChatMessage.tool(call.toolCalls().get(0).id(), TOOL_RESULT));

		JsonMapper plain = new JsonMapper();
		String stored = plain.writeValueAsString(conversation);
		List<ChatMessage> resumed = plain.readValue(stored, new TypeReference<List<ChatMessage>>() {
		});
		assertThat(resumed).isEqualTo(conversation);

		ChatResponse done = this.template.chat(ChatRequest.builder()
			.messages(resumed)
			.tool(CHECK)
			.reasoning(Reasoning.effort(ReasoningEffort.MEDIUM))
			.build()).block(WAIT);

		assertThat(done.content()).isEqualTo("The sandbox has no errors.");
		JsonNode sent = secondRequest().get("messages").get(1).get("content");
		assertThat(sent.get(0)).isEqualTo(mapper.readTree(THINKING_TOOL_USE).get("content").get(0));
		assertThat(sent.get(1).get("type").asString()).isEqualTo("tool_use");
		assertThat(this.template.chat(next(first, call)).block(WAIT).content()).isEqualTo(done.content());
		List<LoggedRequest> resumes = server
			.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("tool_result")));
		assertThat(resumes).hasSize(2);
		assertThat(mapper.readTree(resumes.get(0).getBodyAsString()))
			.isEqualTo(mapper.readTree(resumes.get(1).getBodyAsString()));
	}

	private static ChatRequest firstRequest() {
		return ChatRequest.builder()
			.user("Check the sandbox for errors.")
			.tool(CHECK)
			.reasoning(Reasoning.effort(ReasoningEffort.MEDIUM))
			.build();
	}

	private static ChatRequest next(ChatRequest first, ChatResponse call) {
		return first.mutate()
			.message(ChatMessage.assistant(call))
			.message(ChatMessage.tool(call.toolCalls().get(0).id(), TOOL_RESULT))
			.build();
	}

	private static void stubToolLoop(String firstAnswer) {
		server.stubFor(post(MESSAGES).withRequestBody(notContaining("tool_result")).willReturn(okJson(firstAnswer)));
		server.stubFor(post(MESSAGES).withRequestBody(containing("tool_result")).willReturn(okJson(FINAL_ANSWER)));
	}

	/** The (last) request that sent a tool result. */
	private static JsonNode secondRequest() {
		List<LoggedRequest> requests = server
			.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("tool_result")));
		assertThat(requests).isNotEmpty();
		return mapper.readTree(requests.get(requests.size() - 1).getBodyAsString());
	}

	/**
	 * A recorded stream kept as one {@code data} JSON per line (the AI SDK's form) served as the
	 * API sends it: each event with its {@code event:} line, the JSON unchanged.
	 */
	private static String sse(String chunksFixture) {
		StringBuilder sse = new StringBuilder();
		for (String line : ProviderTestSupport.fixture(chunksFixture).split("\n")) {
			sse.append("event: ").append(mapper.readTree(line).get("type").asString()).append('\n');
			sse.append("data: ").append(line).append("\n\n");
		}
		return sse.toString();
	}

	/** The signature the recorded stream sent in its {@code signature_delta}s, joined. */
	private static String streamedSignature(String chunksFixture) {
		StringBuilder signature = new StringBuilder();
		for (String line : ProviderTestSupport.fixture(chunksFixture).split("\n")) {
			JsonNode delta = mapper.readTree(line).path("delta");
			if ("signature_delta".equals(delta.path("type").asString(null))) {
				signature.append(delta.get("signature").asString());
			}
		}
		assertThat(signature).isNotEmpty();
		return signature.toString();
	}

	private static ResponseDefinitionBuilder eventStream(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(bytes);
	}

	private static JsonNode json(String text) {
		return mapper.readTree(text);
	}

}
