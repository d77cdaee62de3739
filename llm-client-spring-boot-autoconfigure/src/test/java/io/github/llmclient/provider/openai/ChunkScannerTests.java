package io.github.llmclient.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderTestSupport;
import io.github.llmclient.provider.json.JsonMutations;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The one-pass scanner against the Jackson path it stands in for: whatever the scanner answers,
 * Jackson must answer the same, on recorded chunks, on every JSON shape the scanner reads or skips,
 * and on tens of thousands of corrupted variants; and the usual chunks must take the fast path.
 */
class ChunkScannerTests {

	private static final String ID = "chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL";

	private final OpenAiWireFormat format = new OpenAiWireFormat(JsonMapper.builder().build());

	@Test
	void readsEveryRecordedChunkAsJacksonDoes() throws IOException {
		List<String> chunks = recordedChunks();
		assertThat(chunks).hasSizeGreaterThan(10);
		String knownId = null;
		for (String chunk : chunks) {
			ParsedCompletion scanned = assertSameAsJackson(chunk, true, knownId, "gpt-4o-2024-08-06");
			assertThat(scanned).as("fast path for %s", chunk).isNotNull();
			knownId = ID;
		}
	}

	@Test
	void readsTheFieldsOfAChunk() {
		ParsedCompletion parsed = scan("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
				+ "\"delta\":{\"role\":\"assistant\",\"content\":\"Hi \\\"you\\\"\\n\\u00e9\\ud83d\\ude00 你好\"},"
				+ "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
				+ "\"completion_tokens\":4,\"total_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":0}}}", true);
		assertThat(parsed.id).isEqualTo("c1");
		assertThat(parsed.model).isEqualTo("m");
		assertThat(parsed.content).isEqualTo("Hi \"you\"\n\u00e9\ud83d\ude00 你好");
		assertThat(parsed.finishReason).isEqualTo("stop");
		assertThat(parsed.usage).isEqualTo(new Usage(3, 4, 7));
		assertThat(parsed.hasChoice).isTrue();
	}

	@Test
	void readsEveryRecordedToolCallChunkAsJacksonDoesOnTheFastPath() {
		List<String> chunks = new ArrayList<>();
		chunks.addAll(dataLines(ProviderTestSupport.fixture("openai-chat-stream-tool-calls.sse")));
		chunks.addAll(dataLines(ProviderTestSupport.fixture("openai-chat-stream-parallel-tool-calls.sse")));
		assertThat(chunks).hasSizeGreaterThan(35);
		StringBuilder arguments = new StringBuilder();
		for (String chunk : chunks) {
			ParsedCompletion scanned = assertSameAsJackson(chunk, true, null, null);
			assertThat(scanned).as("fast path for %s", chunk).isNotNull();
			scanned.toolCalls.forEach((call) -> arguments.append(call.argumentsDelta()));
		}
		assertThat(arguments.toString()).isEqualTo("{\"city\":\"Edinburgh\",\"country\":\"UK\",\"units\":\"c\"}"
				+ "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"
				+ "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}");
		String completion = ProviderTestSupport.fixture("openai-chat-completion-parallel-tool-calls.json");
		assertThat(assertSameAsJackson(completion, false, null, null)).as("fast path for the response").isNotNull();
	}

	@Test
	void readsAToolCallArgumentsDelta() {
		ParsedCompletion parsed = scan("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,"
				+ "\"function\":{\"arguments\":\"{\\\"lo\"}}]},\"finish_reason\":null}]}", true);
		assertThat(parsed.toolCalls).containsExactly(new ToolCallDelta(1, null, null, "{\"lo"));
		assertThat(parsed.content).isNull();
		assertThat(parsed.reasoning).isNull();
	}

	@Test
	void readsToolCallHeadersAndTheirPositionsWhenTheWireHasNoIndex() {
		ParsedCompletion parsed = scan("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\","
				+ "\"function\":{\"name\":\"clock\",\"arguments\":\"\"}},null,{\"id\":\"call_b\",\"function\":{\"name\":\"add\","
				+ "\"arguments\":\"{}\"},\"index\":-1},{\"index\":\"7\",\"function\":null}]}}]}", true);
		assertThat(parsed.toolCalls).containsExactly(new ToolCallDelta(0, "call_a", "clock", ""),
				new ToolCallDelta(2, "call_b", "add", "{}"), new ToolCallDelta(3, null, null, ""));
	}

	@Test
	void readsReasoningContentBeforeReasoning() {
		assertThat(scan("{\"choices\":[{\"delta\":{\"reasoning_content\":\"Let me\",\"content\":null}}]}", true).reasoning)
			.isEqualTo("Let me");
		assertThat(scan("{\"choices\":[{\"delta\":{\"reasoning\":\"think\"}}]}", true).reasoning).isEqualTo("think");
		// vLLM sends both with the same text: one of them, not both joined
		assertThat(scan("{\"choices\":[{\"delta\":{\"reasoning\":\"a\",\"reasoning_content\":\"b\"}}]}", true).reasoning)
			.isEqualTo("b");
		assertThat(scan("{\"choices\":[{\"message\":{\"reasoning_content\":null,\"reasoning\":\"r\",\"content\":\"x\"}}]}",
				false).reasoning)
			.isEqualTo("r");
	}

	@Test
	void readsARefusalAsTheTextSoItIsNotDropped() {
		assertThat(scan("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
				+ "\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}", false).content)
			.isEqualTo("I can't help with that.");
		assertThat(scan("{\"choices\":[{\"delta\":{\"refusal\":\"I can\"}}]}", true).content).isEqualTo("I can");
		assertThat(scan("{\"choices\":[{\"delta\":{\"content\":\"Hi\",\"refusal\":null}}]}", true).content)
			.isEqualTo("Hi");
	}

	@Test
	void readsUsageDetails() {
		ParsedCompletion parsed = scan("{\"choices\":[],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,"
				+ "\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0},"
				+ "\"completion_tokens_details\":{\"reasoning_tokens\":192,\"audio_tokens\":0,"
				+ "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}", true);
		assertThat(parsed.usage).isEqualTo(new Usage(2006, 300, 2306, 1920, 192));
	}

	@Test
	void leavesToolCallArgumentsThatAreNotTextToJackson() {
		String json = "{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"call_1\",\"function\":{\"name\":\"f\","
				+ "\"arguments\":{\"city\": \"Paris\",\"days\":[1, 2]}}}]}}]}";
		assertThat(ChunkScanner.read(utf8(json), 0, utf8(json).length, false, null, null)).isNull();
		assertThat(this.format.readResponse(utf8(json)).toolCalls())
			.containsExactly(new ToolCall("call_1", "f", "{\"city\":\"Paris\",\"days\":[1,2]}"));
	}

	@Test
	void returnsTheKnownIdAndModelInstances() {
		String knownId = new String("chatcmpl-1");
		String knownModel = new String("gpt-é");
		ParsedCompletion parsed = ChunkScanner.read(
				utf8("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-é\",\"choices\":[]}"), 0,
				utf8("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-é\",\"choices\":[]}").length, true, knownId, knownModel);
		assertThat(parsed).isNotNull();
		assertThat(parsed.id).isSameAs(knownId);
		assertThat(parsed.model).isSameAs(knownModel);
	}

	@Test
	void readsEveryShapeAsJacksonDoes() {
		List<String> all = new ArrayList<>(shapes());
		all.addAll(toolCallAndReasoningShapes());
		for (String json : all) {
			assertSameAsJackson(json, true, null, null);
			assertSameAsJackson(json, false, null, null);
		}
	}

	@Test
	void takesTheFastPathForWellFormedShapes() {
		List<String> all = new ArrayList<>(shapes());
		all.addAll(toolCallAndReasoningShapes());
		for (String json : all) {
			assertThat(ChunkScanner.read(utf8(json), 0, utf8(json).length, true, null, null)).as(json).isNotNull();
		}
	}

	@Test
	void leavesMalformedAndUnusualInputToJackson() {
		List<String> leftToJackson = List.of("", " ", "[]", "null", "{", "{\"id\"", "{\"id\":}", "{\"id\":\"a\",}",
				"{\"id\":\"a\" \"model\":\"b\"}", "{'id':'a'}", "{id:\"a\"}", "{\"id\":\"a\n\"}",
				"{\"id\":\"\\x\"}", "{\"id\":\"\\u12\"}", "{\"id\":01}", "{\"id\":1.}", "{\"id\":-}", "{\"id\":.5}",
				"{\"id\":1e}", "{\"id\":tru}", "{\"id\":nul}", "{\"id\":NaN}", "{\"id\":\"a\"/*c*/}",
				"{\"i\\u0064\":\"a\"}", "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}",
				"{\"choices\":[1]}", "{\"choices\":[{\"index\":12345678901}]}", "\uFEFF{\"id\":\"a\"}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"lo\"}}]",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"lo}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":12345678901}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":{}}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":[1]}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":true}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":{\"a\":1}}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":01,\"function\":{\"arguments\":\"x\"}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"}}]}}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x}}]}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1234567890,\"function\":{\"arguments\":\"x\"}}]}}]}",
				"{\"choices\":[{\"delta\":{\"tool_c\\u0061lls\":[]}}]}",
				"{\"choices\":[{\"delta\":{\"reasoning_content\":\"a\u0001\"}}]}",
				"{\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":1234567890}}}");
		for (String json : leftToJackson) {
			assertThat(ChunkScanner.read(utf8(json), 0, utf8(json).length, true, null, null)).as(json).isNull();
		}
		byte[] badUtf8 = { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, '"', '}' };
		assertThat(ChunkScanner.read(badUtf8, 0, badUtf8.length, true, null, null)).isNull();
		byte[] overlong = { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
		assertThat(ChunkScanner.read(overlong, 0, overlong.length, true, null, null)).isNull();
		byte[] surrogate = { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}' };
		assertThat(ChunkScanner.read(surrogate, 0, surrogate.length, true, null, null)).isNull();
	}

	@Test
	void errorsStayJacksonsErrors() {
		assertThat(this.format.readChunk(utf8("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")).error)
			.isNotNull();
		assertThatException().isThrownBy(() -> this.format.readChunk(utf8("{\"id\":\"a\",}")));
		assertThatException().isThrownBy(() -> this.format.readChunk(utf8("[1]")));
	}

	@Test
	void corruptedChunksNeverGiveAnAnswerJacksonWouldNot() throws IOException {
		List<String> seeds = new ArrayList<>(recordedChunks());
		seeds.addAll(shapes());
		seeds.addAll(toolCallAndReasoningShapes());
		byte[] specials = utf8("{}[]\",:\\ \n\t0123456789-+.eEtfnu\u00e9\u4f60");
		Random random = new Random(20261125);
		int scanned = 0;
		for (int i = 0; i < 30_000; i++) {
			byte[] bytes = utf8(seeds.get(random.nextInt(seeds.size())));
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits; e++) {
				bytes = JsonMutations.mutate(bytes, random, specials);
			}
			if (assertSameAsJackson(bytes, random.nextBoolean(), null, null) != null) {
				scanned++;
			}
		}
		// the property is only worth something if the scanner answered for many of the variants
		assertThat(scanned).isGreaterThan(3_000);
	}

	@Test
	void corruptedToolCallAndReasoningChunksNeverGiveAnAnswerJacksonWouldNot() {
		List<String> seeds = new ArrayList<>(toolCallAndReasoningShapes());
		seeds.addAll(dataLines(ProviderTestSupport.fixture("openai-chat-stream-parallel-tool-calls.sse")));
		byte[] specials = utf8("{}[]\",:\\ \n\t0123456789-+.eEtfnu\u00e9\u4f60");
		Random random = new Random(20261126);
		int scanned = 0;
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = utf8(seeds.get(random.nextInt(seeds.size())));
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits; e++) {
				bytes = JsonMutations.mutate(bytes, random, specials);
			}
			if (assertSameAsJackson(bytes, random.nextBoolean(), null, null) != null) {
				scanned++;
			}
		}
		assertThat(scanned).isGreaterThan(2_000);
	}

	@Test
	void manyEscapedStringsInOneLargeEventCostTheirOwnSizeOnly() {
		// a hostile event: 100,000 repeated ids that each hold an escape, 1.3 MB in all
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < 100_000; i++) {
			json.append("\"id\":\"a\\nb\",");
		}
		json.append("\"model\":\"m\"}");
		byte[] bytes = utf8(json.toString());
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		ParsedCompletion parsed = ChunkScanner.read(bytes, 0, bytes.length, true, null, null);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(parsed).isNotNull();
		assertThat(parsed.id).isEqualTo("a\nb");
		// about 100,000 small builders and strings; sized by the input, they would take gigabytes
		assertThat(allocated).isLessThan(100L * 1024 * 1024);
	}

	@Test
	void aStricterParserTurnsTheScannerOff() {
		JsonMapper strict = JsonMapper.builder(JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build()).build();
		assertThatException().isThrownBy(() -> new OpenAiWireFormat(strict).readChunk(utf8("{\"id\":\"a\",\"id\":\"b\"}")));
		JsonMapper shortStrings = JsonMapper.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxStringLength(5).build())
			.build()).build();
		assertThatException()
			.isThrownBy(() -> new OpenAiWireFormat(shortStrings).readChunk(utf8("{\"id\":\"abcdefghij\"}")));
		assertThat(this.format.readChunk(utf8("{\"id\":\"a\",\"id\":\"b\"}")).id).isEqualTo("b");
	}

	private static List<String> shapes() {
		return List.of("{}", " {\"id\" : \"a\" , \"model\":\"b\" } ", "{\"id\":null,\"model\":7,\"choices\":null}",
				"{\"id\":{\"x\":[1,2,{\"y\":null}]},\"model\":[\"m\"],\"choices\":{}}",
				"{\"choices\":[]}", "{\"choices\":[{}]}", "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"no\"}}]}",
				"{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"}},{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":2,\"delta\":{\"content\":\"c\"}}]}",
				"{\"choices\":[{\"index\":-0,\"delta\":{\"content\":\"neg\"}}]}",
				"{\"choices\":[{\"index\":0.0,\"delta\":{\"content\":\"float index\"}}]}",
				"{\"choices\":[{\"index\":1e0,\"delta\":{\"content\":\"exp index\"}}]}",
				"{\"choices\":[{\"index\":\"0\",\"delta\":{\"content\":\"string index\"}}]}",
				"{\"choices\":[{\"delta\":\"text\",\"message\":{\"content\":\"m\"},\"finish_reason\":3}]}",
				"{\"choices\":[{\"delta\":{\"content\":null,\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
						+ "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}",
				"{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"whole\",\"refusal\":null,"
						+ "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"length\"}]}",
				"{\"choices\":[{\"delta\":{\"content\":\"x\",\"content\":\"y\"}}],\"choices\":[{\"delta\":{}}]}",
				"{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}",
				"{\"usage\":{\"prompt_tokens\":1.5,\"completion_tokens\":\"2\",\"total_tokens\":-3,\"extra\":4}}",
				"{\"usage\":null}", "{\"usage\":[1]}", "{\"usage\":{}}",
				"{\"created\":1741569952,\"object\":\"chat.completion.chunk\",\"x\":[true,false,null,-1.25e+10,0,\"s\"]}",
				"{\"id\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u00e9\\uD83D\\uDE00\\uDC00\"}",
				"{\"id\":\"é\\n你好😀\",\"model\":\"\\u4f60\"}", "{\"id\":\"\"}",
				"{\"error\":null,\"id\":\"a\"}".replace("\"error\":null,", ""),
				"{\"id\":\"a\"} trailing", "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}",
				"\t\r\n{\"id\"\t:\r\"a\"\n}", "{\"choices\":[{\"index\":123456789,\"delta\":{\"content\":\"big\"}}]}");
	}

	/** Well-formed chunks and messages with tool calls, reasoning and usage details, usual and odd. */
	private static List<String> toolCallAndReasoningShapes() {
		String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":";
		String tail = ",\"logprobs\":null,\"finish_reason\":null}]}";
		return List.of(
				head + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}],\"refusal\":null}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"lo\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"cation\\\": \\\"Par\\u00e9 \\\\\\\"\\n你好😀\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}},{\"index\":1,\"id\":\"call_2\","
						+ "\"function\":{\"name\":\"b\",\"arguments\":\"{\\\"x\\\":1}\"}}]}" + tail,
				head + "{\"content\":null,\"refusal\":\"I can't \\\"help\\\"\"}" + tail,
				head + "{\"refusal\":7,\"content\":null}" + tail,
				head + "{\"tool_calls\":null}" + tail, head + "{\"tool_calls\":{}}" + tail, head + "{\"tool_calls\":[]}" + tail,
				head + "{\"tool_calls\":\"call\"}" + tail, head + "{\"tool_calls\":[1,\"a\",null,[],{},true]}" + tail,
				head + "{\"tool_calls\":[{\"function\":\"f\"},{\"function\":[]},{\"function\":{}}]}" + tail,
				head + "{\"tool_calls\":[{\"function\":{\"name\":\"a\",\"arguments\":\"x\"},\"function\":{\"arguments\":\"y\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"id\":5,\"function\":{\"name\":{\"n\":1},\"arguments\":null}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0.0},{\"index\":1e0},{\"index\":\"0\"},{\"index\":-3},{\"index\":-0},"
						+ "{\"index\":123456789},{\"index\":null},{\"index\":2,\"index\":5}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"id\":\"a\"}],\"tool_calls\":[{\"index\":1,\"id\":\"b\"}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"id\":\"a\"}]},\"delta\":{\"content\":\"later delta wins\"}" + tail,
				"{\"choices\":[{\"index\":1,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"other choice\"}]}},"
						+ "{\"index\":0,\"delta\":{\"reasoning_content\":\"first choice\"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"kept\"}},{\"index\":3,\"delta\":{\"reasoning\":\"no\"}}]}",
				head + "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}" + tail,
				head + "{\"content\":null,\"reasoning_content\":\"Okay, the user \\\"asks\\\" \\u00e9 思考\"}" + tail,
				head + "{\"content\":\"\",\"reasoning_content\":null,\"reasoning\":\"r\"}" + tail,
				head + "{\"reasoning\":{\"text\":\"structured\"},\"reasoning_content\":7}" + tail,
				head + "{\"reasoning\":\"a\",\"reasoning_content\":\"b\",\"reasoning\":\"c\"}" + tail,
				head + "{\"content\":\"x\",\"audio\":{\"id\":\"a\",\"data\":\"AAA=\"},\"function_call\":{\"name\":\"legacy\"},"
						+ "\"annotations\":[{\"type\":\"url_citation\"}],\"obfuscation\":\"xyz\"}" + tail,
				"{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8,"
						+ "\"prompt_tokens_details\":{\"cached_tokens\":4,\"audio_tokens\":0},"
						+ "\"completion_tokens_details\":{\"reasoning_tokens\":2,\"audio_tokens\":0}}}",
				"{\"usage\":{\"prompt_tokens_details\":null,\"completion_tokens_details\":[1],\"prompt_tokens\":1}}",
				"{\"usage\":{\"prompt_tokens_details\":{},\"completion_tokens_details\":{\"reasoning_tokens\":\"2\"}}}",
				"{\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":1.5,\"x\":{\"y\":[]}},\"completion_tokens_details\":"
						+ "{\"reasoning_tokens\":1,\"reasoning_tokens\":null}}}",
				"{\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":3},\"prompt_tokens_details\":{\"audio_tokens\":1}}}",
				"{\"usage\":{\"completion_tokens_details\":{\"reasoning_tokens\":-4}}}",
				"{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
						+ "\"content\":null,\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\","
						+ "\"arguments\":\"{\\\"a\\\": 1}\"}},{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\","
						+ "\"arguments\":\"{}\"}}],\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],"
						+ "\"usage\":{\"prompt_tokens\":149,\"completion_tokens\":60,\"total_tokens\":209,"
						+ "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}",
				"{\"choices\":[{\"index\":0,\"message\":{\"content\":\"4\",\"reasoning_content\":\"2+2\"},\"delta\":{\"reasoning\":\"d\"}}]}",
				// the byte-matched shapes of a fragment's chunk, and near misses that the names decide
				head + "{\"tool_calls\":[{\"index\":7,\"function\":{\"arguments\":\"x\"}},{\"index\":123456789,"
						+ "\"function\":{\"arguments\":null}},{\"index\":3,\"function\":{\"arguments\":\"\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"},\"id\":\"late\"}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\",\"name\":\"n\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"} }]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"a\"},\"function\":{\"arguments\":\"b\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0 ,\"function\":{\"arguments\":\"x\"}}, {\"index\":-1,"
						+ "\"function\":{\"arguments\":\"y\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"}}],\"content\":\"c\","
						+ "\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"later wins\"}}]}" + tail,
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"}}]},\"index\":2" + tail,
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":null}},{\"index\":0,\"delta\":{\"tool_calls\":"
						+ "[{\"index\":0,\"function\":{\"arguments\":\"second\"}}]},\"finish_reason\":\"tool_calls\"}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]}}]}",
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"}}]},\"logprobs\":null,"
						+ "\"finish_reason\":\"tool_calls\"}]}",
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"}}]},\"logprobs\":null,"
						+ "\"finish_reason\":null,\"index\":4}]}",
				head + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"x\"}}]},\"logprobs\":null,"
						+ "\"finish_reason\":null},{\"index\":0,\"delta\":{\"content\":\"second first choice\"}}]}",
				"{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"\u00e3\\u00e9\"}}]}}]}");
	}

	private List<String> recordedChunks() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("openai-chat-stream-with-usage.sse")) {
			return dataLines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private static List<String> dataLines(String stream) {
		List<String> chunks = new ArrayList<>();
		for (String line : stream.split("\n")) {
			if (line.startsWith("data: {")) {
				chunks.add(line.substring("data: ".length()));
			}
		}
		return chunks;
	}

	private ParsedCompletion scan(String json, boolean delta) {
		ParsedCompletion parsed = assertSameAsJackson(json, delta, null, null);
		assertThat(parsed).as(json).isNotNull();
		return parsed;
	}

	private @Nullable ParsedCompletion assertSameAsJackson(String json, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		return assertSameAsJackson(utf8(json), delta, knownId, knownModel);
	}

	/** Scans; when the scanner answers, Jackson must answer the same. */
	private @Nullable ParsedCompletion assertSameAsJackson(byte[] bytes, boolean delta,
			@Nullable String knownId, @Nullable String knownModel) {
		// the scanner reads a range: pad the array so that reading past the range would show
		byte[] padded = new byte[bytes.length + 4];
		System.arraycopy(bytes, 0, padded, 2, bytes.length);
		padded[0] = '{';
		padded[1] = '"';
		padded[padded.length - 2] = '"';
		padded[padded.length - 1] = '}';
		ParsedCompletion scanned = ChunkScanner.read(padded, 2, bytes.length, delta, knownId, knownModel);
		if (scanned == null) {
			return null;
		}
		String input = new String(bytes, StandardCharsets.UTF_8);
		ParsedCompletion jackson;
		try {
			jackson = this.format.parseWithJackson(bytes, 0, bytes.length, delta, knownId, knownModel);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("the scanner read what Jackson rejects (" + ex.getMessage() + "): " + input, ex);
		}
		assertThat(scanned.id).as("id of %s", input).isEqualTo(jackson.id);
		assertThat(scanned.model).as("model of %s", input).isEqualTo(jackson.model);
		assertThat(scanned.content).as("content of %s", input).isEqualTo(jackson.content);
		assertThat(scanned.finishReason).as("finish reason of %s", input).isEqualTo(jackson.finishReason);
		assertThat(scanned.usage).as("usage of %s", input).isEqualTo(jackson.usage);
		assertThat(scanned.reasoning).as("reasoning of %s", input).isEqualTo(jackson.reasoning);
		assertThat(scanned.toolCalls).as("tool calls of %s", input).isEqualTo(jackson.toolCalls);
		assertThat(scanned.hasChoice).as("choice of %s", input).isEqualTo(jackson.hasChoice);
		assertThat(scanned.error).as("error of %s", input).isNull();
		assertThat(jackson.error).as("error of %s", input).isNull();
		return scanned;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
