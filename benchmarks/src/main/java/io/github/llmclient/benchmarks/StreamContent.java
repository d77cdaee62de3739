package io.github.llmclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/**
 * What a stream's content chunks carry: text deltas (S2, S3), the argument fragments of one tool
 * call (S6), or text deltas of the Responses API (S7). Either way a stream is a first write, a content event per chunk taken in a cycle, and
 * a last write; {@link Payloads} holds the bytes.
 */
enum StreamContent {

	/** Text deltas: the role chunk, content chunks cycling through {@link Payloads#TOKENS}, the end. */
	TEXT(Payloads.STREAM_START, Payloads.CONTENT_EVENTS, Payloads.STREAM_END),

	/**
	 * One tool call: the chunk that announces it and a few fragments, argument fragments cycling
	 * through {@link Payloads#TOOL_FRAGMENTS}, then a last fragment, finish reason {@code tool_calls},
	 * usage and the end.
	 */
	TOOL_CALLS(Payloads.TOOL_STREAM_START, Payloads.TOOL_EVENTS, Payloads.TOOL_STREAM_END),

	/**
	 * Text deltas of OpenAI's Responses API (S7): typed events, the response created, the message
	 * item and its part, {@code response.output_text.delta} events cycling through
	 * {@link Payloads#TOKENS}, then the done events and {@code response.completed}; no {@code [DONE]}.
	 */
	RESPONSES_TEXT(Payloads.RESPONSES_START, Payloads.RESPONSES_EVENTS, Payloads.RESPONSES_END),

	/** {@link #TEXT} in Gemini's stream shape ({@link GeminiPayloads}). */
	GEMINI_TEXT(GeminiPayloads.TEXT_START, GeminiPayloads.TEXT_EVENTS, GeminiPayloads.END),

	/** S6 in Gemini's stream shape: one whole {@code functionCall} per chunk ({@link GeminiPayloads}). */
	GEMINI_TOOL_CALLS(GeminiPayloads.TEXT_START, GeminiPayloads.TOOL_EVENTS, GeminiPayloads.END);

	private final byte[] start;

	private final byte[][] events;

	private final byte[] end;

	StreamContent(byte[] start, byte[][] events, byte[] end) {
		this.start = start;
		this.events = events;
		this.end = end;
	}

	/** The same content in Gemini's stream shape. */
	StreamContent gemini() {
		return switch (this) {
			case TEXT, GEMINI_TEXT, RESPONSES_TEXT -> GEMINI_TEXT;
			case TOOL_CALLS, GEMINI_TOOL_CALLS -> GEMINI_TOOL_CALLS;
		};
	}

	/** The first write of a stream. */
	byte[] start() {
		return this.start;
	}

	/** The event of the content chunk with the given index. */
	byte[] event(int index) {
		return this.events[index % this.events.length];
	}

	/** The last write of a stream. */
	byte[] end() {
		return this.end;
	}

	/**
	 * What a stream of the given number of content chunks spells: the text, or the tool call's
	 * arguments.
	 */
	String answer(int chunks) {
		return switch (this) {
			case TEXT, GEMINI_TEXT, RESPONSES_TEXT -> Payloads.streamAnswer(chunks);
			case TOOL_CALLS -> Payloads.toolArguments(chunks);
			case GEMINI_TOOL_CALLS -> GeminiPayloads.toolArguments(chunks);
		};
	}

	/** The whole body of a stream, as the server sends it. */
	byte[] body(int chunks) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * (meanEventSize() + 8) + 8192);
		out.writeBytes(this.start);
		for (int i = 0; i < chunks; i++) {
			out.writeBytes(event(i));
		}
		out.writeBytes(this.end);
		return out.toByteArray();
	}

	/** The CRC-32 of a stream's body, which the raw client checks instead of parsing. */
	long crc(int chunks) {
		CRC32 crc = new CRC32();
		crc.update(body(chunks));
		return crc.getValue();
	}

	/** The mean size of a content event, in bytes. */
	int meanEventSize() {
		int total = 0;
		for (byte[] event : this.events) {
			total += event.length;
		}
		return total / this.events.length;
	}

}
