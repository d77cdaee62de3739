package io.github.llmclient.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The mapping between Spring AI's types and the starter's, both ways. */
class ConvertersTests {

	private static final ReplayData REPLAY = new ReplayData(ReplayData.ANTHROPIC,
			"[{\"type\":\"thinking\",\"thinking\":\"…\",\"signature\":\"sig\"}]");

	@Test
	void reasoningAndReplayDataRideInTheAssistantMessageAndGoBackWithIt() {
		io.github.llmclient.chat.ChatResponse answer = new io.github.llmclient.chat.ChatResponse("msg_1", "claude",
				"", "tool_calls", new Usage(10, 5, 15, 4, 2, 3),
				List.of(new ToolCall("toolu_1", "weather", "{\"city\":\"Oslo\"}")), "Let me check.", REPLAY);
		ChatResponse response = ResponseConverter.toChatResponse(answer);
		AssistantMessage message = response.getResult().getOutput();
		assertThat(message.getMetadata()).containsEntry("reasoningContent", "Let me check.")
			.containsEntry("llmReplay", REPLAY);
		assertThat(response.getMetadata().getUsage().getCacheReadInputTokens()).isEqualTo(4L);
		assertThat(response.getMetadata().getUsage().getCacheWriteInputTokens()).isEqualTo(3L);

		Prompt next = new Prompt(List.of(new UserMessage("Weather in Oslo?"), message,
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("toolu_1", "weather", "\"sunny\"")))
					.build()));
		ChatRequest request = PromptConverter.toRequest(next, LlmChatOptions.builder().build(), Provider.ANTHROPIC);
		ChatMessage assistant = request.messages().get(1);
		assertThat(assistant.role()).isEqualTo(Role.ASSISTANT);
		assertThat(assistant.replay()).isEqualTo(REPLAY);
		assertThat(assistant.toolCalls()).containsExactly(new ToolCall("toolu_1", "weather", "{\"city\":\"Oslo\"}"));
		assertThat(request.messages().get(2)).isEqualTo(ChatMessage.tool("toolu_1", "\"sunny\""));
	}

	@Test
	void everyFinishReasonReachesTheGenerationAndNoAnswerChangesAnothersMetadata() {
		ChatResponse stopped = ResponseConverter
			.toChatResponse(new io.github.llmclient.chat.ChatResponse("a", "m", "Hi", "stop", null));
		ChatResponse again = ResponseConverter
			.toChatResponse(new io.github.llmclient.chat.ChatResponse("b", "m", "Hi", "stop", null));
		ChatResponse unusual = ResponseConverter
			.toChatResponse(new io.github.llmclient.chat.ChatResponse("c", "m", "", "refusal", null));
		ChatResponse unfinished = ResponseConverter
			.toChatResponse(new io.github.llmclient.chat.ChatResponse("d", "m", "Hi", null, null));
		assertThat(stopped.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
		assertThat(again.getResult().getMetadata().getFinishReason()).isEqualTo("stop");
		assertThat(unusual.getResult().getMetadata().getFinishReason()).isEqualTo("refusal");
		assertThat(unfinished.getResult().getMetadata().getFinishReason()).isNull();
		// the metadata of the common finish reasons is shared between answers: it must be read-only
		assertThat(stopped.getResult().getMetadata().getContentFilters()).isEmpty();
		assertThat(stopped.getResult().getMetadata().isEmpty()).isTrue();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> stopped.getResult().getMetadata().getContentFilters().add("violence"));
	}

	@Test
	void aStreamsToolCallFragmentsComeOutOnceWholeOnTheLastResponse() {
		StreamConverter converter = new StreamConverter();
		List<ChatResponse> responses = new ArrayList<>();
		List<ChatChunk> chunks = List.of(
				new ChatChunk("Checking", null, null, "c1", "m", List.of(), ""),
				new ChatChunk("", null, null, "c1", "m", List.of(new ToolCallDelta(0, "call_a", "weather", "{\"ci"),
						new ToolCallDelta(1, "call_b", "time", "{")), "hmm"),
				new ChatChunk("", null, null, "c1", "m",
						List.of(new ToolCallDelta(0, null, null, "ty\":\"Oslo\"}"), new ToolCallDelta(1, null, null, "}")),
						""),
				new ChatChunk("", "tool_calls", Usage.of(3, 4), "c1", "m"));
		for (ChatChunk chunk : chunks) {
			ChatResponse response = converter.next(chunk);
			if (response != null) {
				responses.add(response);
			}
		}
		responses.add(converter.last());
		assertThat(responses).extracting((r) -> r.getResult().getOutput().getText()).containsExactly("Checking", "", "");
		assertThat(responses.get(1).getResult().getOutput().getMetadata()).containsEntry("reasoningContent", "hmm");
		assertThat(responses.subList(0, 2)).allSatisfy((r) -> assertThat(r.hasToolCalls()).isFalse());
		ChatResponse last = responses.get(2);
		assertThat(last.getResult().getOutput().getToolCalls()).containsExactly(
				new AssistantMessage.ToolCall("call_a", "function", "weather", "{\"city\":\"Oslo\"}"),
				new AssistantMessage.ToolCall("call_b", "function", "time", "{}"));
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("tool_calls");
		assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(7);
		assertThat(last.getMetadata().getId()).isEqualTo("c1");
	}

	@Test
	void optionsAreMappedToTheRequest() {
		LlmChatOptions options = LlmChatOptions.builder()
			.model("gpt-4o")
			.temperature(0.2)
			.maxTokens(100)
			.topP(0.9)
			.stopSequences(List.of("END"))
			.frequencyPenalty(0.5)
			.outputSchema("{\"type\":\"object\",\"properties\":{}}")
			.build();
		ChatRequest request = PromptConverter.toRequest(new Prompt("Hi"), options, Provider.OPENAI);
		assertThat(request.model()).isEqualTo("gpt-4o");
		assertThat(request.temperature()).isEqualTo(0.2);
		assertThat(request.maxTokens()).isEqualTo(100);
		assertThat(request.topP()).isEqualTo(0.9);
		assertThat(request.stop()).containsExactly("END");
		assertThat(request.extraBody()).isEqualTo(Map.of("frequency_penalty", 0.5));
		assertThat(request.responseFormat().schema()).contains("\"type\":\"object\"");
	}

	@Test
	void anOptionTheProviderLacksFailsBeforeAnythingIsSent() {
		LlmChatOptions options = LlmChatOptions.builder().topK(40).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptConverter.toRequest(new Prompt("Hi"), options, Provider.OPENAI))
			.withMessageContaining("topK")
			.withMessageContaining("openai");
		assertThat(PromptConverter.toRequest(new Prompt("Hi"), options, Provider.ANTHROPIC).extraBody())
			.containsEntry("top_k", 40);
	}

	@Test
	void mediaOtherThanImagesIsRefusedAndImageUrlsAreKept() {
		UserMessage pdf = UserMessage.builder()
			.text("Summarise")
			.media(new Media(MimeTypeUtils.parseMimeType("application/pdf"), new org.springframework.core.io.ByteArrayResource(new byte[] { 1 })))
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PromptConverter.toRequest(new Prompt(pdf), LlmChatOptions.builder().build(), Provider.OPENAI))
			.withMessageContaining("application/pdf");
		UserMessage url = UserMessage.builder()
			.text("What is it?")
			.media(Media.builder().mimeType(MimeTypeUtils.IMAGE_JPEG).data("https://example.com/cat.jpg").build())
			.build();
		ChatRequest request = PromptConverter.toRequest(new Prompt(url), LlmChatOptions.builder().build(),
				Provider.OPENAI);
		assertThat(request.messages().get(0).parts()).hasSize(2)
			.element(1)
			.isEqualTo(io.github.llmclient.chat.ContentPart.imageUrl("https://example.com/cat.jpg"));
	}

	@Test
	void chatClientsCombinationOfOptionsKeepsTheDefaultsAndAddsTheCallsOwn() {
		LlmChatOptions defaults = LlmChatOptions.builder().model("gpt-4o-mini").temperature(0.7).build();
		LlmChatOptions combined = defaults.mutate()
			.combineWith(LlmChatOptions.builder().temperature(0.1).outputSchema("{}"))
			.build();
		assertThat(combined.getModel()).isEqualTo("gpt-4o-mini");
		assertThat(combined.getTemperature()).isEqualTo(0.1);
		assertThat(combined.getOutputSchema()).isEqualTo("{}");
		assertThat(combined.mutate().build()).isEqualTo(combined);
	}

}
