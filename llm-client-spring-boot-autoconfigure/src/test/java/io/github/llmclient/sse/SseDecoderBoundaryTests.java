package io.github.llmclient.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The decoder at its edges: the size limit to the byte, the largest reconnection time, event types
 * that repeat and alternate, buffers of every size, bytes that only start a byte-order mark, and
 * a caller's array read only within the range given.
 */
class SseDecoderBoundaryTests {

	@Test
	void eachEventCarriesItsOwnTypeWhenTypesRepeatAndAlternate() {
		String stream = "event: a\ndata: 1\n\nevent: b\ndata: 2\n\nevent: b\ndata: 3\n\nevent: a\ndata: 4\n\n"
				+ "event:\ndata: 5\n\ndata: 6\n\nevent: a\ndata: 7\n\n";
		List<String> expected = List.of("a:1", "b:2", "b:3", "a:4", "message:5", "message:6", "a:7");
		byte[] bytes = bytes(stream);
		for (int split = 0; split <= bytes.length; split++) {
			SseDecoder decoder = new SseDecoder();
			List<String> seen = new ArrayList<>();
			decoder.feed(bytes, 0, split, (event) -> seen.add(event.event() + ":" + event.dataAsString()));
			decoder.feed(bytes, split, bytes.length - split,
					(event) -> seen.add(event.event() + ":" + event.dataAsString()));
			assertThat(seen).as("split at %d", split).isEqualTo(expected);
		}
	}

	@Test
	void reconnectionTimeTakesEveryDigitUpToTheLargestLongAndIgnoresAnythingElse() {
		assertThat(reconnectionTime("retry: 0\n")).isZero();
		assertThat(reconnectionTime("retry: 9\n")).isEqualTo(9);
		assertThat(reconnectionTime("retry: 1234567890\n")).isEqualTo(1234567890L);
		assertThat(reconnectionTime("retry: 9223372036854775807\n")).isEqualTo(Long.MAX_VALUE);
		// too large for a long, or not only digits: ignored, the earlier value stays
		assertThat(reconnectionTime("retry: 5\nretry: 9223372036854775808\n")).isEqualTo(5);
		assertThat(reconnectionTime("retry: 5\nretry: 9223372036854775810\n")).isEqualTo(5);
		assertThat(reconnectionTime("retry: 5\nretry: 92233720368547758070\n")).isEqualTo(5);
		assertThat(reconnectionTime("retry: 5\nretry: 1/\n")).isEqualTo(5);
		assertThat(reconnectionTime("retry: 5\nretry: 1:\n")).isEqualTo(5);
		assertThat(reconnectionTime("retry: 5\nretry:\n")).isEqualTo(5);
		assertThat(reconnectionTime("retry: 5\nretry: -1\n")).isEqualTo(5);
		assertThat(reconnectionTime("data: x\n\n")).isEqualTo(-1);
	}

	@Test
	void aLineOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() {
		int limit = SseDecoder.MAX_EVENT_SIZE;
		byte[] start = bytes("data: ");
		byte[] rest = new byte[limit - start.length];
		Arrays.fill(rest, (byte) 'x');
		byte[] end = bytes("\n\n");

		SseDecoder decoder = new SseDecoder();
		List<SseEvent> events = new ArrayList<>();
		// in pieces, so the whole line is held by the decoder
		decoder.feed(start, 0, start.length, events::add);
		decoder.feed(rest, 0, rest.length, events::add);
		decoder.feed(end, 0, end.length, events::add);
		assertThat(events).singleElement().satisfies((event) -> assertThat(event.data()).hasSize(rest.length));

		SseDecoder over = new SseDecoder();
		over.feed(start, 0, start.length, (event) -> {
		});
		over.feed(rest, 0, rest.length, (event) -> {
		});
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> over.feed(bytes("x\n\n"), 0, 3, (event) -> {
			}))
			.withMessage("A line or event of the event stream exceeds the limit of " + limit + " bytes");
	}

	@Test
	void aShortLineHeldAcrossBuffersReadsNothingOfTheLongerLineBeforeIt() {
		// Both lines pass through the decoder's line buffer; the second is shorter than the first,
		// whose bytes (a space after the colon) are still in the buffer past the second's end.
		SseDecoder decoder = new SseDecoder();
		List<String> seen = new ArrayList<>();
		for (String piece : List.of("da", "ta:  x\n\n", "da", "ta:\n\n", "da", "ta\n\n")) {
			byte[] bytes = bytes(piece);
			decoder.feed(bytes, 0, bytes.length, (event) -> seen.add(event.dataAsString()));
		}
		assertThat(seen).containsExactly(" x", "", "");
	}

	@Test
	void decodesDataBuffersOfEverySizeTheNetworkDelivers() {
		StringBuilder stream = new StringBuilder();
		List<String> expected = new ArrayList<>();
		for (int n = 0; n < 2000; n++) {
			String data = "{\"n\":" + n + ",\"text\":\"" + "é".repeat(n % 50) + "\"}";
			stream.append("event: delta\ndata: ").append(data).append("\n\n");
			expected.add(data);
		}
		byte[] all = bytes(stream.toString());
		// small, growing past the kept scratch array's sizes, larger than it keeps, and small again
		int[] sizes = { 1, 100, 257, 1000, 5000, 70_000, 300, 3 };
		List<DataBuffer> buffers = new ArrayList<>();
		int offset = 0;
		for (int n = 0; offset < all.length; n++) {
			int size = Math.min(sizes[n % sizes.length], all.length - offset);
			buffers.add(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(all, offset, offset + size)));
			offset += size;
		}
		StepVerifier.create(SseDecoder.decode(Flux.fromIterable(buffers)).map(SseEvent::dataAsString))
			.expectNextSequence(expected)
			.verifyComplete();
	}

	@Test
	void bytesThatOnlyStartAByteOrderMarkStayPartOfTheFirstLine() {
		// "\xEF\xBBdata: y" is a field named "\xEF\xBBdata", unknown and ignored: no event "y"
		byte[] stream = concat(new byte[] { (byte) 0xEF, (byte) 0xBB }, bytes("data: y\n\ndata: z\n\n"));
		for (int split = 0; split <= stream.length; split++) {
			SseDecoder decoder = new SseDecoder();
			List<String> seen = new ArrayList<>();
			decoder.feed(stream, 0, split, (event) -> seen.add(event.dataAsString()));
			decoder.feed(stream, split, stream.length - split, (event) -> seen.add(event.dataAsString()));
			assertThat(seen).as("split at %d", split).containsExactly("z");
		}
	}

	@Test
	void readsOnlyTheRangeOfTheArrayItIsGiven() {
		byte[] before = bytes("\ndata: outside\n\n");
		byte[] inside = concat(new byte[] { (byte) 0xEF, (byte) 0xBB }, bytes("\ndata: y\n\n"));
		byte[] array = concat(concat(before, inside), bytes("data: after\n\n"));
		SseDecoder decoder = new SseDecoder();
		List<String> seen = new ArrayList<>();
		decoder.feed(array, before.length, inside.length, (event) -> seen.add(event.dataAsString()));
		assertThat(seen).containsExactly("y");
	}

	private static long reconnectionTime(String stream) {
		SseDecoder decoder = new SseDecoder();
		byte[] bytes = bytes(stream);
		decoder.feed(bytes, 0, bytes.length, (event) -> {
		});
		return decoder.reconnectionTime();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(first);
		out.writeBytes(second);
		return out.toByteArray();
	}

}
