package io.github.llmclient.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.llmclient.chat.Usage;
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
			OpenAiWireFormat.Parsed scanned = assertSameAsJackson(chunk, true, knownId, "gpt-4o-2024-08-06");
			assertThat(scanned).as("fast path for %s", chunk).isNotNull();
			knownId = ID;
		}
	}

	@Test
	void readsTheFieldsOfAChunk() {
		OpenAiWireFormat.Parsed parsed = scan("{\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
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
	void returnsTheKnownIdAndModelInstances() {
		String knownId = new String("chatcmpl-1");
		String knownModel = new String("gpt-é");
		OpenAiWireFormat.Parsed parsed = ChunkScanner.read(
				utf8("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-é\",\"choices\":[]}"), 0,
				utf8("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-é\",\"choices\":[]}").length, true, knownId, knownModel);
		assertThat(parsed).isNotNull();
		assertThat(parsed.id).isSameAs(knownId);
		assertThat(parsed.model).isSameAs(knownModel);
	}

	@Test
	void readsEveryShapeAsJacksonDoes() {
		for (String json : shapes()) {
			assertSameAsJackson(json, true, null, null);
			assertSameAsJackson(json, false, null, null);
		}
	}

	@Test
	void takesTheFastPathForWellFormedShapes() {
		for (String json : shapes()) {
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
				"{\"choices\":[1]}", "{\"choices\":[{\"index\":12345678901}]}", "\uFEFF{\"id\":\"a\"}");
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
		byte[] specials = utf8("{}[]\",:\\ \n\t0123456789-+.eEtfnu\u00e9\u4f60");
		Random random = new Random(20261125);
		int scanned = 0;
		for (int i = 0; i < 30_000; i++) {
			byte[] bytes = utf8(seeds.get(random.nextInt(seeds.size())));
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits; e++) {
				bytes = mutate(bytes, random, specials);
			}
			if (assertSameAsJackson(bytes, random.nextBoolean(), null, null) != null) {
				scanned++;
			}
		}
		// the property is only worth something if the scanner answered for many of the variants
		assertThat(scanned).isGreaterThan(3_000);
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
		OpenAiWireFormat.Parsed parsed = ChunkScanner.read(bytes, 0, bytes.length, true, null, null);
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

	private static byte[] mutate(byte[] bytes, Random random, byte[] specials) {
		if (bytes.length == 0) {
			return new byte[] { specials[random.nextInt(specials.length)] };
		}
		int at = random.nextInt(bytes.length);
		byte value = (random.nextInt(4) == 0) ? (byte) random.nextInt(256) : specials[random.nextInt(specials.length)];
		return switch (random.nextInt(4)) {
			case 0 -> {
				byte[] copy = bytes.clone();
				copy[at] = value;
				yield copy;
			}
			case 1 -> {
				byte[] copy = new byte[bytes.length + 1];
				System.arraycopy(bytes, 0, copy, 0, at);
				copy[at] = value;
				System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
				yield copy;
			}
			case 2 -> {
				byte[] copy = new byte[bytes.length - 1];
				System.arraycopy(bytes, 0, copy, 0, at);
				System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
				yield copy;
			}
			default -> java.util.Arrays.copyOf(bytes, at);
		};
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

	private List<String> recordedChunks() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("openai-chat-stream-with-usage.sse")) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			List<String> chunks = new ArrayList<>();
			for (String line : text.split("\n")) {
				if (line.startsWith("data: {")) {
					chunks.add(line.substring("data: ".length()));
				}
			}
			return chunks;
		}
	}

	private OpenAiWireFormat.Parsed scan(String json, boolean delta) {
		OpenAiWireFormat.Parsed parsed = assertSameAsJackson(json, delta, null, null);
		assertThat(parsed).as(json).isNotNull();
		return parsed;
	}

	private OpenAiWireFormat.@Nullable Parsed assertSameAsJackson(String json, boolean delta, @Nullable String knownId,
			@Nullable String knownModel) {
		return assertSameAsJackson(utf8(json), delta, knownId, knownModel);
	}

	/** Scans; when the scanner answers, Jackson must answer the same. */
	private OpenAiWireFormat.@Nullable Parsed assertSameAsJackson(byte[] bytes, boolean delta,
			@Nullable String knownId, @Nullable String knownModel) {
		// the scanner reads a range: pad the array so that reading past the range would show
		byte[] padded = new byte[bytes.length + 4];
		System.arraycopy(bytes, 0, padded, 2, bytes.length);
		padded[0] = '{';
		padded[1] = '"';
		padded[padded.length - 2] = '"';
		padded[padded.length - 1] = '}';
		OpenAiWireFormat.Parsed scanned = ChunkScanner.read(padded, 2, bytes.length, delta, knownId, knownModel);
		if (scanned == null) {
			return null;
		}
		String input = new String(bytes, StandardCharsets.UTF_8);
		OpenAiWireFormat.Parsed jackson;
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
		assertThat(scanned.hasChoice).as("choice of %s", input).isEqualTo(jackson.hasChoice);
		assertThat(scanned.error).as("error of %s", input).isNull();
		assertThat(jackson.error).as("error of %s", input).isNull();
		return scanned;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
