package io.github.llmclient.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import reactor.core.publisher.Flux;

/**
 * Decodes a byte stream into {@link SseEvent}s following the WHATWG event-stream rules: LF, CRLF
 * and bare CR line ends; several {@code data} lines joined with {@code \n}; {@code event},
 * {@code id} and {@code retry} fields; comment lines; blank-line dispatch; a leading byte-order
 * mark skipped; an event split across any number of buffers at any byte, including inside a
 * multi-byte UTF-8 character.
 *
 * <p>
 * Written by hand rather than reusing WebFlux's {@code ServerSentEventHttpMessageReader}: that
 * reader splits lines on LF only (a bare CR, which the standard allows, is not a line end), and it
 * turns each line into a {@code String} before parsing, which measured about 0.4× the speed of
 * reading the raw bytes. This decoder scans bytes once, keeps partial lines and events as bytes
 * (so a split UTF-8 character is joined before decoding), and builds one {@code byte[]} per event.
 *
 * <p>
 * An instance holds the state of one stream: create one per subscription (see
 * {@link #decode(Flux)}). Not thread-safe; Reactor delivers a stream's buffers serially.
 */
public final class SseDecoder {

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	/** Bytes of the line being read when it spans buffers. */
	private byte[] line = new byte[256];

	private int lineLength;

	/** Data of the event being assembled, lines joined with LF. */
	private byte[] data = new byte[512];

	private int dataLength;

	private boolean hasData;

	private @Nullable String eventType;

	private @Nullable String lastEventId;

	private long reconnectionTime = -1;

	/** The previous buffer ended with CR: a LF at the start of the next one ends nothing. */
	private boolean skipLeadingLf;

	private boolean firstByte = true;

	private int bomBytesSeen;

	/**
	 * Decodes a stream of buffers into events, releasing every buffer. Each subscription gets its
	 * own decoder state. An event still incomplete when the stream ends is dropped, as the standard
	 * says; whether the stream ended where it should is the provider's concern.
	 * @param buffers the response body
	 * @return the events
	 */
	public static Flux<SseEvent> decode(Flux<DataBuffer> buffers) {
		return Flux.defer(() -> {
			SseDecoder decoder = new SseDecoder();
			return buffers.concatMapIterable(decoder::decodeAndRelease);
		});
	}

	private List<SseEvent> decodeAndRelease(DataBuffer buffer) {
		try {
			List<SseEvent> events = new ArrayList<>(4);
			feed(buffer, events::add);
			return events;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * Feeds the readable bytes of a buffer (without releasing it), handing complete events to the
	 * sink.
	 * @param buffer the next bytes of the stream
	 * @param sink receives each dispatched event
	 */
	public void feed(DataBuffer buffer, Consumer<SseEvent> sink) {
		int length = buffer.readableByteCount();
		byte[] bytes = new byte[length];
		buffer.read(bytes);
		feed(bytes, 0, length, sink);
	}

	/**
	 * Feeds bytes, handing complete events to the sink.
	 * @param bytes the next bytes of the stream
	 * @param offset where they start
	 * @param length how many
	 * @param sink receives each dispatched event
	 */
	public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) {
		int i = offset;
		int end = offset + length;
		if (this.firstByte && i < end) {
			i = skipByteOrderMark(bytes, i, end);
			if (this.bomBytesSeen > 0 && this.bomBytesSeen < 3) {
				return;
			}
		}
		if (this.skipLeadingLf && i < end) {
			if (bytes[i] == LF) {
				i++;
			}
			this.skipLeadingLf = false;
		}
		int lineStart = i;
		while (i < end) {
			byte b = bytes[i];
			if (b != LF && b != CR) {
				i++;
				continue;
			}
			if (this.lineLength > 0) {
				appendToLine(bytes, lineStart, i - lineStart);
				processLine(this.line, 0, this.lineLength, sink);
				this.lineLength = 0;
			}
			else {
				processLine(bytes, lineStart, i - lineStart, sink);
			}
			i++;
			if (b == CR) {
				if (i < end) {
					if (bytes[i] == LF) {
						i++;
					}
				}
				else {
					this.skipLeadingLf = true;
				}
			}
			lineStart = i;
		}
		if (lineStart < end) {
			appendToLine(bytes, lineStart, end - lineStart);
		}
	}

	private int skipByteOrderMark(byte[] bytes, int i, int end) {
		// U+FEFF is EF BB BF; it may itself be split across buffers.
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		while (i < end && this.bomBytesSeen < 3) {
			if (bytes[i] != bom[this.bomBytesSeen]) {
				// Not a BOM after all: the bytes taken for one are ordinary data.
				this.firstByte = false;
				if (this.bomBytesSeen > 0) {
					appendToLine(bom, 0, this.bomBytesSeen);
				}
				this.bomBytesSeen = 0;
				return i;
			}
			this.bomBytesSeen++;
			i++;
		}
		if (this.bomBytesSeen == 3) {
			this.firstByte = false;
			this.bomBytesSeen = 0;
		}
		return i;
	}

	private void appendToLine(byte[] bytes, int offset, int length) {
		if (this.lineLength + length > this.line.length) {
			this.line = java.util.Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.lineLength + length));
		}
		System.arraycopy(bytes, offset, this.line, this.lineLength, length);
		this.lineLength += length;
	}

	private void processLine(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) {
		if (length == 0) {
			dispatch(sink);
			return;
		}
		if (bytes[offset] == ':') {
			return; // a comment, e.g. a keep-alive
		}
		int end = offset + length;
		int colon = offset;
		while (colon < end && bytes[colon] != ':') {
			colon++;
		}
		int nameLength = colon - offset;
		int valueStart = colon;
		if (colon < end) {
			valueStart = colon + 1;
			if (valueStart < end && bytes[valueStart] == ' ') {
				valueStart++;
			}
		}
		int valueLength = end - valueStart;
		if (isField(bytes, offset, nameLength, "data")) {
			appendData(bytes, valueStart, valueLength);
		}
		else if (isField(bytes, offset, nameLength, "event")) {
			this.eventType = new String(bytes, valueStart, valueLength, StandardCharsets.UTF_8);
		}
		else if (isField(bytes, offset, nameLength, "id")) {
			if (!contains(bytes, valueStart, end, (byte) 0)) {
				this.lastEventId = new String(bytes, valueStart, valueLength, StandardCharsets.UTF_8);
			}
		}
		else if (isField(bytes, offset, nameLength, "retry")) {
			parseRetry(bytes, valueStart, end);
		}
		// any other field is ignored
	}

	private void appendData(byte[] bytes, int offset, int length) {
		int needed = this.dataLength + length + 1;
		if (needed > this.data.length) {
			this.data = java.util.Arrays.copyOf(this.data, Math.max(this.data.length * 2, needed));
		}
		System.arraycopy(bytes, offset, this.data, this.dataLength, length);
		this.dataLength += length;
		this.data[this.dataLength++] = LF;
		this.hasData = true;
	}

	private void dispatch(Consumer<SseEvent> sink) {
		if (!this.hasData) {
			this.eventType = null;
			return;
		}
		// The data buffer ends with the LF of its last line, which is not part of the data.
		byte[] payload = java.util.Arrays.copyOf(this.data, this.dataLength - 1);
		String type = (this.eventType == null || this.eventType.isEmpty()) ? SseEvent.DEFAULT_EVENT : this.eventType;
		this.dataLength = 0;
		this.hasData = false;
		this.eventType = null;
		sink.accept(new SseEvent(type, payload, this.lastEventId));
	}

	private void parseRetry(byte[] bytes, int start, int end) {
		if (start == end) {
			return;
		}
		long value = 0;
		for (int i = start; i < end; i++) {
			byte b = bytes[i];
			if (b < '0' || b > '9' || value > Long.MAX_VALUE / 10) {
				return;
			}
			value = value * 10 + (b - '0');
		}
		this.reconnectionTime = value;
	}

	/**
	 * The reconnection time the stream asked for with a {@code retry} field.
	 * @return milliseconds, or -1 when the stream sent none
	 */
	public long reconnectionTime() {
		return this.reconnectionTime;
	}

	private static boolean isField(byte[] bytes, int offset, int length, String name) {
		if (length != name.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (bytes[offset + i] != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean contains(byte[] bytes, int start, int end, byte value) {
		for (int i = start; i < end; i++) {
			if (bytes[i] == value) {
				return true;
			}
		}
		return false;
	}

}
