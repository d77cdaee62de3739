package io.github.llmclient.sample.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes AWS event-stream frames, as Bedrock's {@code converse-stream} sends them: a 12-byte
 * prelude (total length, headers length, the prelude's CRC32), the headers, the payload and the
 * CRC32 of everything before it. Headers are all strings (type 7): {@code :event-type} (or
 * {@code :exception-type}), {@code :content-type} and {@code :message-type}.
 *
 * <p>
 * Hand-written (some thirty lines) rather than taken from AWS's {@code software.amazon.eventstream}
 * library, so that the sample app's runtime needs no AWS artifact for its offline demo.
 */
final class DemoBedrockFrames {

	private static final byte STRING = 7;

	private DemoBedrockFrames() {
	}

	/**
	 * An {@code event} frame.
	 * @param eventType the event, e.g. {@code contentBlockDelta}
	 * @param json its JSON payload
	 * @return the frame's bytes
	 */
	static byte[] event(String eventType, byte[] json) {
		return frame(new String[] { ":event-type", eventType, ":content-type", "application/json", ":message-type",
				"event" }, json);
	}

	/**
	 * An {@code exception} frame, as Bedrock ends a stream that fails after it began.
	 * @param exceptionType the exception, e.g. {@code throttlingException}
	 * @param json its JSON payload ({@code {"message": ...}})
	 * @return the frame's bytes
	 */
	static byte[] exception(String exceptionType, byte[] json) {
		return frame(new String[] { ":exception-type", exceptionType, ":content-type", "application/json",
				":message-type", "exception" }, json);
	}

	/**
	 * A frame.
	 * @param headers names and values, alternating
	 * @param payload the payload
	 * @return the frame's bytes
	 */
	static byte[] frame(String[] headers, byte[] payload) {
		byte[][] encoded = new byte[headers.length][];
		int headersLength = 0;
		for (int i = 0; i < headers.length; i++) {
			encoded[i] = headers[i].getBytes(StandardCharsets.UTF_8);
			headersLength += (i % 2 == 0) ? 1 + encoded[i].length : 1 + 2 + encoded[i].length;
		}
		int total = 12 + headersLength + payload.length + 4;
		ByteBuffer frame = ByteBuffer.allocate(total);
		frame.putInt(total).putInt(headersLength).putInt(crc(frame.array(), 0, 8));
		for (int i = 0; i < headers.length; i += 2) {
			frame.put((byte) encoded[i].length).put(encoded[i]);
			frame.put(STRING).putShort((short) encoded[i + 1].length).put(encoded[i + 1]);
		}
		frame.put(payload);
		frame.putInt(crc(frame.array(), 0, total - 4));
		return frame.array();
	}

	private static int crc(byte[] bytes, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, offset, length);
		return (int) crc.getValue();
	}

}
