package io.github.llmclient.sse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event value: data compared without decoding, equality over the bytes, a readable toString. */
class SseEventTests {

	@Test
	void dataEqualsComparesEveryByteAndTheLength() {
		SseEvent done = event("[DONE]");
		assertThat(done.dataEquals("[DONE]")).isTrue();
		assertThat(done.dataEquals("[DONE")).isFalse();
		assertThat(done.dataEquals("[DONE]]")).isFalse();
		assertThat(done.dataEquals("[DONX]")).isFalse();
		assertThat(done.dataEquals("X DONE]")).isFalse();
		assertThat(event("").dataEquals("")).isTrue();
		assertThat(event("").dataEquals("x")).isFalse();
	}

	@Test
	void dataAsStringDecodesUtf8() {
		assertThat(event("{\"text\":\"héllo 世界\"}").dataAsString()).isEqualTo("{\"text\":\"héllo 世界\"}");
	}

	@Test
	void eventsWithTheSameTypeDataAndIdAreEqualAndHashAlike() {
		SseEvent one = new SseEvent("message", bytes("{\"a\":1}"), "7");
		SseEvent same = new SseEvent("message", bytes("{\"a\":1}"), "7");
		assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(one).isEqualTo(one);
		assertThat(new SseEvent("message", bytes("x"), null)).isEqualTo(new SseEvent("message", bytes("x"), null));
	}

	@Test
	void eventsDifferingInTypeDataOrIdAreNotEqual() {
		SseEvent one = new SseEvent("message", bytes("{\"a\":1}"), "7");
		assertThat(one).isNotEqualTo(new SseEvent("ping", bytes("{\"a\":1}"), "7"));
		assertThat(one).isNotEqualTo(new SseEvent("message", bytes("{\"a\":2}"), "7"));
		assertThat(one).isNotEqualTo(new SseEvent("message", bytes("{\"a\":1}"), "8"));
		assertThat(one).isNotEqualTo(new SseEvent("message", bytes("{\"a\":1}"), null));
		assertThat(one).isNotEqualTo("message");
		assertThat(one).isNotEqualTo(null);
		assertThat(one.hashCode()).isNotEqualTo(new SseEvent("ping", bytes("{\"a\":1}"), "7").hashCode());
		assertThat(one.hashCode()).isNotEqualTo(new SseEvent("message", bytes("{\"a\":2}"), "7").hashCode());
	}

	@Test
	void toStringShowsTypeIdAndDecodedData() {
		assertThat(new SseEvent("message_delta", bytes("{\"x\":\"é\"}"), "42"))
			.hasToString("SseEvent[event=message_delta, id=42, data={\"x\":\"é\"}]");
	}

	private static SseEvent event(String data) {
		return new SseEvent(SseEvent.DEFAULT_EVENT, bytes(data), null);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
