package io.github.llmclient.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.OpenAiApi;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on OpenAI's Responses API ({@code llm.openai.api=responses}, as
 * {@code --llm.openai.api=responses} sets it): its endpoints call the demo model's
 * {@code POST /demo/v1/responses} over HTTP; text, streams, the tool loop, and reasoning summaries
 * with encrypted reasoning replayed.
 */
@TestPropertySource(properties = "llm.openai.api=responses")
class ResponsesApiIntegrationTests extends SeparateSampleAppTestSupport {

	@Autowired
	private LlmTemplate template;

	@Test
	void runsOnTheResponsesApi() {
		assertThat(this.template.config().openAiApi()).isEqualTo(OpenAiApi.RESPONSES);
	}

	@Test
	void chatAnswersOverTheResponsesApi() {
		SampleApiChecks.chatsAboutReactiveStreams(this.client)
			.jsonPath("$.finishReason").isEqualTo("stop")
			.jsonPath("$.usage.totalTokens").value(Integer.class, (total) -> assertThat(total).isPositive());
	}

	@Test
	void streamsAndAggregatesLikeTheWholeAnswer() {
		ChatRequest request = ChatRequest.of("Tell me about streams");
		ChatResponse streamed = this.template.stream(request).as(ChatChunks::aggregate).block(Duration.ofSeconds(20));
		ChatResponse whole = this.template.chat(request).block(Duration.ofSeconds(20));
		assertThat(streamed.content()).isEqualTo(whole.content()).startsWith("You asked: \"Tell me about streams\"");
		assertThat(streamed.finishReason()).isEqualTo(whole.finishReason()).isEqualTo("stop");
		assertThat(streamed.usage()).isEqualTo(whole.usage());
	}

	@Test
	void toolLoopCallsTheClockOverTheResponsesApi() {
		for (boolean stream : new boolean[] { false, true }) {
			SampleApiChecks.assertTokyoClockAnswer(SampleApiChecks.post(this.client, "/api/tools/ask",
					Map.of("prompt", "What time is it in Tokyo?", "stream", stream)));
		}
	}

	@Test
	void reasoningSummariesStreamAndTheReasoningIsReplayedInTheToolLoop() {
		Tool clock = Tool.function("clock", "The current time in a time zone",
				"{\"type\":\"object\",\"properties\":{\"timeZone\":{\"type\":\"string\"}},\"required\":[\"timeZone\"]}");
		ChatRequest first = ChatRequest.builder()
			.user("What time is it in Tokyo?")
			.tool(clock)
			.reasoning(Reasoning.effort(ReasoningEffort.LOW))
			.build();
		ChatResponse call = this.template.stream(first).as(ChatChunks::aggregate).block(Duration.ofSeconds(20));
		assertThat(call.reasoning()).contains("The demo model needs clock to answer.");
		assertThat(call.finishReason()).isEqualTo("tool_calls");
		assertThat(call.usage().reasoningTokens()).isPositive();
		assertThat(call.replay().format()).isEqualTo(ReplayData.OPENAI_RESPONSES);
		assertThat(call.replay().data()).contains("demo-encrypted-");
		ToolCall toolCall = call.toolCalls().get(0);
		ChatResponse answer = this.template.chat(first.mutate()
			.message(ChatMessage.assistant(call))
			.message(ChatMessage.tool(toolCall.id(), "{\"time\":\"09:30\"}"))
			.build()).block(Duration.ofSeconds(20));
		assertThat(answer.content()).contains("09:30");
		assertThat(answer.reasoning()).contains("Answering directly");
		assertThat(List.of(answer.finishReason())).containsExactly("stop");
	}

}
