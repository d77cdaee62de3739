package io.github.llmclient.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderTestSupport;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The streaming parse of responses and chunks, checked against Jackson's tree model on OpenAI's
 * recorded stream (openai-python's snapshot) and on hand-written bodies with every shape the parse
 * skips or reads.
 */
class OpenAiWireFormatTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final OpenAiWireFormat format = new OpenAiWireFormat(this.mapper);

	@Test
	void readsRecordedStreamAsTheTreeModelDoes() throws IOException {
		byte[] stream;
		try (InputStream in = getClass().getResourceAsStream("openai-chat-stream-with-usage.sse")) {
			stream = in.readAllBytes();
		}
		List<SseEvent> events = new ArrayList<>();
		new SseDecoder().feed(stream, 0, stream.length, events::add);
		StreamMapper streamMapper = new OpenAiAdapter(URI.create("http://localhost/v1"), null, null, true, this.mapper)
			.streamMapper();
		StringBuilder text = new StringBuilder();
		StringBuilder expected = new StringBuilder();
		List<ChatChunk> chunks = new ArrayList<>();
		boolean ended = false;
		for (SseEvent event : events) {
			StreamEvent mapped = streamMapper.map(event);
			if (mapped == StreamEvent.END) {
				ended = true;
				continue;
			}
			JsonNode tree = this.mapper.readTree(event.data());
			JsonNode choices = tree.path("choices");
			if (!choices.isEmpty()) {
				expected.append(choices.get(0).path("delta").path("content").asString(""));
			}
			if (mapped instanceof StreamEvent.Chunk chunk) {
				chunks.add(chunk.chunk());
				text.append(chunk.chunk().content());
				assertThat(chunk.chunk().id()).isEqualTo(tree.path("id").asString());
				assertThat(chunk.chunk().model()).isEqualTo(tree.path("model").asString());
			}
		}
		assertThat(ended).isTrue();
		assertThat(text.toString()).isEqualTo(expected.toString()).isNotEmpty();
		assertThat(chunks).filteredOn((chunk) -> chunk.finishReason() != null)
			.singleElement()
			.extracting(ChatChunk::finishReason)
			.isEqualTo("stop");
		assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(new Usage(14, 30, 44));
	}

	@Test
	void readsChatCompletionSkippingEverythingElse() {
		String body = "{\"object\":\"chat.completion\",\"extra\":{\"id\":\"nested-not-top\",\"list\":[1,{\"a\":[null,true]}]},"
				+ "\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":1,\"message\":{\"content\":\"second\"},"
				+ "\"finish_reason\":\"length\"},{\"logprobs\":{\"content\":[{\"token\":\"x\"}]},\"finish_reason\":\"stop\","
				+ "\"message\":{\"role\":\"assistant\",\"refusal\":null,\"content\":\"Tab\\there, quote \\\" \\u00e9 你好 \\ud83c\\udf89\"},"
				+ "\"index\":0}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens_details\":{\"reasoning_tokens\":1},"
				+ "\"completion_tokens\":4,\"total_tokens\":9,\"cost\":1.5},\"service_tier\":\"default\"}";
		ChatResponse response = this.format.readResponse(body.getBytes(StandardCharsets.UTF_8));
		assertThat(response).isEqualTo(new ChatResponse("chatcmpl-1", "gpt-4o",
				"Tab\there, quote \" é 你好 \uD83C\uDF89", "stop", new Usage(3, 4, 9, 0, 1)));
	}

	@Test
	void readsTheRecordedResponseWithTwoToolCallsAndNoText() {
		ChatResponse response = this.format
			.readResponse(utf8(ProviderTestSupport.fixture("openai-chat-completion-parallel-tool-calls.json")));
		assertThat(response).isEqualTo(new ChatResponse("chatcmpl-ABfvyvfNWKcl7Ohqos4UFrmMs1v4C", "gpt-4o-2024-08-06", "",
				"tool_calls", new Usage(149, 60, 209, 0, 0),
				List.of(new ToolCall("call_fdNz3vOBKYgOIpMdWotB9MjY", "GetWeatherArgs",
						"{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
						new ToolCall("call_h1DWI1POMJLb0KwIyQHWXD4p", "get_stock_price",
								"{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}")),
				null));
		assertThat(response.toolCalls().get(1).argumentsAs(StockArgs.class)).isEqualTo(new StockArgs("AAPL", "NASDAQ"));
	}

	@Test
	void readsReasoningContentAndUsageDetailsOfADeepSeekStyleResponse() {
		ChatResponse response = this.format.readResponse(utf8("{\"id\":\"d1\",\"object\":\"chat.completion\","
				+ "\"model\":\"deepseek-reasoner\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
				+ "\"content\":\"9.11 is smaller.\",\"reasoning_content\":\"Compare 9.11 and 9.8: 0.11 < 0.8.\"},"
				+ "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,"
				+ "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920},"
				+ "\"completion_tokens_details\":{\"reasoning_tokens\":192},\"prompt_cache_hit_tokens\":1920,"
				+ "\"prompt_cache_miss_tokens\":86}}"));
		assertThat(response.content()).isEqualTo("9.11 is smaller.");
		assertThat(response.reasoning()).isEqualTo("Compare 9.11 and 9.8: 0.11 < 0.8.");
		assertThat(response.usage()).isEqualTo(new Usage(2006, 300, 2306, 1920, 192));
		assertThat(response.toolCalls()).isEmpty();
	}

	@Test
	void readsTheReasoningFieldWhenThereIsNoReasoningContent() {
		ChatResponse response = this.format.readResponse(utf8("{\"choices\":[{\"index\":0,\"message\":{\"content\":\"4\","
				+ "\"reasoning\":\"2 + 2\"},\"finish_reason\":\"stop\"}]}"));
		assertThat(response.reasoning()).isEqualTo("2 + 2");
		assertThat(this.format.readResponse(utf8("{\"choices\":[{\"message\":{\"content\":\"4\",\"reasoning_content\":\"\"}}]}"))
			.reasoning()).as("empty reasoning is none").isNull();
	}

	@Test
	void deliversAToolCallWithoutIdOrNameRatherThanDroppingIt() {
		ChatResponse response = this.format.readResponse(utf8("{\"choices\":[{\"message\":{\"content\":null,"
				+ "\"tool_calls\":[{\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
		assertThat(response.content()).isEmpty();
		assertThat(response.toolCalls()).containsExactly(new ToolCall("", "", "{}"));
	}

	@Test
	void readsChunkFieldsAndNulls() {
		ParsedCompletion parsed = this.format.readChunk(utf8(
				"{\"id\":\"c\",\"model\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":null},\"finish_reason\":null}],"
						+ "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}"));
		assertThat(parsed.id).isEqualTo("c");
		assertThat(parsed.model).isNull();
		assertThat(parsed.content).isNull();
		assertThat(parsed.finishReason).isNull();
		assertThat(parsed.hasChoice).isTrue();
		assertThat(parsed.usage).isEqualTo(new Usage(1, 2, 3));
		assertThat(parsed.error).isNull();
	}

	@Test
	void returnsKnownIdAndModelWhenRepeated() {
		String id = new String("chatcmpl-9");
		String model = new String("gpt-4o-mini");
		byte[] chunk = utf8("{\"id\":\"chatcmpl-9\",\"model\":\"gpt-4o-mini\",\"choices\":[]}");
		ParsedCompletion repeated = this.format.readChunk(chunk, id, model);
		assertThat(repeated.id).isSameAs(id);
		assertThat(repeated.model).isSameAs(model);
		ParsedCompletion changed = this.format.readChunk(chunk, "chatcmpl-8", "gpt-4o-minj");
		assertThat(changed.id).isEqualTo("chatcmpl-9");
		assertThat(changed.model).isEqualTo("gpt-4o-mini");
	}

	@Test
	void readsErrorObjectInChunk() {
		ParsedCompletion parsed = this.format
			.readChunk(utf8("{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\",\"code\":null}}"));
		assertThat(parsed.error).isNotNull();
		assertThat(parsed.error.message()).isEqualTo("Overloaded");
		assertThat(parsed.error.type()).isEqualTo("server_error");
	}

	@Test
	void rejectsMalformedJson() {
		for (String body : List.of("", "[]", "\"text\"", "{\"id\":", "{\"id\":\"x\"", "{\"choices\":[{\"delta\":{}}",
				"{\"id\" \"x\"}", "{\"choices\":[{\"index\":0,}]}", "not json")) {
			assertThatException().as(body).isThrownBy(() -> this.format.readChunk(utf8(body)));
		}
	}

	record StockArgs(String ticker, String exchange) {
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
