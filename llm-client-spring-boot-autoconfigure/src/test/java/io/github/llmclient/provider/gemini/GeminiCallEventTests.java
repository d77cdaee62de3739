package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass reading of call events ({@link GeminiCallEvent}) against the tree: the stream
 * mapper gives the same chunks, arguments, ids, finish reasons and usage whichever path read an
 * event, and replay data byte for byte what the tree path wrote before parts were kept as text
 * (the reference below keeps the parts as trees in an {@code ArrayNode}, as the mapper did).
 */
class GeminiCallEventTests {

	private static final String USAGE = "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":5,"
			+ "\"totalTokenCount\":14,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}]}";

	private static final String TAIL = "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"";

	private static final String FINISH = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\","
			+ "\"thoughtSignature\":\"c2ln\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]," + USAGE + ","
			+ TAIL + "}";

	private static String event(String parts) {
		return "{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"},\"index\":0}]," + USAGE + ","
				+ TAIL + "}";
	}

	private static String call(String args) {
		return "{\"functionCall\":{\"name\":\"weather\",\"args\":" + args + "}}";
	}

	/**
	 * A mapper whose limits keep the byte scanner off (it reads 64 levels, and needs a parser that
	 * allows more): every event goes to the tree.
	 */
	private static final JsonMapper SCANNER_OFF = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
			.build())
		.build();

	private static final List<JsonMapper> MAPPERS = List.of(GeminiFixtures.MAPPER, SCANNER_OFF);

	/** Whether the event is read in one pass by the byte scanner (never when a stricter parser stands behind it). */
	private static boolean onePass(String json) {
		byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
		boolean scanned = new GeminiCallEvent(GeminiFixtures.MAPPER).read(bytes, 2, bytes.length - 4, null, null, null);
		assertThat(new GeminiCallEvent(SCANNER_OFF).read(bytes, 2, bytes.length - 4, null, null, null))
			.as("scanned before a stricter parser")
			.isFalse();
		// the event at the very end of the decoder's array
		byte[] exact = json.getBytes(StandardCharsets.UTF_8);
		assertThat(new GeminiCallEvent(GeminiFixtures.MAPPER).read(exact, 0, exact.length, null, null, null))
			.as("scanned at the array's end")
			.isEqualTo(scanned);
		return scanned;
	}

	@ParameterizedTest
	@ValueSource(strings = { "text.chunks.txt", "reasoning.chunks.txt", "vertex-thought-then-finish.chunks.txt",
			"empty-text-thought-signature.chunks.txt", "tool-call-gemini3.chunks.txt" })
	void recordedStreamsMapTheSameOnBothPathsAndReplayByteForByte(String fixture) {
		assertSameOnBothPaths(GeminiFixtures.events(fixture));
	}

	@Test
	void theRecordedSignedCallIsReadInOnePass() {
		String line = GeminiFixtures.fixture("tool-call-gemini3.chunks.txt").split("\n")[0].strip();
		assertThat(onePass(line)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// a signed call, parallel calls (only the first signed), a call with an id of its own or an empty one
			"{\"functionCall\":{\"name\":\"weather\",\"args\":{\"city\":\"Paris\"}},\"thoughtSignature\":\"c2ln\"},"
					+ "{\"functionCall\":{\"name\":\"time\",\"args\":{\"zone\":\"CET\"}}}",
			"{\"functionCall\":{\"id\":\"call-7\",\"name\":\"weather\",\"args\":{\"city\":\"Paris\"}}}",
			"{\"functionCall\":{\"id\":\"\",\"name\":\"weather\",\"args\":{}}}",
			// text and thoughts beside calls, a signature on the text
			"{\"text\":\"Let me check. \"},{\"functionCall\":{\"name\":\"weather\",\"args\":{\"city\":\"Paris\"}}}",
			"{\"thought\":true,\"text\":\"thinking\"},{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}}},{\"text\":\"x\"}",
			"{\"text\":\"signed\",\"thoughtSignature\":\"c2ln\"},{\"functionCall\":{\"name\":\"f\"}}",
			// arguments of every kind Jackson writes back unchanged
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"s\":\"São Paulo 😀 \\\"q\\\" \\\\ \\n\\t\\r\\b\\f /\",\"n\":-12,"
					+ "\"big\":123456789012345678901234567890,\"b\":true,\"c\":false,\"z\":null,\"o\":{\"a\":[1,{\"x\":[]},[]]},"
					+ "\"e\":{},\"a\":[]}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":null}}", "{\"functionCall\":{\"name\":\"f\"}}",
			// the same name in different objects, a part of another kind
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":{\"a\":1},\"b\":{\"a\":2}}}}",
			"{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBO\"}},{\"functionCall\":{\"name\":\"f\",\"args\":{}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1},\"willContinue\":false}}",
			// the usual call's shape with spaced arguments, with an escape Jackson writes in the name
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\": [1, 2],\n \"b\" : \"x y\"}}}",
			"{\"functionCall\":{\"name\":\"we\\\"ather\",\"args\":{\"a\":1}}}" })
	void callEventsOfEveryShapeAreReadInOnePassAndMapAsTheTreeDoes(String parts) {
		assertThat(onePass(event(parts))).isTrue();
		assertSameOnBothPaths(List.of(event(parts), FINISH));
		assertSameOnBothPaths(List.of(event("{\"text\":\"a\"}"), event(parts), event(parts), FINISH));
	}

	@Test
	void theApisSpacedJsonIsReadInOnePassAndWrittenCompactAsTheTreeWritesIt() {
		String spaced = "{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"weather\",\"args\": "
				+ "{\"city\": \"São Paulo\", \"days\" : [ 1, 2 ],\n \"q\": \"a \\\"b\\\"\"}},\"thoughtSignature\": \"c2ln\"}],"
				+ "\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,"
				+ "\"candidatesTokenCount\": 5,\"totalTokenCount\": 14},\"modelVersion\": \"gemini-2.5-flash\"}";
		assertThat(onePass(spaced)).isTrue();
		List<String> chunks = assertSameOnBothPaths(List.of(spaced));
		assertThat(chunks.get(0)).contains("{\"city\":\"São Paulo\",\"days\":[1,2],\"q\":\"a \\\"b\\\"\"}")
			.contains("tool_calls");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// numbers Jackson writes otherwise, escapes it writes otherwise, a repeated name (the tree keeps the last)
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"lat\":48.8566,\"n\":1e5}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":-0}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"s\":\"\\u00e9\"}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"s\":\"a\\/b\"}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1,\"a\":2}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"o\":{\"a\":1,\"b\":2,\"a\":3}}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{}},\"functionCall\":{\"name\":\"g\",\"args\":{}}}",
			"{\"functionCall\":{\"name\":\"f\",\"name\":\"g\",\"args\":{}}}",
			// arguments or names of another type, a thought that is not a boolean
			"{\"functionCall\":{\"name\":\"f\",\"args\":[1]}}", "{\"functionCall\":{\"name\":\"f\",\"args\":\"{}\"}}",
			"{\"functionCall\":{\"args\":{}}}", "{\"functionCall\":{\"name\":7,\"args\":{}}}",
			"{\"functionCall\":{\"name\":\"f\",\"id\":7,\"args\":{}}}",
			"{\"text\":\"a\",\"thought\":\"true\"},{\"functionCall\":{\"name\":\"f\",\"args\":{}}}",
			"{\"functionCall\":\"f\"}",
			// the usual call's shape but for a name or arguments Jackson writes otherwise
			"{\"functionCall\":{\"name\":\"\\u0066\",\"args\":{}}}",
			"{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1,\"a\":1}}}" })
	void anythingJacksonWouldWriteOtherwiseIsLeftToTheTree(String parts) {
		assertThat(onePass(event(parts))).isFalse();
		assertSameOnBothPaths(List.of(event(parts), FINISH));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"error\":{\"code\":500,\"message\":\"boom\",\"status\":\"INTERNAL\"}}",
			"{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", "{\"candidates\":[]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}},{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":{\"text\":\"a\"}}}]}",
			"{\"candidates\":[{\"finishReason\":7,\"content\":{\"parts\":[]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[]}}],\"usageMetadata\":{\"promptTokenCount\":\"9\"}}",
			"[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}]",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}}]} {}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}}]",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"s\":\"\u0001\"}}}]}}]}" })
	void eventsOfOtherShapesAreLeftToTheTree(String json) {
		assertThat(onePass(json)).isFalse();
	}

	@Test
	void anEventCutShortIsNotCompletedByTheBytesAfterIt() {
		byte[] bytes = event(call("{\"city\":\"Paris\"}")).getBytes(StandardCharsets.UTF_8);
		for (int cut = 1; cut < bytes.length; cut++) {
			// the decoder's array goes on after the event: the scanner must stop at the event's end
			assertThat(new GeminiCallEvent(GeminiFixtures.MAPPER).read(bytes, 0, bytes.length - cut, null, null, null))
				.as("cut by %d", cut)
				.isFalse();
		}
		assertThat(new GeminiCallEvent(GeminiFixtures.MAPPER).read(bytes, 0, bytes.length, null, null, null)).isTrue();
	}

	@Test
	void aCallEventWithItsFinishReasonFinishesTheTurn() {
		String event = "{\"candidates\":[{\"content\":{\"parts\":[" + call("{\"city\":\"Paris\"}")
				+ "],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0,\"safetyRatings\":[]}]," + USAGE + "," + TAIL
				+ "}";
		assertThat(onePass(event)).isTrue();
		List<String> chunks = assertSameOnBothPaths(List.of(event, event("{\"text\":\"late\"}")));
		assertThat(chunks.get(0)).contains("tool_calls").contains("{\"city\":\"Paris\"}");
	}

	@Test
	void aLongStreamOfParallelCallsGivesEveryCallAnIdOfItsOwnAndReplaysEveryPart() {
		List<String> events = new ArrayList<>();
		events.add(event(call("{\"city\":\"Rome\"}").replace("}}", "},\"thoughtSignature\":\"c2ln\"}")));
		for (int i = 0; i < 20_000; i++) {
			events.add(event(call("{\"city\":\"São Paulo\",\"n\":" + i + "}")));
		}
		events.add(FINISH);
		GeminiStreamMapper mapper = new GeminiStreamMapper(GeminiFixtures.MAPPER);
		Set<String> ids = new HashSet<>();
		int calls = 0;
		ReplayData replay = null;
		for (String event : events) {
			ChatChunk chunk = ((StreamEvent.Chunk) mapBytes(mapper, event)).chunk();
			for (ToolCallDelta call : chunk.toolCalls()) {
				assertThat(call.index()).isEqualTo(calls);
				assertThat(call.id()).matches("gemini-call-[0-9a-f]{18}");
				ids.add(call.id());
				if (calls > 0) {
					assertThat(call.argumentsDelta()).isEqualTo("{\"city\":\"São Paulo\",\"n\":" + (calls - 1) + "}");
				}
				calls++;
			}
			replay = (chunk.replay() != null) ? chunk.replay() : replay;
		}
		assertThat(ids).hasSize(20_001);
		assertThat(replay.data()).isEqualTo(referenceReplay(events));
		assertThat(GeminiFixtures.MAPPER.readTree(replay.data()).path("parts")).hasSize(20_002);
	}

	@Test
	void callEventsShareTheTextEventsTailAndItsCountsFollowEachEvent() {
		List<String> events = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String parts = (i % 3 == 0) ? "{\"text\":\"t" + i + "\"}" : call("{\"n\":" + i + "}");
			String usage = "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":" + (i * 7)
					+ ",\"totalTokenCount\":" + (9 + i * 7) + "}";
			// the tail changes beside its counts now and then: another model, a field the usual tail lacks
			String model = (i % 10 == 9) ? "\"modelVersion\":\"gemini-3-pro\"" : "\"modelVersion\":\"gemini-2.5-flash\"";
			String extra = (i % 13 == 12) ? ",\"safetyRatings\":[]" : "";
			events.add("{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"},\"index\":0"
					+ extra + "}]," + usage + "," + model + ",\"responseId\":\"r1\"}");
		}
		events.add(FINISH);
		assertSameOnBothPaths(events);
		// one reader for the stream, as the mapper has: each event's own figures, never the kept tail's
		GeminiCallEvent reader = new GeminiCallEvent(GeminiFixtures.MAPPER);
		for (String event : events) {
			byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
			assertThat(reader.read(bytes, 0, bytes.length, null, null, null)).as(event).isTrue();
			JsonNode tree = GeminiFixtures.MAPPER.readTree(bytes);
			assertThat(reader.usage).as(event).isEqualTo(GeminiResponses.usage(tree.path("usageMetadata")));
			assertThat(reader.modelVersion).isEqualTo(tree.path("modelVersion").stringValue());
			assertThat(reader.responseId).isEqualTo("r1");
		}
	}

	@Test
	void madeUpIdsOfOneAnswerCountUpFromRandomAndThoseOfTwoAnswersDiffer() {
		GeminiCallIds.Sequence first = new GeminiCallIds.Sequence();
		GeminiCallIds.Sequence second = new GeminiCallIds.Sequence();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 50_000; i++) {
			String id = first.next();
			assertThat(id).matches("gemini-call-[0-9a-f]{18}");
			assertThat(GeminiCallIds.isMadeUp(id)).isTrue();
			ids.add(id);
			ids.add(second.next());
		}
		assertThat(ids).hasSize(100_000);
	}

	/**
	 * Maps the events on the byte path (one pass where the byte scanner can, and with it kept off)
	 * and as trees; returns the chunks as text.
	 */
	private static List<String> assertSameOnBothPaths(List<String> events) {
		List<String> chunks = null;
		for (JsonMapper mapper : MAPPERS) {
			chunks = assertSameOnBothPaths(events, mapper);
		}
		return chunks;
	}

	private static List<String> assertSameOnBothPaths(List<String> events, JsonMapper mapper) {
		GeminiStreamMapper onBytes = new GeminiStreamMapper(mapper);
		GeminiStreamMapper onTrees = new GeminiStreamMapper(GeminiFixtures.MAPPER);
		List<String> fast = new ArrayList<>();
		List<String> tree = new ArrayList<>();
		String replay = null;
		for (String event : events) {
			StreamEvent mapped = mapBytes(onBytes, event);
			fast.add(GeminiFixtures.describe(mapped));
			tree.add(GeminiFixtures.describe(onTrees.map(new SseEvent(SseEvent.DEFAULT_EVENT, event.getBytes(StandardCharsets.UTF_8),
					null))));
			assertThat(onBytes.completeWhenClosed()).isEqualTo(onTrees.completeWhenClosed());
			if (mapped instanceof StreamEvent.Chunk chunk && chunk.chunk().replay() != null) {
				replay = chunk.chunk().replay().data();
			}
		}
		assertThat(fast).containsExactlyElementsOf(tree);
		assertThat(replay).isEqualTo(referenceReplay(events));
		return fast;
	}

	/** Maps an event on the byte path, the event in the middle of the array or at its very end, by turns. */
	private static StreamEvent mapBytes(GeminiStreamMapper mapper, String event) {
		if ((++mapped & 1) == 0) {
			byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
			return mapper.map(SseEvent.DEFAULT_EVENT, bytes, 0, bytes.length, null);
		}
		byte[] bytes = ("data: " + event + "\r\n").getBytes(StandardCharsets.UTF_8);
		return mapper.map(SseEvent.DEFAULT_EVENT, bytes, 6, bytes.length - 8, null);
	}

	private static int mapped;

	/**
	 * The replay data as the mapper wrote it when it kept every part as a tree: the parts of the
	 * events up to the finishing one in an {@code ArrayNode}, consecutive unsigned text parts of
	 * the same kind joined, written by {@link GeminiResponseReader#replay}; null when no part was signed.
	 */
	private static String referenceReplay(List<String> events) {
		ArrayNode parts = GeminiFixtures.MAPPER.createArrayNode();
		ObjectNode pending = null;
		StringBuilder pendingText = null;
		boolean signed = false;
		for (String event : events) {
			JsonNode root;
			try {
				root = GeminiFixtures.MAPPER.readTree(event);
			}
			catch (RuntimeException ex) {
				return null;
			}
			if (root.isArray() && root.size() == 1) {
				root = root.get(0);
			}
			JsonNode candidate = root.path("candidates").path(0);
			for (JsonNode part : candidate.path("content").path("parts")) {
				boolean hasSignature = part.has("thoughtSignature");
				signed |= hasSignature;
				boolean plain = !hasSignature && part.path("text").isString() && onlyTextAndThought(part);
				boolean thought = part.path("thought").asBoolean(false);
				if (plain && pending != null && pending.path("thought").asBoolean(false) == thought) {
					pendingText.append(part.path("text").stringValue());
					continue;
				}
				if (pending != null) {
					pending.put("text", pendingText.toString());
					pending = null;
				}
				parts.add(part);
				if (plain) {
					pending = (ObjectNode) part;
					pendingText = new StringBuilder(part.path("text").stringValue());
				}
			}
			if (candidate.path("finishReason").isString() || root.path("promptFeedback").path("blockReason").isString()) {
				break;
			}
		}
		if (pending != null) {
			pending.put("text", pendingText.toString());
		}
		return signed ? GeminiResponseReader.replay(GeminiFixtures.MAPPER, parts).data() : null;
	}

	private static boolean onlyTextAndThought(JsonNode part) {
		for (String name : part.propertyNames()) {
			if (!name.equals("text") && !name.equals("thought")) {
				return false;
			}
		}
		return true;
	}

}
