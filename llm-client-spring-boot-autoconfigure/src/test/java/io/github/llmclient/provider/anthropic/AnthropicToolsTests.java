package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderTestSupport;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of how {@link AnthropicAdapter} reads tool calls, thinking, cache usage and answers given
 * as a forced tool, in non-streamed messages and in streams, without HTTP.
 */
class AnthropicToolsTests {

	private static final String WEATHER_SCHEMA = """
			{"type":"object","properties":{"city":{"type":"string"},"celsius":{"type":"number"}}}""";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AnthropicAdapter adapter = new AnthropicAdapter(URI.create("https://api.anthropic.com/v1"), "k",
			"2023-06-01", 1024, this.mapper);

	/** A request whose answer must be a {@code weather} object: a forced tool on Anthropic. */
	private final ProviderRequest formatted = this.adapter.chatRequest(ChatRequest.builder()
		.user("Weather in Paris?")
		.tool(Tool.function("get_weather", null, WEATHER_SCHEMA))
		.responseFormat(ResponseFormat.jsonSchema("weather", WEATHER_SCHEMA))
		.build(), true);

	/** One answer, non-streamed: thinking, text, two tool calls (one without input), cache reads. */
	private static final String MESSAGE = """
			{"id":"msg_7","type":"message","role":"assistant","model":"claude-sonnet-4-5",
			 "content":[{"type":"thinking","thinking":"Two cities, two calls.","signature":"EqQBCgIYAhIM"},
			            {"type":"text","text":"Checking both."},
			            {"type":"tool_use","id":"toolu_A","name":"get_weather","input":{"city":"Paris","days":[1,2]}},
			            {"type":"tool_use","id":"toolu_B","name":"clock","input":{}}],
			 "stop_reason":"tool_use","stop_sequence":null,
			 "usage":{"input_tokens":20,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":42}}""";

	/** The same answer streamed; the second tool's block gets only an empty fragment. */
	private static final String STREAM = """
			event: message_start
			data: {"type":"message_start","message":{"id":"msg_7","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":5,"cache_read_input_tokens":100,"output_tokens":1}}}

			event: content_block_start
			data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Two cities, "}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"two calls."}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}

			event: content_block_stop
			data: {"type":"content_block_stop","index":0}

			event: content_block_start
			data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Checking both."}}

			event: content_block_stop
			data: {"type":"content_block_stop","index":1}

			event: content_block_start
			data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_A","name":"get_weather","input":{}}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Par"}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"is\\",\\"days\\":[1,2]}"}}

			event: content_block_stop
			data: {"type":"content_block_stop","index":2}

			event: content_block_start
			data: {"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_B","name":"clock","input":{}}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":""}}

			event: content_block_stop
			data: {"type":"content_block_stop","index":3}

			event: message_delta
			data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}

			event: message_stop
			data: {"type":"message_stop"}

			""";

	private static final ChatResponse ANSWER = new ChatResponse("msg_7", "claude-sonnet-4-5", "Checking both.",
			"tool_calls", new Usage(125, 42, 167, 100, 0, 5),
			List.of(new ToolCall("toolu_A", "get_weather", "{\"city\":\"Paris\",\"days\":[1,2]}"),
					new ToolCall("toolu_B", "clock", "{}")),
			"Two cities, two calls.", new ReplayData(ReplayData.ANTHROPIC,
					"[{\"type\":\"thinking\",\"thinking\":\"Two cities, two calls.\",\"signature\":\"EqQBCgIYAhIM\"}]"));

	/** The thinking block of the synthetic thinking stream, as replay data. */
	static final ReplayData SYNTHETIC_THINKING = new ReplayData(ReplayData.ANTHROPIC,
			"[{\"type\":\"thinking\",\"thinking\":\"Let me think. 2 + 2 = 4.\",\"signature\":\"abc123sig==\"}]");

	/** An answer given as the forced tool's input, non-streamed. */
	private static final String FORMATTED_MESSAGE = """
			{"id":"msg_8","type":"message","role":"assistant","model":"claude-sonnet-4-5",
			 "content":[{"type":"tool_use","id":"toolu_F","name":"weather","input":{"city":"Paris","celsius":21.50}}],
			 "stop_reason":"tool_use","usage":{"input_tokens":30,"output_tokens":12}}""";

	/** The same, streamed. */
	private static final String FORMATTED_STREAM = """
			event: message_start
			data: {"type":"message_start","message":{"id":"msg_8","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":30,"output_tokens":1}}}

			event: content_block_start
			data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_F","name":"weather","input":{}}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Paris\\","}}

			event: content_block_delta
			data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\\"celsius\\":21.50}"}}

			event: content_block_stop
			data: {"type":"content_block_stop","index":0}

			event: message_delta
			data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}

			event: message_stop
			data: {"type":"message_stop"}

			""";

	private static final ChatResponse FORMATTED_ANSWER = new ChatResponse("msg_8", "claude-sonnet-4-5",
			"{\"city\":\"Paris\",\"celsius\":21.50}", "stop", new Usage(30, 12, 42));

	record Weather(String city, double celsius) {
	}

	@Test
	void readsToolUseThinkingAndCacheReads() {
		assertThat(this.adapter.readResponse(bytes(MESSAGE))).isEqualTo(ANSWER);
	}

	@Test
	void writesToolInputCompactlyWithKeysInOrderAndNumbersAsSent() {
		ChatResponse response = this.adapter.readResponse(bytes("""
				{"type":"message","content":[{"input": {
				   "zone" : "Europe/Paris", "at": {"h": 9, "m": 30}, "ratio": 1.50, "big": 1e3, "tags": ["a", "é\\n"],
				   "none": null, "ok": true },
				 "type":"tool_use", "name":"clock", "id":"toolu_1"}],"stop_reason":"tool_use"}"""));
		assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_1", "clock",
				"{\"zone\":\"Europe/Paris\",\"at\":{\"h\":9,\"m\":30},\"ratio\":1.50,\"big\":1e3,\"tags\":[\"a\",\"é\\n\"],"
						+ "\"none\":null,\"ok\":true}"));
		assertThat(response.content()).isEmpty();
		assertThat(response.finishReason()).isEqualTo("tool_calls");
	}

	@Test
	void readsRecordedToolUseMessage() {
		ChatResponse response = this.adapter
			.readResponse(bytes(ProviderTestSupport.fixture("anthropic-message-tool-use.json")));
		assertThat(response).isEqualTo(new ChatResponse("msg_01VLZuPg94y7NULJySZhEDJY", "claude-3-7-sonnet-20250219",
				"I'll get the current weather in San Francisco for you in Fahrenheit.", "tool_calls",
				new Usage(402, 89, 491, 0, 0), List.of(new ToolCall("toolu_01TZR6ZrLHdpAWdmhVPuDfjQ", "get_weather",
						"{\"city\":\"San Francisco\",\"units\":\"fahrenheit\"}")),
				null));
	}

	@Test
	void keepsThinkingAndRedactedThinkingInOrderForReplayAndSkipsServerToolsAndUnknownBlocks() {
		ChatResponse response = this.adapter.readResponse(bytes("""
				{"type":"message","content":[
				  {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},
				  {"type":"thinking","thinking":"First. ","signature":"s1"},
				  {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"weather Paris"}},
				  {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result"}]},
				  {"type":"brand_new_block","text":"not ours","input":{"x":1}},
				  {"type":"thinking","thinking":"Second.","signature":"s2"},
				  {"type":"text","text":"It is sunny.","citations":[{"type":"web_search_result_location"}]}],
				 "stop_reason":"end_turn"}"""));
		assertThat(response).isEqualTo(new ChatResponse(null, null, "It is sunny.", "stop", null, List.of(),
				"First. Second.", new ReplayData(ReplayData.ANTHROPIC, "[{\"type\":\"redacted_thinking\",\"data\":"
						+ "\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP\"},"
						+ "{\"type\":\"thinking\",\"thinking\":\"First. \",\"signature\":\"s1\"},"
						+ "{\"type\":\"thinking\",\"thinking\":\"Second.\",\"signature\":\"s2\"}]")));
	}

	@Test
	void readsTheForcedAnswerToolsInputAsContent() {
		ChatResponse response = this.adapter.readResponse(this.formatted, bytes(FORMATTED_MESSAGE));
		assertThat(response).isEqualTo(FORMATTED_ANSWER);
		assertThat(response.contentAs(Weather.class)).isEqualTo(new Weather("Paris", 21.5));
	}

	@Test
	void anAnswerToolBesideACallOfTheCallersToolKeepsTheCallAndItsFinishReason() {
		ChatResponse response = this.adapter.readResponse(this.formatted, bytes("""
				{"type":"message","content":[
				  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Lyon"}},
				  {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Paris"}}],
				 "stop_reason":"tool_use"}"""));
		assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Lyon\"}"));
		assertThat(response.content()).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(response.finishReason()).isEqualTo("tool_calls");
	}

	@Test
	void anAnswerCutOffByMaxTokensSaysLength() {
		ChatResponse response = this.adapter.readResponse(this.formatted, bytes("""
				{"type":"message","content":[{"type":"tool_use","id":"t","name":"weather","input":{}}],
				 "stop_reason":"max_tokens"}"""));
		assertThat(response.content()).isEqualTo("{}");
		assertThat(response.finishReason()).isEqualTo("length");
	}

	@Test
	void numbersToolCallsFromZeroNotByContentBlockIndex() {
		List<ChatChunk> chunks = stream(STREAM, this.adapter.streamMapper());
		List<ToolCallDelta> deltas = chunks.stream().flatMap((chunk) -> chunk.toolCalls().stream()).toList();
		assertThat(deltas).containsExactly(new ToolCallDelta(0, "toolu_A", "get_weather", ""),
				new ToolCallDelta(0, null, null, "{\"city\":\"Par"),
				new ToolCallDelta(0, null, null, "is\",\"days\":[1,2]}"), new ToolCallDelta(1, "toolu_B", "clock", ""),
				// the block got only "": "{}" at its end, as the non-streamed input reads
				new ToolCallDelta(1, null, null, "{}"));
		assertThat(chunks).extracting(ChatChunk::reasoning).filteredOn((text) -> !text.isEmpty())
			.containsExactly("Two cities, ", "two calls.");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.hasPayload()).isTrue());
	}

	@Test
	void aStreamedAnswerAggregatesToTheNonStreamedOne() {
		assertThat(aggregate(stream(STREAM, this.adapter.streamMapper())))
			.isEqualTo(this.adapter.readResponse(bytes(MESSAGE)))
			.isEqualTo(ANSWER);
	}

	@Test
	void aStreamedFormattedAnswerAggregatesToTheNonStreamedOne() {
		List<ChatChunk> chunks = stream(FORMATTED_STREAM, this.adapter.streamMapper(this.formatted));
		assertThat(chunks).extracting(ChatChunk::content)
			.containsExactly("{\"city\":\"Paris\",", "\"celsius\":21.50}", "");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.toolCalls()).isEmpty());
		ChatResponse aggregated = aggregate(chunks);
		assertThat(aggregated).isEqualTo(this.adapter.readResponse(this.formatted, bytes(FORMATTED_MESSAGE)))
			.isEqualTo(FORMATTED_ANSWER);
		assertThat(aggregated.contentAs(Weather.class)).isEqualTo(new Weather("Paris", 21.5));
	}

	@Test
	void withoutTheFormatTheAnswerToolIsAToolCall() {
		ChatResponse aggregated = aggregate(stream(FORMATTED_STREAM, this.adapter.streamMapper()));
		assertThat(aggregated.content()).isEmpty();
		assertThat(aggregated.toolCalls())
			.containsExactly(new ToolCall("toolu_F", "weather", "{\"city\":\"Paris\",\"celsius\":21.50}"));
		assertThat(aggregated.finishReason()).isEqualTo("tool_calls");
	}

	@Test
	void mapsRecordedToolUseStreamFedOneByteAtATime() {
		String transcript = ProviderTestSupport.fixture("anthropic-messages-stream-tool-use.sse") + "\n\n";
		List<ChatChunk> chunks = streamByteByByte(transcript, this.adapter.streamMapper());
		assertThat(chunks.stream().flatMap((chunk) -> chunk.toolCalls().stream())).containsExactly(
				new ToolCallDelta(0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", ""),
				new ToolCallDelta(0, null, null, "{\"locati"), new ToolCallDelta(0, null, null, "on\": \"P"),
				new ToolCallDelta(0, null, null, "ar"), new ToolCallDelta(0, null, null, "is\"}"));
		assertThat(aggregate(chunks)).isEqualTo(new ChatResponse("msg_019Q1hrJbZG26Fb9BQhrkHEr",
				"claude-sonnet-4-20250514", "I'll check the current weather in Paris for you.", "tool_calls",
				new Usage(377, 65, 442, 0, 0),
				List.of(new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}")),
				null));
	}

	@Test
	void mapsRecordedLiveToolUseStreamWithPaddedData() {
		String transcript = ProviderTestSupport.fixture("anthropic-messages-stream-tool-use-padded.sse");
		assertThat(aggregate(stream(transcript, this.adapter.streamMapper()))).isEqualTo(new ChatResponse(
				"msg_01P7nF1bmxyzFZjF8zwbUDBM", "claude-3-7-sonnet-20250219",
				"I'd be happy to check the weather in San Francisco for you. Let me get that information for you right away.",
				"tool_calls", new Usage(394, 79, 473, 0, 0),
				List.of(new ToolCall("toolu_017QoD96fYwGzCWvLfaPADWg", "get_weather", "{\"city\": \"San Francisco\"}")),
				null));
	}

	@Test
	void mapsThinkingStreamAndKeepsItsSignatureForReplay() {
		String transcript = ProviderTestSupport.fixture("anthropic-messages-stream-thinking-synthetic.txt");
		List<ChatChunk> chunks = streamByteByByte(transcript, this.adapter.streamMapper());
		assertThat(chunks).extracting(ChatChunk::reasoning).containsExactly("Let me think. ", "2 + 2 = 4.", "", "");
		assertThat(chunks).extracting(ChatChunk::content).containsExactly("", "", "The answer is 4.", "");
		assertThat(chunks.get(3).replay()).isEqualTo(SYNTHETIC_THINKING);
		assertThat(aggregate(chunks)).isEqualTo(new ChatResponse("msg_thinking_x", "claude-sonnet-4-5",
				"The answer is 4.", "stop", new Usage(15, 20, 35), List.of(), "Let me think. 2 + 2 = 4.",
				SYNTHETIC_THINKING));
	}

	@Test
	void ignoresServerToolBlocksAndUnknownBlockTypesInStreams() {
		String stream = """
				event: message_start
				data: {"type":"message_start","message":{"id":"msg_9","model":"m","usage":{"input_tokens":5,"output_tokens":1}}}

				event: content_block_start
				data: {"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"query\\":\\"Paris\\"}"}}

				event: content_block_stop
				data: {"type":"content_block_stop","index":0}

				event: content_block_start
				data: {"type":"content_block_start","index":1,"content_block":{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]}}

				event: content_block_stop
				data: {"type":"content_block_stop","index":1}

				event: content_block_start
				data: {"type":"content_block_start","index":2,"content_block":{"type":"redacted_thinking","data":"EmwKAhgB"}}

				event: content_block_start
				data: {"type":"content_block_start","index":3,"content_block":{"type":"brand_new_block"}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":3,"delta":{"type":"brand_new_delta","partial_json":"{}","text":"?"}}

				event: content_block_start
				data: {"type":"content_block_start","index":4,"content_block":{"type":"text","text":""}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":4,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location"}}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":4,"delta":{"type":"text_delta","text":"Sunny."}}

				event: message_delta
				data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}

				event: message_stop
				data: {"type":"message_stop"}

				""";
		List<ChatChunk> chunks = stream(stream, this.adapter.streamMapper());
		assertThat(chunks).extracting(ChatChunk::content).containsExactly("Sunny.", "");
		assertThat(aggregate(chunks)).isEqualTo(new ChatResponse("msg_9", "m", "Sunny.", "stop", new Usage(5, 9, 14),
				List.of(), null,
				new ReplayData(ReplayData.ANTHROPIC, "[{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgB\"}]")));
	}

	@Test
	void readsAWholeToolInputSentWithItsBlockStart() {
		// Not what the API does (it starts every block with input {}), but a compatible server may.
		String stream = """
				event: content_block_start
				data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t1","name":"clock","input":{"zone": "UTC"}}}

				event: content_block_stop
				data: {"type":"content_block_stop","index":0}

				""";
		assertThat(stream(stream, this.adapter.streamMapper()).stream().flatMap((chunk) -> chunk.toolCalls().stream()))
			.containsExactly(new ToolCallDelta(0, "t1", "clock", "{\"zone\":\"UTC\"}"));
	}

	@Test
	void messageDeltaCacheReadsReplaceThoseOfMessageStart() {
		String stream = """
				event: message_start
				data: {"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":4,"cache_read_input_tokens":6,"output_tokens":1}}}

				event: message_delta
				data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"input_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":8,"output_tokens":3}}

				""";
		assertThat(stream(stream, this.adapter.streamMapper())).extracting(ChatChunk::usage)
			.containsExactly(new Usage(12, 3, 15, 8, 0));
	}

	private static List<ChatChunk> stream(String transcript, StreamMapper mapper) {
		List<SseEvent> events = new ArrayList<>();
		byte[] bytes = bytes(transcript);
		new SseDecoder().feed(bytes, 0, bytes.length, events::add);
		return chunks(events, mapper);
	}

	private static List<ChatChunk> streamByteByByte(String transcript, StreamMapper mapper) {
		List<SseEvent> events = new ArrayList<>();
		byte[] bytes = bytes(transcript);
		SseDecoder decoder = new SseDecoder();
		for (int i = 0; i < bytes.length; i++) {
			decoder.feed(bytes, i, 1, events::add);
		}
		return chunks(events, mapper);
	}

	private static List<ChatChunk> chunks(List<SseEvent> events, StreamMapper mapper) {
		List<ChatChunk> chunks = new ArrayList<>();
		for (SseEvent event : events) {
			if (mapper.map(event) instanceof StreamEvent.Chunk chunk) {
				chunks.add(chunk.chunk());
			}
		}
		return chunks;
	}

	private static ChatResponse aggregate(List<ChatChunk> chunks) {
		ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();
		chunks.forEach(aggregator::add);
		return aggregator.toResponse();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
