package io.github.llmclient.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
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
 * reading the raw bytes. This decoder copies each buffer once into an array it reuses, finds line
 * ends eight bytes at a time, keeps partial lines and events as bytes (so a split UTF-8 character
 * is joined before decoding), and hands an event's data on as a range of an array: no
 * {@code String} per line, and no copy at all for the usual event whose one data line arrived in
 * one buffer ({@link SseEventHandler}). The {@link SseEvent} entry points make one copy per event.
 *
 * <p>
 * An instance holds the state of one stream: create one per subscription (see
 * {@link #decode(Flux)}). Not thread-safe; Reactor delivers a stream's buffers serially.
 */
public final class SseDecoder {

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] EMPTY = new byte[0];

	/**
	 * The largest line or event accepted: a server that never ends a line would otherwise make
	 * the decoder buffer without bound. Like WebClient's in-memory limit for whole bodies.
	 */
	public static final int MAX_EVENT_SIZE = 16 * 1024 * 1024;

	/** Buffers up to this size are copied into an array kept for the next one. */
	private static final int MAX_KEPT_SCRATCH = 64 * 1024;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long ALL_LF = 0x0A0A0A0A0A0A0A0AL;

	private static final long ALL_CR = 0x0D0D0D0D0D0D0D0DL;

	/** The bytes of the current buffer, copied out of it. */
	private byte[] scratch = EMPTY;

	/** Bytes of the line being read when it spans buffers; allocated on first use. */
	private byte[] line = EMPTY;

	private int lineLength;

	/**
	 * Data of the event being assembled, lines joined with LF, each line followed by one; allocated
	 * on first use (the usual single-line event never needs it).
	 */
	private byte[] data = EMPTY;

	private int dataLength;

	private boolean hasData;

	/**
	 * The event's only data line so far, still in the caller's array: copied into {@link #data}
	 * only when a second line follows or the event outlives the current call.
	 */
	private byte @Nullable [] pending;

	private int pendingOffset;

	private int pendingLength;

	private @Nullable String eventType;

	/**
	 * The last event type read and its bytes: typed streams (Anthropic's, the Responses API's)
	 * repeat a few types, so an equal {@code event:} line reuses the string instead of decoding a
	 * new one per event (and a {@code switch} on it reuses its cached hash).
	 */
	private String lastType = "";

	private byte[] lastTypeBytes = EMPTY;

	private @Nullable String lastEventId;

	private long reconnectionTime = -1;

	/** The previous buffer ended with CR: a LF at the start of the next one ends nothing. */
	private boolean skipLeadingLf;

	private boolean firstByte = true;

	private int bomBytesSeen;

	/** Complete lines processed: the stream's progress, whatever the lines say. */
	private long lines;

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
	 * Feeds the readable bytes of a buffer (reading them, without releasing it), handing complete
	 * events to the sink.
	 * @param buffer the next bytes of the stream
	 * @param sink receives each dispatched event
	 */
	public void feed(DataBuffer buffer, Consumer<SseEvent> sink) {
		feed(buffer, copying(sink));
	}

	/**
	 * Feeds the readable bytes of a buffer (reading them, without releasing it), handing complete
	 * events to the handler without copying their data.
	 * @param buffer the next bytes of the stream
	 * @param handler receives each dispatched event
	 */
	public void feed(DataBuffer buffer, SseEventHandler handler) {
		int length = buffer.readableByteCount();
		byte[] bytes = scratch(length);
		buffer.read(bytes, 0, length);
		feed(bytes, 0, length, handler);
	}

	/**
	 * Feeds bytes, handing complete events to the sink.
	 * @param bytes the next bytes of the stream
	 * @param offset where they start
	 * @param length how many
	 * @param sink receives each dispatched event
	 */
	public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) {
		feed(bytes, offset, length, copying(sink));
	}

	/**
	 * Feeds bytes, handing complete events to the handler without copying their data. The decoder
	 * does not hold on to {@code bytes} after this call returns.
	 * @param bytes the next bytes of the stream
	 * @param offset where they start
	 * @param length how many
	 * @param handler receives each dispatched event
	 */
	public void feed(byte[] bytes, int offset, int length, SseEventHandler handler) {
		scan(bytes, offset, offset + length, handler);
		keepPendingData();
	}

	private void scan(byte[] bytes, int start, int end, SseEventHandler handler) {
		int i = start;
		if (this.firstByte && i < end) {
			i = skipByteOrderMark(bytes, i, end);
			if (this.bomBytesSeen > 0) {
				return; // the buffer ended inside what may still be a byte-order mark
			}
		}
		if (this.skipLeadingLf && i < end) {
			if (bytes[i] == LF) {
				i++;
			}
			this.skipLeadingLf = false;
		}
		while (i < end) {
			int lineEnd = indexOfLineEnd(bytes, i, end);
			if (lineEnd == end) {
				appendToLine(bytes, i, end - i);
				return;
			}
			if (this.lineLength > 0) {
				appendToLine(bytes, i, lineEnd - i);
				processLine(this.line, 0, this.lineLength, false, handler);
				this.lineLength = 0;
			}
			else {
				processLine(bytes, i, lineEnd - i, true, handler);
			}
			i = lineEnd + 1;
			if (bytes[lineEnd] == CR) {
				if (i < end) {
					if (bytes[i] == LF) {
						i++;
					}
				}
				else {
					this.skipLeadingLf = true;
				}
			}
		}
	}

	/**
	 * The index of the first CR or LF in a range, or its end: eight bytes at a time, with the
	 * classic test for a zero byte applied to the word XOR-ed with each line-end byte. A false
	 * positive can only appear above a true match, so the lowest flagged byte is exact.
	 */
	static int indexOfLineEnd(byte[] bytes, int from, int to) {
		int i = from;
		for (int limit = to - 7; i < limit; i += 8) {
			long word = (long) LONGS.get(bytes, i);
			long lf = word ^ ALL_LF;
			long cr = word ^ ALL_CR;
			long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGH_BITS;
			if (found != 0) {
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < to; i++) {
			byte b = bytes[i];
			if (b == LF || b == CR) {
				return i;
			}
		}
		return to;
	}

	private byte[] scratch(int length) {
		if (length > MAX_KEPT_SCRATCH) {
			return new byte[length];
		}
		if (this.scratch.length < length) {
			this.scratch = new byte[Math.max(256, Integer.highestOneBit(length - 1) << 1)];
		}
		return this.scratch;
	}

	private int skipByteOrderMark(byte[] bytes, int i, int end) {
		// U+FEFF is EF BB BF; it may itself be split across buffers.
		while (i < end && this.bomBytesSeen < 3) {
			if (bytes[i] != BOM[this.bomBytesSeen]) {
				// Not a BOM after all: the bytes taken for one (none, or the start of one) are ordinary data.
				this.firstByte = false;
				appendToLine(BOM, 0, this.bomBytesSeen);
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

	private static void checkSize(int size) {
		if (size > MAX_EVENT_SIZE || size < 0) {
			throw new DataBufferLimitException(
					"A line or event of the event stream exceeds the limit of " + MAX_EVENT_SIZE + " bytes");
		}
	}

	private void appendToLine(byte[] bytes, int offset, int length) {
		checkSize(this.lineLength + length);
		if (this.lineLength + length > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(Math.max(256, this.line.length * 2), this.lineLength + length));
		}
		System.arraycopy(bytes, offset, this.line, this.lineLength, length);
		this.lineLength += length;
	}

	/**
	 * Processes one line.
	 * @param stable whether the bytes stay unchanged until the current call returns (the caller's
	 * array does; the line buffer does not)
	 */
	private void processLine(byte[] bytes, int offset, int length, boolean stable, SseEventHandler handler) {
		this.lines++;
		if (length == 0) {
			dispatch(handler);
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
			appendData(bytes, valueStart, valueLength, stable);
		}
		else if (isField(bytes, offset, nameLength, "event")) {
			this.eventType = eventType(bytes, valueStart, valueLength);
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

	private void appendData(byte[] bytes, int offset, int length, boolean stable) {
		if (!this.hasData && stable) {
			this.pending = bytes;
			this.pendingOffset = offset;
			this.pendingLength = length;
			this.hasData = true;
			return;
		}
		keepPendingData();
		copyData(bytes, offset, length);
	}

	/** Copies the pending data line, which is about to change or go out of reach. */
	private void keepPendingData() {
		byte[] bytes = this.pending;
		if (bytes != null) {
			this.pending = null;
			copyData(bytes, this.pendingOffset, this.pendingLength);
		}
	}

	private void copyData(byte[] bytes, int offset, int length) {
		int needed = this.dataLength + length + 1;
		checkSize(needed);
		if (needed > this.data.length) {
			this.data = Arrays.copyOf(this.data, Math.max(Math.max(512, this.data.length * 2), needed));
		}
		System.arraycopy(bytes, offset, this.data, this.dataLength, length);
		this.dataLength += length;
		this.data[this.dataLength++] = LF;
		this.hasData = true;
	}

	private void dispatch(SseEventHandler handler) {
		if (!this.hasData) {
			this.eventType = null;
			return;
		}
		String type = (this.eventType == null || this.eventType.isEmpty()) ? SseEvent.DEFAULT_EVENT : this.eventType;
		this.hasData = false;
		this.eventType = null;
		byte[] bytes = this.pending;
		if (bytes != null) {
			this.pending = null;
			handler.onEvent(type, bytes, this.pendingOffset, this.pendingLength, this.lastEventId);
		}
		else {
			// The data buffer ends with the LF of its last line, which is not part of the data.
			int length = this.dataLength - 1;
			this.dataLength = 0;
			handler.onEvent(type, this.data, 0, length, this.lastEventId);
		}
	}

	private static SseEventHandler copying(Consumer<SseEvent> sink) {
		return (type, data, offset, length, id) -> sink
			.accept(new SseEvent(type, Arrays.copyOfRange(data, offset, offset + length), id));
	}

	private void parseRetry(byte[] bytes, int start, int end) {
		if (start == end) {
			return;
		}
		long value = 0;
		for (int i = start; i < end; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
				return; // not a number, or one too large for a long: ignored
			}
			value = value * 10 + digit;
		}
		this.reconnectionTime = value;
	}

	/**
	 * How many complete lines the decoder has read so far, of any kind: fields, comments (such as
	 * keep-alives) and the blank lines that end events. A stream whose count stops growing is
	 * silent, however many bytes of an unfinished line trickle in.
	 * @return the number of complete lines
	 */
	public long lineCount() {
		return this.lines;
	}

	/**
	 * The reconnection time the stream asked for with a {@code retry} field.
	 * @return milliseconds, or -1 when the stream sent none
	 */
	public long reconnectionTime() {
		return this.reconnectionTime;
	}

	private String eventType(byte[] bytes, int start, int length) {
		byte[] last = this.lastTypeBytes;
		if (Arrays.equals(bytes, start, start + length, last, 0, last.length)) {
			return this.lastType;
		}
		String type = new String(bytes, start, length, StandardCharsets.UTF_8);
		this.lastType = type;
		this.lastTypeBytes = Arrays.copyOfRange(bytes, start, start + length);
		return type;
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
