package io.github.llmclient.eventstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import io.github.llmclient.sse.SseEventHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Decodes AWS's binary event stream ({@code application/vnd.amazon.eventstream}, Bedrock's
 * {@code ConverseStream}) into events for the same {@link SseEventHandler} the SSE decoder feeds,
 * so one stream reader and one mapper contract serve both. A frame is: total length (u32, big
 * endian), headers length (u32), CRC32 of those 8 bytes, headers, payload, CRC32 of everything
 * before it. Both checksums are checked; a frame may be split across network buffers at any byte.
 *
 * <p>
 * Hand-written rather than AWS's own {@code MessageDecoder}: that one allocates a 2 MiB buffer per
 * decoder (20 GB at 10,000 open streams) and copies every message into objects of its own. This one
 * holds at most the bytes of the one frame it is reading (none between frames), and hands the
 * payload to the handler in place.
 *
 * <p>
 * What the handler sees, by {@code :message-type}:
 * <ul>
 * <li>{@code event}: type = the {@code :event-type} header, data = the payload, id = null;</li>
 * <li>{@code exception}: type = {@value #EXCEPTION}, data = the payload (JSON {@code {"message"}}),
 * id = the {@code :exception-type} header;</li>
 * <li>{@code error}: type = {@value #ERROR}, data = the {@code :error-message} header as UTF-8,
 * id = the {@code :error-code} header.</li>
 * </ul>
 * Not thread-safe: one decoder per stream.
 */
public final class EventStreamDecoder {

	/** The event type an {@code exception} message is handed on as. */
	public static final String EXCEPTION = "exception";

	/** The event type an {@code error} message is handed on as. */
	public static final String ERROR = "error";

	/** The largest frame accepted (AWS's limit is 16 MiB of payload plus 128 KiB of headers). */
	public static final int MAX_FRAME_SIZE = 16 * 1024 * 1024 + 128 * 1024 + 16;

	private static final int PRELUDE = 12;

	private static final int MIN_FRAME = PRELUDE + 4;

	private static final byte[] EMPTY = new byte[0];

	private final byte[] prelude = new byte[PRELUDE];

	private int preludeRead;

	/** Reused for every checksum of the stream. */
	private final CRC32 crc = new CRC32();

	/** The frame being read (prelude included), or null between frames. */
	private byte @Nullable [] frame;

	private int frameRead;

	private long frames;

	/**
	 * Feeds the readable bytes of a buffer (reading them, without releasing it), handing each
	 * complete message to the handler.
	 * @param buffer the next bytes of the stream
	 * @param handler receives each message
	 * @throws EventStreamException when a frame is malformed or a checksum does not match
	 */
	public void feed(DataBuffer buffer, SseEventHandler handler) {
		while (buffer.readableByteCount() > 0) {
			byte[] frame = this.frame;
			if (frame == null) {
				int n = Math.min(PRELUDE - this.preludeRead, buffer.readableByteCount());
				buffer.read(this.prelude, this.preludeRead, n);
				this.preludeRead += n;
				if (this.preludeRead < PRELUDE) {
					return;
				}
				frame = startFrame();
			}
			int n = Math.min(frame.length - this.frameRead, buffer.readableByteCount());
			buffer.read(frame, this.frameRead, n);
			this.frameRead += n;
			if (this.frameRead == frame.length) {
				this.frame = null;
				this.preludeRead = 0;
				this.frames++;
				dispatch(frame, handler);
			}
		}
	}

	/**
	 * Feeds bytes; see {@link #feed(DataBuffer, SseEventHandler)}.
	 * @param bytes the next bytes of the stream
	 * @param handler receives each message
	 */
	public void feed(byte[] bytes, SseEventHandler handler) {
		feed(org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(bytes), handler);
	}

	/**
	 * How many frames have been completed so far: a frame is this stream's unit of progress.
	 * @return the count
	 */
	public long frameCount() {
		return this.frames;
	}

	/**
	 * Whether a frame has begun and not ended (the stream closing now would cut it).
	 * @return true in the middle of a frame
	 */
	public boolean inFrame() {
		return this.preludeRead > 0;
	}

	private byte[] startFrame() {
		byte[] p = this.prelude;
		long total = readInt(p, 0) & 0xFFFFFFFFL;
		long headers = readInt(p, 4) & 0xFFFFFFFFL;
		long expected = readInt(p, 8) & 0xFFFFFFFFL;
		CRC32 crc = this.crc;
		crc.reset();
		crc.update(p, 0, 8);
		if (crc.getValue() != expected) {
			throw new EventStreamException(String.format("prelude checksum mismatch (expected %08x, computed %08x)",
					expected, crc.getValue()));
		}
		if (total < MIN_FRAME || total > MAX_FRAME_SIZE) {
			throw new EventStreamException("frame length " + total + " outside " + MIN_FRAME + ".." + MAX_FRAME_SIZE);
		}
		if (headers > total - MIN_FRAME) {
			throw new EventStreamException("headers length " + headers + " exceeds the frame of " + total + " bytes");
		}
		byte[] frame = new byte[(int) total];
		System.arraycopy(p, 0, frame, 0, PRELUDE);
		this.frame = frame;
		this.frameRead = PRELUDE;
		return frame;
	}

	private void dispatch(byte[] frame, SseEventHandler handler) {
		int end = frame.length - 4;
		CRC32 crc = this.crc;
		crc.reset();
		crc.update(frame, 0, end);
		long expected = readInt(frame, end) & 0xFFFFFFFFL;
		if (crc.getValue() != expected) {
			throw new EventStreamException(String.format("message checksum mismatch (expected %08x, computed %08x)",
					expected, crc.getValue()));
		}
		int headersEnd = PRELUDE + readInt(frame, 4);
		Headers headers = Headers.read(frame, PRELUDE, headersEnd);
		String messageType = (headers.messageType != null) ? headers.messageType : "event";
		switch (messageType) {
			case "event" -> {
				if (headers.eventType == null) {
					throw new EventStreamException("event message without :event-type");
				}
				handler.onEvent(headers.eventType, frame, headersEnd, end - headersEnd, null);
			}
			case "exception" -> handler.onEvent(EXCEPTION, frame, headersEnd, end - headersEnd,
					headers.exceptionType);
			case "error" -> {
				byte[] message = (headers.errorMessage != null)
						? headers.errorMessage.getBytes(StandardCharsets.UTF_8) : EMPTY;
				handler.onEvent(ERROR, message, 0, message.length, headers.errorCode);
			}
			default -> throw new EventStreamException("unknown :message-type '" + messageType + "'");
		}
	}

	static int readInt(byte[] bytes, int at) {
		return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
				| (bytes[at + 3] & 0xFF);
	}

	/** The headers a consumer needs; every other header is skipped by its type's size. */
	private static final class Headers {

		/** The names read, in the order of {@link #put(int, String)}; :content-type and others are skipped. */
		private static final byte[][] NAMES = ascii(":message-type", ":event-type", ":exception-type",
				":error-code", ":error-message");

		/** Values seen on every frame, answered as constants. */
		private static final String[] VALUE_STRINGS = { "event", "exception", "error", "messageStart",
				"contentBlockStart", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata" };

		private static final byte[][] VALUES = ascii(VALUE_STRINGS);

		private static byte[][] ascii(String... values) {
			byte[][] bytes = new byte[values.length][];
			for (int n = 0; n < values.length; n++) {
				bytes[n] = values[n].getBytes(StandardCharsets.US_ASCII);
			}
			return bytes;
		}

		private @Nullable String messageType;

		private @Nullable String eventType;

		private @Nullable String exceptionType;

		private @Nullable String errorCode;

		private @Nullable String errorMessage;

		static Headers read(byte[] frame, int start, int end) {
			Headers headers = new Headers();
			int i = start;
			while (i < end) {
				int nameLength = frame[i++] & 0xFF;
				require(i + nameLength + 1 <= end, "header name");
				int name = known(NAMES, frame, i, nameLength);
				int nameAt = i;
				i += nameLength;
				int type = frame[i++];
				int size = switch (type) {
					case 0, 1 -> 0;
					case 2 -> 1;
					case 3 -> 2;
					case 4 -> 4;
					case 5, 8 -> 8;
					case 9 -> 16;
					case 6, 7 -> {
						require(i + 2 <= end, "header value length");
						int length = ((frame[i] & 0xFF) << 8) | (frame[i + 1] & 0xFF);
						i += 2;
						yield length;
					}
					default -> throw new EventStreamException(
							"unknown header type " + type + " of '" + name(frame, nameAt, nameLength) + "'");
				};
				if (i + size > end) {
					throw new EventStreamException(
							"header value of '" + name(frame, nameAt, nameLength) + "' runs past the headers");
				}
				if (type == 7 && name >= 0) {
					headers.put(name, value(frame, i, size));
				}
				i += size;
			}
			return headers;
		}

		/**
		 * The index of the name among the known ones, compared as bytes: the hot path allocates no
		 * string for a header name, and none for a value it has seen as a constant (S8 in
		 * BENCHMARKS.md: a frame's six strings were a third of the decoder's time).
		 */
		private static int known(byte[][] names, byte[] frame, int at, int length) {
			for (int n = 0; n < names.length; n++) {
				if (Arrays.equals(names[n], 0, names[n].length, frame, at, at + length)) {
					return n;
				}
			}
			return -1;
		}

		private static String name(byte[] frame, int at, int length) {
			return new String(frame, at, length, StandardCharsets.US_ASCII);
		}

		private static String value(byte[] frame, int at, int length) {
			int n = known(VALUES, frame, at, length);
			return (n >= 0) ? VALUE_STRINGS[n] : new String(frame, at, length, StandardCharsets.UTF_8);
		}

		private void put(int name, String value) {
			switch (name) {
				case 0 -> this.messageType = value;
				case 1 -> this.eventType = value;
				case 2 -> this.exceptionType = value;
				case 3 -> this.errorCode = value;
				case 4 -> this.errorMessage = value;
				default -> {
					// not needed
				}
			}
		}

		private static void require(boolean condition, String what) {
			if (!condition) {
				throw new EventStreamException(what + " runs past the headers");
			}
		}

	}

}
