package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.json.JsonMutations;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a byte scanner can get wrong on Gemini's text events, held against the tree: escapes,
 * non-ASCII text, whitespace, numbers that are not natural {@code int}s, repeated names,
 * truncation, the reuse of the previous event's tail, and tens of thousands of corrupted events.
 * Whatever the byte path answers, the tree path must answer the same (chunks, usage, finish,
 * replay data, or the error).
 */
class GeminiTextScannerTests {

	private static final String HEAD = "{\"candidates\":[{\"content\":{\"parts\":[";

	private static String event(String parts, int candidatesTokens) {
		return HEAD + parts + "],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9,"
				+ "\"candidatesTokenCount\":" + candidatesTokens + ",\"totalTokenCount\":" + (9 + candidatesTokens)
				+ ",\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}],\"thoughtsTokenCount\":185},"
				+ "\"modelVersion\":\"gemini-3-pro-preview\",\"responseId\":\"bH6LaZW8Fp_3nsEPqtaSwQ4\"}";
	}

	private static String text(String json) {
		return event("{\"text\":\"" + json + "\"}", 5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a \\\"quoted\\\" \\\\ back\\/slash\\n\\r\\t\\b\\f", "\\u00e9\\u4f60\\ud83d\\ude00",
			"lone \\ud83d surrogate", "\\u0000 nul", "é 你好 😀 Ça va très bien", "" })
	void escapesAndNonAsciiTextReadAsTheTreeReadsThem(String json) {
		assertThat(fast(text(json))).isTrue();
		assertSameOnBothPaths(List.of(text(json), text("more " + json)));
	}

	@Test
	void whitespaceAnywhereIsReadAsTheTreeReadsIt() {
		String spaced = " {\n \"candidates\" : [ {\t\"content\":{ \"parts\" : [ { \"text\" : \"a\" , \"thought\" : false } ,"
				+ "{\"text\":\"b\"} ] , \"role\":\"model\" } , \"index\" : 0 } ] ,\r\n \"usageMetadata\" : { "
				+ "\"promptTokenCount\" : 9 , \"candidatesTokenCount\" : 7 } , \"responseId\" : \"r\" } \r\n ";
		assertThat(fast(spaced)).isTrue();
		assertSameOnBothPaths(List.of(spaced, spaced.replace("\"b\"", "\"c\""), text("d")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "9.0", "1e2", "9E0", "-1", "-0", "09", "1234567890", "12345678901234567890", "\"9\"",
			"null", "true", "[9]", "{}" })
	void countsThatAreNotNaturalIntsGoToTheTree(String count) {
		String json = event("{\"text\":\"a\"}", 5).replace("\"candidatesTokenCount\":5", "\"candidatesTokenCount\":" + count);
		assertThat(fast(json)).isFalse();
		assertSameOnBothPaths(List.of(event("{\"text\":\"x\"}", 4), json, event("{\"text\":\"y\"}", 6)));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\",\"thought\":true,\"thought\":false}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"parts\":[{\"text\":\"b\"}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":\"model\",\"role\":\"user\"}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"index\":0,\"index\":1}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"candidates\":[{\"content\":{\"parts\":[]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"usageMetadata\":{},\"usageMetadata\":{}}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"usageMetadata\":{\"promptTokenCount\":1,"
					+ "\"promptTokenCount\":2}}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"modelVersion\":\"m\",\"modelVersion\":\"n\"}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"responseId\":\"r\",\"responseId\":\"s\"}",
			"{\"candidates\":[{\"content\":{\"p\\u0061rts\":[{\"text\":\"a\"}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},7]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{}]}}]}", "{\"candidates\":[]}", "{\"candidates\":{}}",
			"{\"candidates\":[{\"content\":null}]}", "{\"usageMetadata\":{\"promptTokenCount\":1}}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"usageMetadata\":null}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":7}}]}" })
	void repeatedNamesAndOtherTypesGoToTheTree(String json) {
		assertThat(fast(json)).isFalse();
		assertSameOnBothPaths(List.of(text("x"), json));
	}

	@Test
	void namesTheScannerPassesOverMayRepeatAsInTheTree() {
		String json = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"x\":1,\"x\":[2,{\"y\":null}],"
				+ "\"usageMetadata\":{\"promptTokensDetails\":[],\"promptTokensDetails\":{\"z\":-1.5e3},"
				+ "\"promptTokenCount\":3,\"totalTokenCount\":4}}";
		assertThat(fast(json)).isTrue();
		assertSameOnBothPaths(List.of(json));
	}

	@Test
	void everyTruncationOfAnEventGoesToTheTreeAndFailsAsItDoes() {
		String json = event("{\"text\":\"Hé \\\"x\\\"\",\"thought\":true}", 5);
		GeminiTextEvent previous = new GeminiTextEvent(GeminiFixtures.MAPPER);
		byte[] whole = utf8(json);
		assertThat(previous.read(whole, 0, whole.length, null, null, null)).isTrue();
		for (int length = 0; length < whole.length; length++) {
			// after a whole event, so that its tail is kept: a truncated tail must not match it
			assertThat(previous.read(whole, 0, length, null, null, null)).as("%d bytes", length).isFalse();
			assertSameOnBothPaths(List.of(json, json.substring(0, length)));
		}
	}

	@Test
	void aTailWithOtherCountsIsReusedWithTheNewCounts() {
		GeminiTextEvent event = new GeminiTextEvent(GeminiFixtures.MAPPER);
		for (int count : new int[] { 5, 6, 6, 0, 123456789, 42 }) {
			byte[] bytes = utf8(event("{\"text\":\"t" + count + "\"}", count));
			assertThat(event.read(bytes, 0, bytes.length, null, null, null)).isTrue();
			assertThat(event.usage).isEqualTo(new Usage(9, count + 185, 9 + count, 0, 185));
			assertThat(event.texts).containsExactly("t" + count);
			assertThat(event.modelVersion).isEqualTo("gemini-3-pro-preview");
			assertThat(event.responseId).isEqualTo("bH6LaZW8Fp_3nsEPqtaSwQ4");
		}
	}

	@Test
	void tailsThatDifferInMoreThanTheirCountsAreReadAgain() {
		String usual = event("{\"text\":\"a\"}", 5);
		List<String> events = new ArrayList<>(List.of(usual));
		for (String[] change : new String[][] { { "\"candidatesTokenCount\":5", "\"candidatesTokenCount\":05" },
				{ "\"candidatesTokenCount\":5", "\"candidatesTokenCount\":5.5" },
				{ "\"candidatesTokenCount\":5", "\"candidatesTokenCount\":-5" },
				{ "\"candidatesTokenCount\":5", "\"candidatesTokenCount\":1234567890" },
				{ "\"candidatesTokenCount\":5", "\"candidatesTokenCount\":5e1" },
				{ "\"candidatesTokenCount\":5", "\"candidatesTokenCount\": 5" },
				{ "\"tokenCount\":9", "\"tokenCount\":10" }, { "gemini-3-pro-preview", "gemini-3-flash" },
				{ "bH6LaZW8Fp_3nsEPqtaSwQ4", "other" }, { "\"role\":\"model\"", "\"role\":\"user\"" },
				{ "\"index\":0", "\"index\":1" }, { ",\"thoughtsTokenCount\":185", "" },
				{ "\"thoughtsTokenCount\":185", "\"thoughtsTokenCount\":185,\"cachedContentTokenCount\":4" },
				{ "\"index\":0}]", "\"index\":0,\"finishReason\":\"STOP\"}]" },
				{ "\"bH6LaZW8Fp_3nsEPqtaSwQ4\"}", "\"bH6LaZW8Fp_3nsEPqtaSwQ4\"} x" },
				{ "\"bH6LaZW8Fp_3nsEPqtaSwQ4\"}", "\"bH6LaZW8Fp_3nsEPqtaSwQ4\",\"error\":{\"code\":500}}" } }) {
			events.add(usual.replace(change[0], change[1]));
			events.add(usual);
		}
		assertSameOnBothPaths(events);
	}

	@Test
	void vertexTailsWithoutCountsAreReused() {
		String vertex = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"%s\",\"thought\":true}]}}],"
				+ "\"usageMetadata\":{\"trafficType\":\"PROVISIONED_THROUGHPUT\"},\"modelVersion\":\"gemini-3-flash-preview\","
				+ "\"createTime\":\"2026-05-04T20:01:02.264968Z\",\"responseId\":\"_vr4aYiWEJnYodAPkujX0QM\"}";
		String usualStart = HEAD + "{\"text\":\"%s\"}],\"role\":\"model\"}}],\"usageMetadata\":{\"trafficType\":"
				+ "\"PROVISIONED_THROUGHPUT\"},\"modelVersion\":\"gemini-3-flash-preview\",\"createTime\":"
				+ "\"2026-05-04T20:01:02.264968Z\",\"responseId\":\"_vr4aYiWEJnYodAPkujX0QM\"}";
		List<String> events = List.of(vertex.formatted("a"), usualStart.formatted("b"), usualStart.formatted("c"),
				usualStart.formatted("d"), GeminiFixtures.fixture("vertex-thought-then-finish.chunks.txt").split("\n")[1]);
		for (String json : events.subList(0, 4)) {
			assertThat(fast(json)).isTrue();
		}
		List<String> chunks = assertSameOnBothPaths(events);
		assertThat(chunks.get(3)).startsWith("d|null|null|_vr4aYiWEJnYodAPkujX0QM|gemini-3-flash-preview");
	}

	@Test
	void aStricterParserTurnsTheScannerOff() {
		JsonMapper strict = JsonMapper.builder(JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build()).build();
		byte[] bytes = utf8(text("a"));
		assertThat(new GeminiTextEvent(strict).read(bytes, 0, bytes.length, null, null, null)).isFalse();
		assertThat(new GeminiTextEvent(GeminiFixtures.MAPPER).read(bytes, 0, bytes.length, null, null, null)).isTrue();
	}

	@Test
	void corruptedEventsNeverGiveAnAnswerTheTreeWouldNot() {
		List<String> seeds = new ArrayList<>(List.of(event("{\"text\":\"Hé \\\"x\\\" 你好\\n\"}", 5),
				event("{\"thought\":true,\"text\":\"think\"},{\"text\":\"a\\u00e9\"}", 12345),
				"{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"v\"}]}}],\"usageMetadata\":"
						+ "{\"trafficType\":\"PROVISIONED_THROUGHPUT\"},\"createTime\":\"2026-05-04T20:01:02Z\"}"));
		for (String fixture : List.of("text.chunks.txt", "reasoning.chunks.txt", "vertex-thought-then-finish.chunks.txt")) {
			for (String line : GeminiFixtures.fixture(fixture).split("\n")) {
				if (!line.isBlank()) {
					seeds.add(line.strip());
				}
			}
		}
		byte[] specials = utf8("{}[]\",:\\ \n\t0123456789-+.eEtfnu\u00e9\u4f60");
		Random random = new Random(20261207);
		int fast = 0;
		for (int i = 0; i < 20_000; i++) {
			String seed = seeds.get(random.nextInt(seeds.size()));
			byte[] bytes = utf8(seed);
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits; e++) {
				bytes = JsonMutations.mutate(bytes, random, specials);
			}
			// the seed first, so that its tail is kept and the variant's is compared with it
			GeminiStreamMapper onBytes = new GeminiStreamMapper(GeminiFixtures.MAPPER);
			GeminiStreamMapper onTrees = new GeminiStreamMapper(GeminiFixtures.MAPPER);
			GeminiTextEvent probe = new GeminiTextEvent(GeminiFixtures.MAPPER);
			byte[] seedBytes = utf8(seed);
			probe.read(seedBytes, 0, seedBytes.length, null, null, null);
			if (probe.read(bytes, 0, bytes.length, null, null, null)) {
				fast++;
			}
			List<String> byBytes = new ArrayList<>();
			List<String> byTrees = new ArrayList<>();
			for (byte[] data : List.of(seedBytes, bytes)) {
				byBytes.add(outcome(() -> onBytes.map(SseEvent.DEFAULT_EVENT, data, 0, data.length, null)));
				byTrees.add(outcome(() -> onTrees.map(new SseEvent(SseEvent.DEFAULT_EVENT, data, null))));
			}
			assertThat(byBytes).as(new String(bytes, StandardCharsets.UTF_8)).containsExactlyElementsOf(byTrees);
		}
		// the property is only worth something if the scanner answered for many of the variants
		assertThat(fast).isGreaterThan(2_000);
	}

	private static boolean fast(String json) {
		byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
		return new GeminiTextEvent(GeminiFixtures.MAPPER).read(bytes, 2, bytes.length - 4, null, null, null);
	}

	/** Maps the events on the byte path (fast where it can) and as trees; returns the outcomes as text. */
	private static List<String> assertSameOnBothPaths(List<String> events) {
		GeminiStreamMapper onBytes = new GeminiStreamMapper(GeminiFixtures.MAPPER);
		GeminiStreamMapper onTrees = new GeminiStreamMapper(GeminiFixtures.MAPPER);
		List<String> fast = new ArrayList<>();
		List<String> tree = new ArrayList<>();
		for (String event : events) {
			byte[] bytes = ("data: " + event + "\r\n").getBytes(StandardCharsets.UTF_8);
			fast.add(outcome(() -> onBytes.map(SseEvent.DEFAULT_EVENT, bytes, 6, bytes.length - 8, null)));
			tree.add(outcome(() -> onTrees.map(new SseEvent(SseEvent.DEFAULT_EVENT, utf8(event), null))));
			assertThat(onBytes.completeWhenClosed()).isEqualTo(onTrees.completeWhenClosed());
		}
		assertThat(fast).containsExactlyElementsOf(tree);
		return fast;
	}

	/** An event's outcome as text: the chunk (made-up call ids left out), or the failure's type. */
	private static String outcome(java.util.function.Supplier<StreamEvent> mapping) {
		StreamEvent event;
		try {
			event = mapping.get();
		}
		catch (RuntimeException ex) {
			return "failed: " + ex.getClass().getName();
		}
		return GeminiFixtures.describe(event);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
