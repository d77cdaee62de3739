package io.github.llmclient.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WHATWG event-stream rules, checked on a stream that mixes every line end, field and
 * multi-byte character, fed whole, split at every byte position, byte by byte and in random
 * pieces, through every entry point of the decoder.
 */
class SseDecoderEdgeCaseTests {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final String STREAM = ": keep-alive comment\r\n"
			+ "event: greet\r\n"
			+ "data: héllo\r\n"
			+ "data: wörld 你好\r\n"
			+ "\r\n"
			+ "id: 7\r"
			+ "data:first\r"
			+ "\r"
			+ "retry: 1500\n"
			+ "data\n"
			+ "\n"
			+ "event: dropped-without-data\n"
			+ "\n"
			+ "data: after\n\n"
			+ "id: a\u0000b\n"
			+ "data:  two spaces\n"
			+ "unknown: field\n"
			+ "retry: 15x\n"
			+ "\n"
			+ "id\n"
			+ "data: \uD83C\uDF89 emoji\r\n"
			+ "data: {\"json\":\"line\"}\r\n\r\n"
			+ "data: tail without a blank line";

	private static final List<SseEvent> EXPECTED = List.of(event("greet", "héllo\nwörld 你好", null),
			event("message", "first", "7"), event("message", "", "7"), event("message", "after", "7"),
			event("message", " two spaces", "7"), event("message", "\uD83C\uDF89 emoji\n{\"json\":\"line\"}", ""));

	@Test
	void decodesWholeStream() {
		SseDecoder decoder = new SseDecoder();
		assertThat(feed(decoder, List.of(bytes()))).containsExactlyElementsOf(EXPECTED);
		assertThat(decoder.reconnectionTime()).isEqualTo(1500);
	}

	@Test
	void decodesStreamSplitAtEveryBytePosition() {
		byte[] all = bytes();
		for (int split = 0; split <= all.length; split++) {
			List<byte[]> pieces = List.of(Arrays.copyOfRange(all, 0, split), Arrays.copyOfRange(all, split, all.length));
			assertThat(feed(new SseDecoder(), pieces)).as("split at %d", split).containsExactlyElementsOf(EXPECTED);
			assertThat(feedHandler(new SseDecoder(), pieces)).as("split at %d", split)
				.containsExactlyElementsOf(EXPECTED);
		}
	}

	@Test
	void decodesStreamSplitAtEveryPairOfPositions() {
		byte[] all = bytes();
		for (int first = 0; first <= all.length; first += 3) {
			for (int second = first; second <= all.length; second++) {
				List<byte[]> pieces = List.of(Arrays.copyOfRange(all, 0, first), Arrays.copyOfRange(all, first, second),
						Arrays.copyOfRange(all, second, all.length));
				assertThat(feedHandler(new SseDecoder(), pieces)).as("split at %d and %d", first, second)
					.containsExactlyElementsOf(EXPECTED);
			}
		}
	}

	@Test
	void decodesStreamByteByByte() {
		byte[] all = bytes();
		List<byte[]> pieces = new ArrayList<>();
		for (byte b : all) {
			pieces.add(new byte[] { b });
		}
		assertThat(feed(new SseDecoder(), pieces)).containsExactlyElementsOf(EXPECTED);
		assertThat(feedHandler(new SseDecoder(), pieces)).containsExactlyElementsOf(EXPECTED);
	}

	@Test
	void decodesStreamInRandomPieces() {
		byte[] all = bytes();
		Random random = new Random(42);
		for (int round = 0; round < 500; round++) {
			List<byte[]> pieces = new ArrayList<>();
			for (int offset = 0; offset < all.length;) {
				int length = Math.min(all.length - offset, random.nextInt(40));
				pieces.add(Arrays.copyOfRange(all, offset, offset + length));
				offset += length;
			}
			assertThat(feedHandler(new SseDecoder(), pieces)).as("round %d", round).containsExactlyElementsOf(EXPECTED);
		}
	}

	@Test
	void decodesBuffersOfAFlux() {
		byte[] all = bytes();
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		List<DataBuffer> buffers = new ArrayList<>();
		for (int offset = 0; offset < all.length; offset += 7) {
			buffers.add(factory.wrap(Arrays.copyOfRange(all, offset, Math.min(all.length, offset + 7))));
		}
		StepVerifier.create(SseDecoder.decode(Flux.fromIterable(buffers)))
			.expectNextSequence(EXPECTED)
			.verifyComplete();
	}

	@Test
	void decodesDataBuffersThroughTheHandler() {
		byte[] all = bytes();
		SseDecoder decoder = new SseDecoder();
		List<SseEvent> events = new ArrayList<>();
		for (int offset = 0; offset < all.length; offset += 5) {
			DataBuffer buffer = DefaultDataBufferFactory.sharedInstance
				.wrap(Arrays.copyOfRange(all, offset, Math.min(all.length, offset + 5)));
			decoder.feed(buffer, (type, data, start, length, id) -> events
				.add(new SseEvent(type, Arrays.copyOfRange(data, start, start + length), id)));
			assertThat(buffer.readableByteCount()).isZero();
		}
		assertThat(events).containsExactlyElementsOf(EXPECTED);
	}

	@Test
	void keepsBytesThatOnlyLookLikeAByteOrderMark() {
		byte[] stream = concat(new byte[] { (byte) 0xEF, (byte) 0xBB }, "x\ndata: y\n\n".getBytes(StandardCharsets.UTF_8));
		for (int split = 0; split <= stream.length; split++) {
			List<byte[]> pieces = List.of(Arrays.copyOfRange(stream, 0, split),
					Arrays.copyOfRange(stream, split, stream.length));
			// The line "\xEF\xBBx" is an unknown field and is ignored; the event after it is not.
			assertThat(feedHandler(new SseDecoder(), pieces)).as("split at %d", split)
				.containsExactly(event("message", "y", null));
		}
	}

	@Test
	void decodesLongLinesSpanningManyBuffers() {
		String longData = "x".repeat(10_000) + "é".repeat(3_000);
		byte[] stream = ("data: " + longData + "\r\ndata: second\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		List<byte[]> pieces = new ArrayList<>();
		for (int offset = 0; offset < stream.length; offset += 333) {
			pieces.add(Arrays.copyOfRange(stream, offset, Math.min(stream.length, offset + 333)));
		}
		assertThat(feedHandler(new SseDecoder(), pieces)).containsExactly(event("message", longData + "\nsecond", null));
	}

	@Test
	void findsTheFirstLineEndAtEveryPositionAndAlignment() {
		for (int length = 0; length < 40; length++) {
			for (int from = 0; from <= length; from++) {
				byte[] bytes = new byte[length];
				Arrays.fill(bytes, (byte) 0x8D); // high bit set and low bits of CR: no false match
				assertThat(SseLineReader.indexOfLineEnd(bytes, from, length)).isEqualTo(length);
				for (int at = from; at < length; at++) {
					for (byte end : new byte[] { '\n', '\r' }) {
						byte[] withEnd = bytes.clone();
						withEnd[at] = end;
						if (at + 1 < length) {
							withEnd[at + 1] = (end == '\n') ? (byte) '\r' : (byte) '\n';
						}
						assertThat(SseLineReader.indexOfLineEnd(withEnd, from, length)).isEqualTo(at);
					}
				}
			}
		}
	}

	private static List<SseEvent> feed(SseDecoder decoder, List<byte[]> pieces) {
		List<SseEvent> events = new ArrayList<>();
		for (byte[] piece : pieces) {
			byte[] padded = concat(new byte[] { 'Z' }, concat(piece, new byte[] { 'Z' }));
			decoder.feed(padded, 1, piece.length, events::add);
		}
		return events;
	}

	@Test
	void countsCompleteLinesOfEveryKindButNotAnUnfinishedOne() {
		// 24 line ends (CRLF counts once), then a line with none: the idle timeout's notion of progress.
		SseDecoder whole = new SseDecoder();
		feed(whole, List.of(bytes()));
		assertThat(whole.lineCount()).isEqualTo(24);
		SseDecoder byteByByte = new SseDecoder();
		byte[] bytes = bytes();
		List<byte[]> single = new ArrayList<>();
		for (byte b : bytes) {
			single.add(new byte[] { b });
		}
		feed(byteByByte, single);
		assertThat(byteByByte.lineCount()).isEqualTo(24);

		SseDecoder trickled = new SseDecoder();
		feed(trickled, List.of("data: {".getBytes(StandardCharsets.UTF_8), "  ".getBytes(StandardCharsets.UTF_8)));
		assertThat(trickled.lineCount()).isZero();
		feed(trickled, List.of("}\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(trickled.lineCount()).isEqualTo(1);
	}

	private static List<SseEvent> feedHandler(SseDecoder decoder, List<byte[]> pieces) {
		List<SseEvent> events = new ArrayList<>();
		for (byte[] piece : pieces) {
			// Each piece in a fresh array that is scribbled over afterwards: the handler must not
			// rely on the bytes after its call returns.
			byte[] copy = piece.clone();
			decoder.feed(copy, 0, copy.length, (type, data, start, length, id) -> events
				.add(new SseEvent(type, Arrays.copyOfRange(data, start, start + length), id)));
			Arrays.fill(copy, (byte) '#');
		}
		return events;
	}

	private static byte[] bytes() {
		return concat(BOM, STREAM.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] concat(byte[] first, byte[] second) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(first);
		out.writeBytes(second);
		return out.toByteArray();
	}

	private static SseEvent event(String type, String data, String id) {
		return new SseEvent(type, data.getBytes(StandardCharsets.UTF_8), id);
	}

}
