package io.github.llmclient.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The line framing of {@link SseDecoder}: skips a leading byte-order mark (itself possibly split
 * across buffers), finds LF, CRLF and bare CR line ends eight bytes at a time, holds a line that
 * spans buffers as bytes (so a split UTF-8 character is joined before anything decodes it), and
 * hands each complete line to the {@link SseEventAssembler}.
 */
final class SseLineReader {

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final byte[] EMPTY = new byte[0];

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long ALL_LF = 0x0A0A0A0A0A0A0A0AL;

	private static final long ALL_CR = 0x0D0D0D0D0D0D0D0DL;

	private final SseEventAssembler events;

	/** Bytes of the line being read when it spans buffers; allocated on first use. */
	private byte[] line = EMPTY;

	private int lineLength;

	/** The previous buffer ended with CR: a LF at the start of the next one ends nothing. */
	private boolean skipLeadingLf;

	private boolean firstByte = true;

	private int bomBytesSeen;

	/** Complete lines processed: the stream's progress, whatever the lines say. */
	private long lines;

	SseLineReader(SseEventAssembler events) {
		this.events = events;
	}

	long lineCount() {
		return this.lines;
	}

	/** Reads the bytes from {@code start} to {@code end}, handing each complete line on. */
	void scan(byte[] bytes, int start, int end, SseEventHandler handler) {
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
			this.lines++;
			if (this.lineLength > 0) {
				appendToLine(bytes, i, lineEnd - i);
				this.events.line(this.line, 0, this.lineLength, false, handler);
				this.lineLength = 0;
			}
			else {
				this.events.line(bytes, i, lineEnd - i, true, handler);
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

	private void appendToLine(byte[] bytes, int offset, int length) {
		SseDecoder.checkSize(this.lineLength + length);
		if (this.lineLength + length > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(Math.max(256, this.line.length * 2), this.lineLength + length));
		}
		System.arraycopy(bytes, offset, this.line, this.lineLength, length);
		this.lineLength += length;
	}

}
