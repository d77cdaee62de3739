package io.github.llmclient.eventstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes AWS event-stream frames for tests (string headers only, as Bedrock sends), and reads the
 * hex fixtures. Checked byte for byte against AWS's encoder and recorded Bedrock frames in
 * {@code EventStreamFramesTests}.
 */
public final class EventStreamFrames {

	private EventStreamFrames() {
	}

	/** A Bedrock {@code event} message, its headers in the order Bedrock sends them. */
	public static byte[] event(String eventType, String json) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(":event-type", eventType);
		headers.put(":content-type", "application/json");
		headers.put(":message-type", "event");
		return frame(headers, json.getBytes(StandardCharsets.UTF_8));
	}

	/** An {@code exception} message, e.g. {@code throttlingException}. */
	public static byte[] exception(String exceptionType, String message) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(":exception-type", exceptionType);
		headers.put(":content-type", "application/json");
		headers.put(":message-type", "exception");
		return frame(headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	/** An {@code error} message: code and message in headers, no payload. */
	public static byte[] error(String code, String message) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(":message-type", "error");
		headers.put(":error-code", code);
		headers.put(":error-message", message);
		return frame(headers, new byte[0]);
	}

	/** A frame with string headers, in the map's order. */
	public static byte[] frame(Map<String, String> headers, byte[] payload) {
		ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
		headers.forEach((name, value) -> {
			byte[] n = name.getBytes(StandardCharsets.UTF_8);
			byte[] v = value.getBytes(StandardCharsets.UTF_8);
			headerBytes.write(n.length);
			headerBytes.writeBytes(n);
			headerBytes.write(7);
			headerBytes.write(v.length >> 8);
			headerBytes.write(v.length & 0xFF);
			headerBytes.writeBytes(v);
		});
		return frame(headerBytes.toByteArray(), payload);
	}

	/** A frame around raw header bytes (well-formed or not), its prelude and checksums right. */
	public static byte[] frame(byte[] headerBytes, byte[] payload) {
		int total = 12 + headerBytes.length + payload.length + 4;
		ByteArrayOutputStream out = new ByteArrayOutputStream(total);
		writeInt(out, total);
		writeInt(out, headerBytes.length);
		CRC32 crc = new CRC32();
		crc.update(out.toByteArray(), 0, 8);
		writeInt(out, (int) crc.getValue());
		out.writeBytes(headerBytes);
		out.writeBytes(payload);
		crc = new CRC32();
		crc.update(out.toByteArray());
		writeInt(out, (int) crc.getValue());
		return out.toByteArray();
	}

	public static byte[] concat(byte[]... frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] frame : frames) {
			out.writeBytes(frame);
		}
		return out.toByteArray();
	}

	/** The bytes of a hex fixture under {@code src/test/resources}. */
	public static byte[] hexResource(String path) {
		try (InputStream in = EventStreamFrames.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + path);
			}
			return fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] fromHex(String hex) {
		byte[] bytes = new byte[hex.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
		}
		return bytes;
	}

	private static void writeInt(ByteArrayOutputStream out, int value) {
		out.write(value >>> 24);
		out.write((value >>> 16) & 0xFF);
		out.write((value >>> 8) & 0xFF);
		out.write(value & 0xFF);
	}

}
