package io.github.llmclient.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The event assembly of {@link SseDecoder}: turns complete lines into fields ({@code data},
 * {@code event}, {@code id}, {@code retry}, comments) and dispatches an event at each blank line.
 * An event's data is kept as bytes; the usual event, whose one data line is still in the caller's
 * array when it is dispatched, is handed on as a range of that array without a copy.
 */
final class SseEventAssembler {

	private static final byte LF = '\n';

	private static final byte[] EMPTY = new byte[0];

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

	/**
	 * Processes one complete line (without its line end).
	 * @param stable whether the bytes stay unchanged until the current call returns (the caller's
	 * array does; the line buffer does not)
	 */
	void line(byte[] bytes, int offset, int length, boolean stable, SseEventHandler handler) {
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

	/** Copies the pending data line, which is about to change or go out of reach. */
	void keepPendingData() {
		byte[] bytes = this.pending;
		if (bytes != null) {
			this.pending = null;
			copyData(bytes, this.pendingOffset, this.pendingLength);
		}
	}

	long reconnectionTime() {
		return this.reconnectionTime;
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

	private void copyData(byte[] bytes, int offset, int length) {
		int needed = this.dataLength + length + 1;
		SseDecoder.checkSize(needed);
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
