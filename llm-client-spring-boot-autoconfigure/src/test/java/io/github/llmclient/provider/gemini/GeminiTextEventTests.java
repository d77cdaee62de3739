package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass reading of Gemini's usual text event against the tree: the stream mapper gives the
 * same chunks, usage, finish reasons, errors and replay data whichever path read an event, and the
 * fast path takes exactly the usual shape.
 */
class GeminiTextEventTests {

	private static final String USAGE = "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":5,"
			+ "\"totalTokenCount\":14,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}]}";

	private static final String TAIL = "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"";

	private static String event(String parts) {
		return "{\"candidates\":[{\"content\":{\"parts\":[" + parts + "],\"role\":\"model\"},\"index\":0}]," + USAGE
				+ "," + TAIL + "}";
	}

	private static boolean fast(String json) {
		byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
		return new GeminiTextEvent(GeminiFixtures.MAPPER).read(bytes, 2, bytes.length - 4, null, null, null);
	}

	@Test
	void theUsualTextDeltaIsReadInOnePassWithItsUsageIdAndModel() {
		GeminiTextEvent event = new GeminiTextEvent(GeminiFixtures.MAPPER);
		byte[] bytes = event("{\"text\":\"Hel\"},{\"thought\":true,\"text\":\"lo \\u00e9\"}")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(event.read(bytes, 0, bytes.length, null, null, null)).isTrue();
		assertThat(event.texts).containsExactly("Hel", "lo é");
		assertThat(event.thoughts).containsExactly(null, true);
		assertThat(event.usage).isEqualTo(new Usage(9, 5, 14, 0, 0));
		assertThat(event.responseId).isEqualTo("r1");
		assertThat(event.modelVersion).isEqualTo("gemini-2.5-flash");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// a finish reason, a signature, a call, an error, a blocked prompt, two candidates
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"c2ln\"}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}}]}",
			"{\"error\":{\"code\":500,\"message\":\"boom\",\"status\":\"INTERNAL\"}}",
			"{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}},{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}",
			// a repeated name, a field of another type, an array around the event, malformed JSON
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\",\"text\":\"b\"}]}}]}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"responseId\":7}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}],\"usageMetadata\":{\"promptTokenCount\":\"9\"}}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\",\"thought\":\"yes\"}]}}]}",
			"[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}]",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]} {}",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]",
			"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]} trailing" })
	void anyOtherShapeIsLeftToTheTree(String json) {
		assertThat(fast(json)).isFalse();
	}

	@Test
	void textWithoutUsageOrWithVertexFieldsIsStillTheUsualShape() {
		assertThat(fast("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"a\"}]}}],"
				+ "\"usageMetadata\":{\"trafficType\":\"PROVISIONED_THROUGHPUT\"},\"createTime\":\"2026-05-04T20:01:02Z\"}"))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text.chunks.txt", "reasoning.chunks.txt", "vertex-thought-then-finish.chunks.txt",
			"empty-text-thought-signature.chunks.txt", "tool-call-gemini3.chunks.txt" })
	void recordedStreamsMapTheSameOnBothPaths(String fixture) {
		assertSameOnBothPaths(GeminiFixtures.events(fixture));
	}

	@Test
	void mixedDeltasMapTheSameOnBothPaths() {
		List<String> events = List.of(event("{\"thought\":true,\"text\":\"think \"}"),
				event("{\"text\":\"more\",\"thought\":true}"), event("{\"text\":\"\"}"),
				event("{\"text\":\"Hello\",\"thought\":false}"), event("{\"text\":\" wor\"},{\"text\":\"ld\"}"),
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}],\"role\":\"model\"},\"index\":0}],"
						+ "\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":7,\"thoughtsTokenCount\":3,"
						+ "\"cachedContentTokenCount\":4,\"totalTokenCount\":19},\"responseId\":\"r1\"}",
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\",\"thoughtSignature\":\"c2ln\"}],\"role\":\"model\"},"
						+ "\"finishReason\":\"STOP\",\"index\":0}]," + USAGE + "," + TAIL + "}",
				event("{\"text\":\"late\"}"),
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]}}],\"usageMetadata\":{\"promptTokenCount\":9,"
						+ "\"candidatesTokenCount\":8,\"totalTokenCount\":17}}");
		List<String> fast = assertSameOnBothPaths(events);
		// the late text is still delivered, and the late figures once
		assertThat(fast).anyMatch((chunk) -> chunk.contains("late"));
		assertThat(fast.get(fast.size() - 1)).contains("Usage[inputTokens=9, outputTokens=8, totalTokens=17");
	}

	/** Maps the events on the byte path (fast where it can) and as trees; returns the chunks as text. */
	private static List<String> assertSameOnBothPaths(List<String> events) {
		GeminiStreamMapper onBytes = new GeminiStreamMapper(GeminiFixtures.MAPPER);
		GeminiStreamMapper onTrees = new GeminiStreamMapper(GeminiFixtures.MAPPER);
		List<String> fast = new ArrayList<>();
		List<String> tree = new ArrayList<>();
		for (String event : events) {
			byte[] bytes = ("data: " + event + "\r\n").getBytes(StandardCharsets.UTF_8);
			fast.add(GeminiFixtures.describe(onBytes.map(SseEvent.DEFAULT_EVENT, bytes, 6, bytes.length - 8, null)));
			tree.add(GeminiFixtures.describe(onTrees.map(new SseEvent(SseEvent.DEFAULT_EVENT, event.getBytes(StandardCharsets.UTF_8),
					null))));
			assertThat(onBytes.completeWhenClosed()).isEqualTo(onTrees.completeWhenClosed());
		}
		assertThat(fast).containsExactlyElementsOf(tree);
		return fast;
	}

}
