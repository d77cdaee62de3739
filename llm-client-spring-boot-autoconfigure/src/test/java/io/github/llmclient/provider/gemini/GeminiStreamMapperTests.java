package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The Gemini stream mapper on recorded streams, event by event. */
class GeminiStreamMapperTests {

	private final GeminiStreamMapper mapper = new GeminiStreamMapper(GeminiFixtures.MAPPER);

	private List<ChatChunk> map(String fixture) {
		List<ChatChunk> chunks = new ArrayList<>();
		for (String line : GeminiFixtures.fixture(fixture).split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			assertThat(this.mapper.completeWhenClosed()).as("complete before the finish reason").isFalse();
			StreamEvent event = this.mapper.map(new SseEvent(SseEvent.DEFAULT_EVENT, line.getBytes(StandardCharsets.UTF_8), null));
			if (event instanceof StreamEvent.Chunk chunk) {
				chunks.add(chunk.chunk());
			}
		}
		return chunks;
	}

	@Test
	void cumulativeUsageIsDeliveredOnceWithTheLastFigures() {
		List<ChatChunk> chunks = map("reasoning.chunks.txt");

		assertThat(this.mapper.completeWhenClosed()).isTrue();
		assertThat(chunks).extracting(ChatChunk::usage).containsExactly(null, null, new Usage(9, 29 + 256, 294, 0, 256));
		assertThat(chunks.get(2).finishReason()).isEqualTo("stop");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.id()).isEqualTo("dX6LadKVC7SZ28oPr9yJoQs"));
		JsonNode replay = GeminiFixtures.MAPPER.readTree(chunks.get(2).replay().data()).path("parts");
		// the two text deltas joined into one unsigned part, then the empty part with only the signature
		assertThat(replay).hasSize(2);
		assertThat(replay.at("/0/text").stringValue()).isEqualTo(
				"There are **3** \"r\"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.");
		assertThat(replay.at("/1/text").stringValue()).isEmpty();
		assertThat(replay.at("/1/thoughtSignature").stringValue()).startsWith("Eo0HCooHAb4");
	}

	@Test
	void longRunsOfDeltasAreJoinedPerKindForReplay() {
		List<String> events = new ArrayList<>();
		events.add(part("{\"text\":\"a\",\"thought\":true}", null));
		events.add(part("{\"text\":\"b\",\"thought\":true}", null));
		for (int i = 0; i < 2000; i++) {
			events.add(part("{\"text\":\"w" + i + " \"}", null));
		}
		events.add(part("{\"text\":\"\",\"thoughtSignature\":\"c2ln\"}", "STOP"));
		StringBuilder text = new StringBuilder();
		ChatChunk last = null;
		for (String event : events) {
			StreamEvent mapped = this.mapper.map(new SseEvent(SseEvent.DEFAULT_EVENT, event.getBytes(StandardCharsets.UTF_8), null));
			if (mapped instanceof StreamEvent.Chunk chunk) {
				text.append(chunk.chunk().content());
				last = chunk.chunk();
			}
		}

		assertThat(last.finishReason()).isEqualTo("stop");
		JsonNode replay = GeminiFixtures.MAPPER.readTree(last.replay().data()).path("parts");
		// the thought deltas in one part, the text deltas in the next, then the signed empty part
		assertThat(replay).hasSize(3);
		assertThat(replay.at("/0/text").stringValue()).isEqualTo("ab");
		assertThat(replay.at("/0/thought").booleanValue()).isTrue();
		assertThat(replay.at("/1/text").stringValue()).isEqualTo(text.toString()).startsWith("w0 w1 ").endsWith("w1999 ");
		assertThat(replay.at("/2/thoughtSignature").stringValue()).isEqualTo("c2ln");
	}

	private static String part(String part, String finishReason) {
		return "{\"candidates\":[{\"content\":{\"parts\":[" + part + "],\"role\":\"model\"}"
				+ ((finishReason != null) ? ",\"finishReason\":\"" + finishReason + "\"" : "") + "}]}";
	}

	@Test
	void aStreamedCallArrivesWholeAndTheTurnFinishesWithToolCalls() {
		List<ChatChunk> chunks = map("tool-call-gemini3.chunks.txt");

		assertThat(chunks).hasSize(2);
		ToolCallDelta call = chunks.get(0).toolCalls().get(0);
		assertThat(call.index()).isZero();
		assertThat(call.name()).isEqualTo("weather");
		assertThat(call.argumentsDelta()).isEqualTo("{\"location\":\"San Francisco\"}");
		assertThat(call.id()).startsWith(GeminiCallIds.PREFIX);
		assertThat(chunks.get(1).finishReason()).isEqualTo("tool_calls");
		assertThat(chunks.get(1).usage()).isEqualTo(new Usage(29, 15 + 804, 848, 0, 804));
		JsonNode replay = GeminiFixtures.MAPPER.readTree(chunks.get(1).replay().data()).path("parts");
		assertThat(replay.at("/0/functionCall/name").stringValue()).isEqualTo("weather");
		assertThat(replay.at("/0/thoughtSignature").stringValue()).startsWith("EpEgCo4gAb4");
	}

	@Test
	void anErrorEventIsAnInStreamErrorWithItsStatus() {
		StreamEvent event = this.mapper.map(new SseEvent(SseEvent.DEFAULT_EVENT, GeminiFixtures.fixture("429-retry-info.json")
			.getBytes(StandardCharsets.UTF_8), null));

		assertThat(event).isInstanceOfSatisfying(StreamEvent.Error.class, (error) -> {
			ProviderError providerError = error.error();
			assertThat(providerError.type()).isEqualTo("RESOURCE_EXHAUSTED");
			assertThat(providerError.status()).isEqualTo(429);
			assertThat(providerError.retryAfter()).hasMillis(34_400);
			assertThat(providerError.retryable()).isNull();
		});
	}

}
