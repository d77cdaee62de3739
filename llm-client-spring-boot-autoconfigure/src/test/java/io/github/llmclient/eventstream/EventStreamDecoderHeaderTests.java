package io.github.llmclient.eventstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The header block of a frame to the byte: headers that end exactly at its end are read, a header
 * whose name, value length or value runs past it is refused naming what ran past, and the frame
 * sizes at both limits.
 */
class EventStreamDecoderHeaderTests {

	record Seen(String type, String data, String id) {
	}

	@Test
	void decodesAFrameHandedOverAsAnArray() {
		byte[] frame = EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}");
		EventStreamDecoder decoder = new EventStreamDecoder();
		List<Seen> seen = new ArrayList<>();
		decoder.feed(frame, (type, data, offset, length, id) -> seen
			.add(new Seen(type, new String(data, offset, length, StandardCharsets.UTF_8), id)));
		assertThat(seen).containsExactly(new Seen("messageStop", "{\"stopReason\":\"end_turn\"}", null));
		assertThat(decoder.frameCount()).isEqualTo(1);
	}

	@Test
	void aValuelessHeaderMayEndTheHeaders() {
		byte[] headers = concat(string(":event-type", "messageStop"), header("x-flag", 0));
		assertThat(decode(EventStreamFrames.frame(headers, bytes("{}")))).containsExactly(new Seen("messageStop", "{}", null));
	}

	@Test
	void anEmptyStringHeaderMayEndTheHeaders() {
		byte[] headers = concat(string(":event-type", "messageStop"), string(":content-type", ""));
		assertThat(decode(EventStreamFrames.frame(headers, bytes("{}")))).containsExactly(new Seen("messageStop", "{}", null));
	}

	@Test
	void readsHeaderValuesLongerThan255Bytes() {
		String message = "Internal server error: " + "détail ".repeat(60);
		String code = "internalServerException" + "X".repeat(300);
		byte[] frame = EventStreamFrames.error(code, message);
		assertThat(decode(frame)).containsExactly(new Seen(EventStreamDecoder.ERROR, message, code));
	}

	@Test
	void refusesAHeaderNameThatRunsPastTheHeaders() {
		// a name said to be 20 bytes long, 2 of them in the block
		assertRefused(new byte[] { 20, 'a', 'b' }, "header name runs past the headers");
		// a name that fills the block, leaving no byte for its type
		assertRefused(new byte[] { 3, 'a', 'b', 'c' }, "header name runs past the headers");
	}

	@Test
	void refusesAStringHeaderWhoseLengthRunsPastTheHeaders() {
		assertRefused(new byte[] { 1, 'a', 7, 0 }, "header value length runs past the headers");
		assertRefused(new byte[] { 1, 'a', 7 }, "header value length runs past the headers");
	}

	@Test
	void refusesAHeaderValueThatRunsPastTheHeaders() {
		// an int32 with two of its four bytes in the block
		assertRefused(new byte[] { 1, 'a', 4, 0, 0 }, "header value of 'a' runs past the headers");
		// a string said to be 3 bytes long, 2 of them in the block
		assertRefused(new byte[] { 2, 'x', 'y', 7, 0, 3, 'p', 'q' }, "header value of 'xy' runs past the headers");
	}

	@Test
	void refusesAHeaderOfAnUnknownTypeNamingIt() {
		assertRefused(new byte[] { 4, 'x', '-', 'i', 'd', 10, 0 }, "unknown header type 10 of 'x-id'");
	}

	@Test
	void theSmallestFrameIsReadAndOneByteLessIsRefused() {
		// 16 bytes: prelude and message checksum, no header, no payload: a well-formed frame (refused
		// only because an event needs its type)
		byte[] smallest = EventStreamFrames.frame(new byte[0], new byte[0]);
		assertThat(smallest).hasSize(16);
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(smallest))
			.withMessage("event message without :event-type");
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(prelude(15, 0)))
			.withMessage("frame length 15 outside 16.." + EventStreamDecoder.MAX_FRAME_SIZE);
	}

	@Test
	void aFrameOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() {
		byte[] headers = string(":event-type", "contentBlockDelta");
		byte[] payload = new byte[EventStreamDecoder.MAX_FRAME_SIZE - 16 - headers.length];
		Arrays.fill(payload, (byte) 'x');
		byte[] largest = EventStreamFrames.frame(headers, payload);
		assertThat(largest).hasSize(EventStreamDecoder.MAX_FRAME_SIZE);
		int[] length = new int[1];
		new EventStreamDecoder().feed(largest, (type, data, offset, size, id) -> length[0] = size);
		assertThat(length[0]).isEqualTo(payload.length);
		int tooLong = EventStreamDecoder.MAX_FRAME_SIZE + 1;
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(prelude(tooLong, 0)))
			.withMessage("frame length " + tooLong + " outside 16.." + EventStreamDecoder.MAX_FRAME_SIZE);
	}

	@Test
	void refusesAHeadersLengthOneByteLongerThanTheFrameHolds() {
		// 18 bytes: 12 of prelude, 2 of headers and payload, 4 of checksum
		byte[] fits = withHeadersLength(EventStreamFrames.frame(new byte[0], bytes("{}")), 2);
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(fits))
			.withMessage("header name runs past the headers");
		byte[] tooLong = withHeadersLength(EventStreamFrames.frame(new byte[0], bytes("{}")), 3);
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(tooLong))
			.withMessage("headers length 3 exceeds the frame of 18 bytes");
	}

	/** The frame claiming another headers length, both its checksums made right again. */
	private static byte[] withHeadersLength(byte[] frame, int headersLength) {
		byte[] changed = frame.clone();
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(changed);
		buffer.putInt(4, headersLength);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(changed, 0, 8);
		buffer.putInt(8, (int) crc.getValue());
		crc.reset();
		crc.update(changed, 0, changed.length - 4);
		buffer.putInt(changed.length - 4, (int) crc.getValue());
		return changed;
	}

	private static void assertRefused(byte[] headers, String message) {
		byte[] frame = EventStreamFrames.frame(headers, bytes("{\"a\":1}"));
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(frame)).withMessage(message);
	}

	private static List<Seen> decode(byte[] bytes) {
		List<Seen> seen = new ArrayList<>();
		new EventStreamDecoder().feed(bytes, (type, data, offset, length, id) -> seen
			.add(new Seen(type, new String(data, offset, length, StandardCharsets.UTF_8), id)));
		return seen;
	}

	/** Just a prelude (its checksum right) announcing a frame of the given lengths. */
	private static byte[] prelude(int total, int headers) {
		byte[] frame = EventStreamFrames.frame(new byte[0], new byte[0]);
		byte[] prelude = Arrays.copyOf(frame, 12);
		java.nio.ByteBuffer.wrap(prelude).putInt(total).putInt(headers);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(prelude, 0, 8);
		java.nio.ByteBuffer.wrap(prelude, 8, 4).putInt((int) crc.getValue());
		return prelude;
	}

	private static byte[] string(String name, String value) {
		byte[] v = bytes(value);
		return concat(header(name, 7), new byte[] { (byte) (v.length >> 8), (byte) v.length }, v);
	}

	private static byte[] header(String name, int type) {
		byte[] n = bytes(name);
		return concat(new byte[] { (byte) n.length }, n, new byte[] { (byte) type });
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
