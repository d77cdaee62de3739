package io.github.llmclient.provider.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.llmclient.chat.ReplayData;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of a streamed answer, kept for replay as they came: consecutive unsigned text deltas
 * of the same kind joined into one part, any other part (a call, a signed part, an empty part with
 * only a signature) whole. Each part is kept as its JSON text, written when it is complete (a text
 * part when another part comes or the answer ends), in one growing array: a stream of 20,000
 * parallel calls keeps 20,000 short texts, not 20,000 trees. The replay data,
 * {@code {"parts":[…]}}, is written only when a part was signed. Single-threaded, one per stream
 * mapper.
 */
final class GeminiKeptParts {

	private final JsonMapper mapper;

	/** The parts written so far, separated by commas. */
	private final Buffer written = new Buffer();

	private boolean signed;

	/** The last part when it is unsigned text that later deltas may join, else null. */
	private @Nullable ObjectNode pendingPart;

	/** The text of {@link #pendingPart} joined so far. */
	private @Nullable StringBuilder pendingText;

	/** Whether {@link #pendingPart} is a thought. */
	private boolean pendingThought;

	GeminiKeptParts(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Whether any part kept so far carries a thought signature. */
	boolean signed() {
		return this.signed;
	}

	/**
	 * Keeps a part read as a tree: an unsigned text delta joins the unsigned text part before it of
	 * the same kind; anything else is kept as it came.
	 */
	void keep(JsonNode part) {
		boolean hasSignature = part.has("thoughtSignature");
		this.signed |= hasSignature;
		boolean plain = !hasSignature && isPlainText(part);
		if (plain && this.pendingPart != null && this.pendingThought == GeminiResponses.isThought(part)) {
			// joined in a builder and written once (when another part comes, or at the end):
			// rewriting the part's text on every delta would copy the answer so far each time
			this.pendingText.append(part.path("text").stringValue());
			return;
		}
		flushText();
		if (plain && part instanceof ObjectNode text) {
			this.pendingPart = text;
			this.pendingText = new StringBuilder(part.path("text").stringValue());
			this.pendingThought = GeminiResponses.isThought(part);
		}
		else {
			write(part.toString());
		}
	}

	/** {@link #keep} for a plain text part read in one pass: the same part, the same joining. */
	void keepText(String text, @Nullable Boolean thought, boolean thoughtFirst) {
		boolean isThought = Boolean.TRUE.equals(thought);
		if (this.pendingPart != null && this.pendingThought == isThought) {
			this.pendingText.append(text);
			return;
		}
		flushText();
		ObjectNode part = this.mapper.createObjectNode();
		if (thought != null && thoughtFirst) {
			part.put("thought", thought.booleanValue());
		}
		part.put("text", text);
		if (thought != null && !thoughtFirst) {
			part.put("thought", thought.booleanValue());
		}
		this.pendingPart = part;
		this.pendingText = new StringBuilder(text);
		this.pendingThought = isThought;
	}

	/** {@link #keep} for a part read in one pass that is not plain text: its JSON text, as the tree writes it. */
	void keep(GeminiCallEvent event, GeminiCallEvent.Part part) {
		this.signed |= part.signed;
		flushText();
		separate();
		event.copy(part, this.written);
	}

	/**
	 * The replay data when a part was signed: all parts, {@code {"parts":[…]}}.
	 * @return the replay data, or null when no part was signed
	 */
	@Nullable ReplayData replay() {
		flushText();
		if (!this.signed) {
			return null;
		}
		return new ReplayData(ReplayData.GEMINI, "{\"parts\":[" + this.written.toString(StandardCharsets.UTF_8) + "]}");
	}

	/** Writes the text joined so far into the last kept text part, and that part. */
	private void flushText() {
		if (this.pendingPart != null) {
			this.pendingPart.put("text", this.pendingText.toString());
			write(this.pendingPart.toString());
			this.pendingPart = null;
			this.pendingText = null;
		}
	}

	private void write(String part) {
		separate();
		byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
		this.written.write(bytes, 0, bytes.length);
	}

	private void separate() {
		if (!this.written.isEmpty()) {
			this.written.write(',');
		}
	}

	private static boolean isPlainText(JsonNode part) {
		if (part.has("thoughtSignature") || !part.path("text").isString()) {
			return false;
		}
		for (String name : part.propertyNames()) {
			if (!name.equals("text") && !name.equals("thought")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A {@link ByteArrayOutputStream} without its locks (one thread writes it) that grows by blocks
	 * instead of copying itself: 20,000 kept calls are about 2 MB, which doubling would copy again
	 * and again into arrays too large for the young generation.
	 */
	private static final class Buffer extends ByteArrayOutputStream {

		private static final int BLOCK = 16 * 1024;

		/** The full blocks before {@link #buf}. */
		private final List<byte[]> full = new ArrayList<>();

		private int fullSize;

		Buffer() {
			super(256);
		}

		@Override
		public void write(int b) {
			if (this.count == this.buf.length) {
				next(1);
			}
			this.buf[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			while (len > 0) {
				if (this.count == this.buf.length) {
					next(len);
				}
				int n = Math.min(len, this.buf.length - this.count);
				System.arraycopy(b, off, this.buf, this.count, n);
				this.count += n;
				off += n;
				len -= n;
			}
		}

		boolean isEmpty() {
			return this.fullSize + this.count == 0;
		}

		@Override
		public String toString(Charset charset) {
			byte[] all = new byte[this.fullSize + this.count];
			int at = 0;
			for (byte[] block : this.full) {
				System.arraycopy(block, 0, all, at, block.length);
				at += block.length;
			}
			System.arraycopy(this.buf, 0, all, at, this.count);
			return new String(all, charset);
		}

		/** A full {@link #buf}: grown while small, else kept and followed by a new block. */
		private void next(int more) {
			if (this.buf.length < BLOCK) {
				this.buf = Arrays.copyOf(this.buf, Math.min(BLOCK, Math.max(this.buf.length * 2, this.count + more)));
				return;
			}
			this.full.add(this.buf);
			this.fullSize += this.count;
			this.buf = new byte[BLOCK];
			this.count = 0;
		}

	}

}
