package io.github.llmclient.provider.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderTestSupport;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream events to chunks: tool-call fragments and reasoning deltas are delivered (never ignored
 * as empty), tool calls are numbered from 0 in the order they start whatever the server's
 * indexes, and the recorded SDK streams aggregate to the calls they spell.
 */
class OpenAiStreamMapperTests {

	private final OpenAiWireFormat format = new OpenAiWireFormat(JsonMapper.builder().build());

	@Test
	void deliversEveryToolCallFragmentOfTheRecordedStream() {
		Mapped mapped = map(ProviderTestSupport.fixture("openai-chat-stream-tool-calls.sse"));
		assertThat(mapped.ended).isTrue();
		// 1 header + 14 argument fragments, then the finish and usage chunks; the role rides on the header
		assertThat(mapped.chunks).filteredOn((chunk) -> !chunk.toolCalls().isEmpty()).hasSize(15);
		assertThat(mapped.chunks).hasSize(17);
		assertThat(mapped.chunks.get(0).toolCalls())
			.containsExactly(new ToolCallDelta(0, "call_c91SqDXlYFuETYv8mUHzz6pp", "GetWeatherArgs", ""));
		assertThat(mapped.chunks.get(1).toolCalls()).containsExactly(new ToolCallDelta(0, null, null, "{\""));
		assertThat(aggregate(mapped.chunks)).isEqualTo(new ChatResponse("chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr",
				"gpt-4o-2024-08-06", "", "tool_calls", new Usage(76, 24, 100, 0, 0),
				List.of(new ToolCall("call_c91SqDXlYFuETYv8mUHzz6pp", "GetWeatherArgs",
						"{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}")),
				null));
	}

	@Test
	void assemblesTheRecordedParallelToolCalls() {
		Mapped mapped = map(ProviderTestSupport.fixture("openai-chat-stream-parallel-tool-calls.sse"));
		assertThat(mapped.ended).isTrue();
		assertThat(mapped.chunks).flatExtracting(ChatChunk::toolCalls)
			.extracting(ToolCallDelta::index)
			.containsOnly(0, 1)
			.startsWith(0)
			.endsWith(1);
		ChatResponse response = aggregate(mapped.chunks);
		assertThat(response.toolCalls()).containsExactly(
				new ToolCall("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
						"{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
				new ToolCall("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
						"{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"));
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(response.usage()).isEqualTo(new Usage(149, 60, 209, 0, 0));
	}

	@Test
	void deliversReasoningDeltasAndIgnoresOnlyChunksWithNothingInThem() {
		Mapped mapped = map(event("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}")
				+ event("{\"content\":null,\"reasoning_content\":\"Okay\"}")
				+ event("{\"reasoning\":\", 2+2\"}")
				+ event("{\"content\":\"4\",\"reasoning_content\":null,\"audio\":{\"id\":\"x\"},\"future_field\":[1]}")
				+ "data: [DONE]\n\n");
		assertThat(mapped.chunks).extracting(ChatChunk::reasoning).containsExactly("Okay", ", 2+2", "");
		assertThat(mapped.chunks).extracting(ChatChunk::content).containsExactly("", "", "4");
		assertThat(aggregate(mapped.chunks).reasoning()).isEqualTo("Okay, 2+2");
	}

	@Test
	void aTextChunkSharesTheEmptyToolCallList() {
		Mapped mapped = map(event("{\"content\":\"Hi\"}") + "data: [DONE]\n\n");
		assertThat(mapped.chunks).singleElement().satisfies((chunk) -> {
			assertThat(chunk.toolCalls()).isSameAs(List.of());
			assertThat(chunk.reasoning()).isEmpty();
		});
	}

	@Test
	void splitsParallelCallsThatAServerSendsAllAsIndexZero() {
		Mapped mapped = map(toolEvent("{\"index\":0,\"id\":\"call_a\",\"function\":{\"name\":\"add\",\"arguments\":\"\"}}")
				+ toolEvent("{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":1}\"}}")
				+ toolEvent("{\"index\":0,\"id\":\"call_b\",\"function\":{\"name\":\"clock\",\"arguments\":\"\"}}")
				+ toolEvent("{\"index\":0,\"id\":\"call_b\",\"function\":{\"arguments\":\"{}\"}}") + "data: [DONE]\n\n");
		assertThat(aggregate(mapped.chunks).toolCalls()).containsExactly(new ToolCall("call_a", "add", "{\"a\":1}"),
				new ToolCall("call_b", "clock", "{}"));
	}

	@Test
	void numbersCallsWithoutAnIndexByTheirIdAndPosition() {
		Mapped mapped = map(toolEvent("{\"id\":\"call_a\",\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\":\"}}")
				+ toolEvent("{\"function\":{\"arguments\":\"1}\"}}")
				+ toolEvent("{\"id\":\"call_b\",\"function\":{\"name\":\"b\",\"arguments\":\"{}\"}},"
						+ "{\"id\":\"call_c\",\"function\":{\"name\":\"c\",\"arguments\":\"{}\"}}")
				+ "data: [DONE]\n\n");
		assertThat(aggregate(mapped.chunks).toolCalls()).containsExactly(new ToolCall("call_a", "a", "{\"x\":1}"),
				new ToolCall("call_b", "b", "{}"), new ToolCall("call_c", "c", "{}"));
		assertThat(mapped.chunks.get(2).toolCalls()).extracting(ToolCallDelta::index).containsExactly(1, 2);
	}

	@Test
	void countsCallsFromZeroWhateverIndexTheServerStartsAt() {
		Mapped mapped = map(toolEvent("{\"index\":3,\"id\":\"call_a\",\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}}")
				+ toolEvent("{\"index\":7,\"id\":\"call_b\",\"function\":{\"name\":\"b\",\"arguments\":\"{}\"}}")
				+ toolEvent("{\"index\":3,\"function\":{\"arguments\":\" \"}}") + "data: [DONE]\n\n");
		assertThat(mapped.chunks).flatExtracting(ChatChunk::toolCalls).extracting(ToolCallDelta::index).containsExactly(0, 1, 0);
		assertThat(aggregate(mapped.chunks).toolCalls()).extracting(ToolCall::arguments).containsExactly("{} ", "{}");
	}

	@Test
	void passesOpenAisOwnIndexesThroughUnchanged() {
		ToolCallIndexes indexes = new ToolCallIndexes();
		List<ToolCallDelta> header = List.of(new ToolCallDelta(0, "call_a", "a", ""));
		List<ToolCallDelta> fragment = List.of(new ToolCallDelta(0, null, null, "{}"));
		List<ToolCallDelta> second = List.of(new ToolCallDelta(1, "call_b", "b", ""), new ToolCallDelta(1, null, null, "{"));
		assertThat(indexes.renumber(header)).isSameAs(header);
		assertThat(indexes.renumber(fragment)).isSameAs(fragment);
		assertThat(indexes.renumber(second)).isSameAs(second);
	}

	private static String event(String delta) {
		return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
				+ delta + ",\"finish_reason\":null}]}\n\n";
	}

	private static String toolEvent(String calls) {
		return event("{\"tool_calls\":[" + calls + "]}");
	}

	private Mapped map(String stream) {
		byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
		List<SseEvent> events = new ArrayList<>();
		new SseDecoder().feed(bytes, 0, bytes.length, events::add);
		StreamMapper mapper = this.format.streamMapper();
		Mapped mapped = new Mapped();
		for (SseEvent event : events) {
			StreamEvent result = mapper.map(event);
			if (result == StreamEvent.END) {
				mapped.ended = true;
			}
			else if (result instanceof StreamEvent.Chunk chunk) {
				mapped.chunks.add(chunk.chunk());
			}
		}
		return mapped;
	}

	private static ChatResponse aggregate(List<ChatChunk> chunks) {
		ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();
		chunks.forEach(aggregator::add);
		return aggregator.toResponse();
	}

	private static final class Mapped {

		final List<ChatChunk> chunks = new ArrayList<>();

		boolean ended;

	}

}
