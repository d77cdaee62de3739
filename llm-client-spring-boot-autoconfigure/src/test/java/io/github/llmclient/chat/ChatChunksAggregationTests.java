package io.github.llmclient.chat;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ChatChunksAggregationTests {

	@Test
	void assemblesParallelToolCallsByIndexWhateverTheOrderOfTheirFragments() {
		Flux<ChatChunk> chunks = Flux.just(tool(0, "call_a", "get_weather", ""), tool(0, null, null, "{\"ci"),
				tool(1, "call_b", "get_time", ""), tool(0, null, null, "ty\":\"Paris\"}"), tool(1, null, null, "{}"),
				new ChatChunk("", "tool_calls", Usage.of(10, 5), "r1", "m1"));
		StepVerifier.create(ChatChunks.aggregate(chunks)).assertNext((response) -> {
			assertThat(response.toolCalls()).containsExactly(
					new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
					new ToolCall("call_b", "get_time", "{}"));
			assertThat(response.content()).isEmpty();
			assertThat(response.finishReason()).isEqualTo("tool_calls");
			assertThat(response.usage()).isEqualTo(Usage.of(10, 5));
			assertThat(response.reasoning()).isNull();
		}).verifyComplete();
	}

	@Test
	void aggregatesReasoningBesideTheText() {
		Flux<ChatChunk> chunks = Flux.just(new ChatChunk("", null, null, "r", "m", List.of(), "Let me "),
				new ChatChunk("", null, null, "r", "m", List.of(), "think."), new ChatChunk("4", "stop", null, "r", "m"));
		StepVerifier.create(ChatChunks.aggregate(chunks))
			.assertNext((response) -> assertThat(response)
				.isEqualTo(new ChatResponse("r", "m", "4", "stop", null, List.of(), "Let me think.")))
			.verifyComplete();
	}

	@Test
	void aCallWhoseServerNeverNamedItIsStillDelivered() {
		Flux<ChatChunk> chunks = Flux.just(tool(0, null, null, "{\"x\":1}"), new ChatChunk("", "tool_calls", null, null, null));
		StepVerifier.create(ChatChunks.aggregate(chunks))
			.assertNext((response) -> assertThat(response.toolCalls()).containsExactly(new ToolCall("", "", "{\"x\":1}")))
			.verifyComplete();
	}

	@Test
	void aTextStreamAggregatesAsBefore() {
		Flux<ChatChunk> chunks = Flux.just(new ChatChunk("Hel", null, null, "r", "m"),
				new ChatChunk("lo", "stop", Usage.of(3, 2), "r", "m"));
		StepVerifier.create(ChatChunks.aggregate(chunks))
			.assertNext((response) -> assertThat(response)
				.isEqualTo(new ChatResponse("r", "m", "Hello", "stop", Usage.of(3, 2))))
			.verifyComplete();
	}

	private static ChatChunk tool(int index, String id, String name, String arguments) {
		return new ChatChunk("", null, null, "r1", "m1", List.of(new ToolCallDelta(index, id, name, arguments)), "");
	}

}
