package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Reasoning} as Anthropic's {@code thinking} (budgets, {@code max_tokens} above them, what
 * the API refuses while thinking), and replay data in the bodies {@link AnthropicAdapter} writes.
 */
class AnthropicReasoningTests {

	private static final Tool CHECK = Tool.function("check", "Checks the sandbox", "{\"type\":\"object\"}");

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AnthropicAdapter adapter = new AnthropicAdapter(URI.create("https://api.anthropic.com/v1"), "k",
			"2023-06-01", 1024, this.mapper);

	@Test
	void mapsEachEffortToABudgetAndRaisesMaxTokensAboveIt() {
		assertThinking(Reasoning.effort(ReasoningEffort.LOW), 1024, 2048);
		assertThinking(Reasoning.effort(ReasoningEffort.MEDIUM), 4096, 5120);
		assertThinking(Reasoning.effort(ReasoningEffort.HIGH), 16384, 17408);
	}

	@Test
	void raisesABudgetBelowTheApisMinimumTo1024() {
		assertThinking(Reasoning.budgetTokens(1), 1024, 2048);
		assertThinking(Reasoning.budgetTokens(500), 1024, 2048);
		assertThinking(Reasoning.budgetTokens(1025), 1025, 2049);
	}

	@Test
	void keepsMaxTokensThatAlreadyExceedTheBudgetAndAddsTheAnswersAllowanceOtherwise() {
		JsonNode roomy = body(ChatRequest.builder().user("Hi").maxTokens(8000).reasoning(Reasoning.budgetTokens(3000)));
		assertThat(roomy.get("max_tokens").asInt()).isEqualTo(8000);
		assertThat(roomy.get("thinking").get("budget_tokens").asInt()).isEqualTo(3000);

		JsonNode tight = body(ChatRequest.builder().user("Hi").maxTokens(3000).reasoning(Reasoning.budgetTokens(3000)));
		assertThat(tight.get("max_tokens").asInt()).isEqualTo(6000);
	}

	@Test
	void sendsNoThinkingWithoutReasoning() {
		JsonNode body = body(ChatRequest.builder().user("Hi"));
		assertThat(body.has("thinking")).isFalse();
		assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
	}

	@Test
	void thinkingInExtraBodyStillWinsAsBeforeReasoningExisted() {
		JsonNode body = body(ChatRequest.builder()
			.user("Hi")
			.reasoning(Reasoning.effort(ReasoningEffort.HIGH))
			.extraBody("thinking", Map.of("type", "enabled", "budget_tokens", 2048))
			.maxTokens(4096));
		assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
		assertThat(body.get("max_tokens").asInt()).isEqualTo(4096);
	}

	@Test
	void refusesBeforeSendingWhatTheApiRefusesWhileThinking() {
		Reasoning thinking = Reasoning.effort(ReasoningEffort.LOW);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> body(ChatRequest.builder()
				.user("Hi")
				.tool(CHECK)
				.toolChoice(ToolChoice.required())
				.reasoning(thinking)))
			.withMessageContaining("tool choice required")
			.withMessageContaining("ToolChoice.auto()");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> body(ChatRequest.builder()
				.user("Hi")
				.tool(CHECK)
				.toolChoice(ToolChoice.function("check"))
				.reasoning(thinking)))
			.withMessageContaining("tool choice function");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> body(ChatRequest.builder().user("Hi").temperature(0.2).reasoning(thinking)))
			.withMessageContaining("temperature");
		assertThat(body(ChatRequest.builder().user("Hi").temperature(1.0).reasoning(thinking)).has("thinking")).isTrue();
		assertThat(body(ChatRequest.builder().user("Hi").tool(CHECK).toolChoice(ToolChoice.auto()).reasoning(thinking))
			.get("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));
	}

	@Test
	void offersTheAnswerToolWithoutForcingItWhileThinking() {
		JsonNode body = body(ChatRequest.builder()
			.user("Extract")
			.responseFormat(ResponseFormat.jsonObject())
			.reasoning(Reasoning.effort(ReasoningEffort.LOW)));
		assertThat(body.get("tools").get(0).get("name").asString()).isEqualTo(AnthropicRequestWriter.JSON_OBJECT_TOOL);
		assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));

		JsonNode without = body(ChatRequest.builder().user("Extract").responseFormat(ResponseFormat.jsonObject()));
		assertThat(without.get("tool_choice").get("type").asString()).isEqualTo("tool");
	}

	@Test
	void replaysThinkingBlocksFirstExactlyAsStored() {
		String blocks = "[{\"type\":\"thinking\",\"thinking\":\"Plan: call check.\\n\",\"signature\":\"EqQB+/=\"},"
				+ "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgB\"}]";
		ChatResponse answer = new ChatResponse("msg_1", "m", "Checking.", "tool_calls", null,
				List.of(new ToolCall("toolu_1", "check", "{\"deep\":true}")), "Plan: call check.\n",
				new ReplayData(ReplayData.ANTHROPIC, blocks));

		JsonNode assistant = body(ChatRequest.builder().user("Check").message(ChatMessage.assistant(answer)))
			.get("messages")
			.get(1);

		assertThat(assistant.get("content")).isEqualTo(json("""
				[{"type":"thinking","thinking":"Plan: call check.\\n","signature":"EqQB+/="},
				 {"type":"redacted_thinking","data":"EmwKAhgB"},
				 {"type":"text","text":"Checking."},
				 {"type":"tool_use","id":"toolu_1","name":"check","input":{"deep":true}}]"""));
	}

	@Test
	void replaysThinkingBeforeTheTextOfAnAnswerWithoutToolCalls() {
		ChatResponse answer = new ChatResponse("msg_1", "m", "4", "stop", null, List.of(), null,
				new ReplayData(ReplayData.ANTHROPIC, "[{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"EsEC\"}]"));

		JsonNode assistant = body(ChatRequest.builder().user("2+2?").message(ChatMessage.assistant(answer)).user("Sure?"))
			.get("messages")
			.get(1);

		assertThat(assistant.get("content")).isEqualTo(json("""
				[{"type":"thinking","thinking":"","signature":"EsEC"},{"type":"text","text":"4"}]"""));
	}

	@Test
	void ignoresReplayDataOfAnotherWireFormat() {
		ChatMessage fromResponses = new ChatMessage(Role.ASSISTANT, List.of(ContentPart.text("4")),
				List.of(), null, new ReplayData(ReplayData.OPENAI_RESPONSES,
						"[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"encrypted_content\":\"gAAAAABo\",\"summary\":[]}]"));

		JsonNode body = body(ChatRequest.builder().user("2+2?").message(fromResponses).user("Sure?"));

		assertThat(body.get("messages").get(1)).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"4\"}"));
		assertThat(body.toString()).doesNotContain("gAAAAABo").doesNotContain("reasoning");
	}

	@Test
	void refusesReplayDataThatIsNotTheStoredBlockArray() {
		ChatResponse edited = new ChatResponse("msg_1", "m", "4", "stop", null, List.of(), null,
				new ReplayData(ReplayData.ANTHROPIC, "{\"thinking\":\"not an array\"}"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> body(ChatRequest.builder().user("2+2?").message(ChatMessage.assistant(edited))))
			.withMessageContaining("replay data");
	}

	private void assertThinking(Reasoning reasoning, int budget, int maxTokens) {
		JsonNode body = body(ChatRequest.builder().user("Hi").reasoning(reasoning));
		assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}"));
		assertThat(body.get("max_tokens").asInt()).isEqualTo(maxTokens);
	}

	private JsonNode body(ChatRequest.Builder request) {
		return this.mapper.readTree(this.adapter.chatRequest(request.build(), false).body());
	}

	private JsonNode json(String text) {
		return this.mapper.readTree(text);
	}

}
