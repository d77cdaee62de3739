package io.github.llmclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The bytes the stub server sends and the answers the clients must reconstruct from them, shared by
 * both sides so that every run checks its result exactly. Modelled on real OpenAI responses: a
 * ~700-byte {@code chat.completion} and ~200-byte {@code chat.completion.chunk} events.
 */
final class Payloads {

	/** The model the requests name. */
	static final String MODEL = "gpt-4o-mini";

	/** The question every request asks. */
	static final String PROMPT = "Explain server-sent events in one paragraph.";

	/** The answer of every non-streaming chat. */
	static final String CHAT_ANSWER = "Server-sent events let a server push text events to a client over one"
			+ " long-lived HTTP response: a few \"field: value\" lines per event, ended by a blank line.";

	/** The content of the stream's chunks, in a cycle; some need JSON escapes or several UTF-8 bytes. */
	static final String[] TOKENS = { " The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog",
			".", " Ça", " va", " très", " bien", " 你好", "\n" };

	private static final String ID = "chatcmpl-B9MBs8CjcvOU2jLn";

	private static final String CHUNK_HEAD = "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\","
			+ "\"created\":1741569952,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":";

	/** The chat completion body the server answers with. */
	static final byte[] CHAT_RESPONSE = utf8("{\"id\":\"" + ID + "\",\"object\":\"chat.completion\","
			+ "\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":"
			+ "{\"role\":\"assistant\",\"content\":" + json(CHAT_ANSWER) + ",\"refusal\":null,\"annotations\":[]},"
			+ "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":52,"
			+ "\"total_tokens\":76,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
			+ "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
			+ "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
			+ "\"system_fingerprint\":\"fp_06737a9306\"}");

	/** The first event of a stream: the role, no content. */
	static final byte[] STREAM_START = utf8(
			CHUNK_HEAD + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,"
					+ "\"finish_reason\":null}]}\n\n");

	/** The content events, one per entry of {@link #TOKENS}. */
	static final byte[][] CONTENT_EVENTS = contentEvents();

	/** What follows the last content event: the finish reason, the usage chunk and the end marker. */
	static final byte[] STREAM_END = utf8(CHUNK_HEAD
			+ "{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n" + "data: {\"id\":\"" + ID
			+ "\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4o-mini\","
			+ "\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[],\"usage\":{\"prompt_tokens\":24,"
			+ "\"completion_tokens\":100,\"total_tokens\":124}}\n\n" + "data: [DONE]\n\n");

	private Payloads() {
	}

	/** The request body a client sends, as a plain user would write it. */
	static byte[] requestBody(boolean stream) {
		String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":" + json(PROMPT) + "}]"
				+ (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
		return utf8(body);
	}

	/** The text a stream of the given number of content chunks spells. */
	static String streamAnswer(int chunks) {
		StringBuilder text = new StringBuilder(chunks * 6);
		for (int i = 0; i < chunks; i++) {
			text.append(TOKENS[i % TOKENS.length]);
		}
		return text.toString();
	}

	/** The whole body of a stream, as the server sends it. */
	static byte[] streamBody(int chunks) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 240 + 1024);
		out.writeBytes(STREAM_START);
		for (int i = 0; i < chunks; i++) {
			out.writeBytes(CONTENT_EVENTS[i % TOKENS.length]);
		}
		out.writeBytes(STREAM_END);
		return out.toByteArray();
	}

	/** The CRC-32 of a stream's body, which the raw client checks instead of parsing. */
	static long streamCrc(int chunks) {
		CRC32 crc = new CRC32();
		crc.update(streamBody(chunks));
		return crc.getValue();
	}

	/** The CRC-32 of the chat response body. */
	static long chatCrc() {
		CRC32 crc = new CRC32();
		crc.update(CHAT_RESPONSE);
		return crc.getValue();
	}

	/** The mean size of a content event, in bytes. */
	static int meanEventSize() {
		int total = 0;
		for (byte[] event : CONTENT_EVENTS) {
			total += event.length;
		}
		return total / CONTENT_EVENTS.length;
	}

	private static byte[][] contentEvents() {
		byte[][] events = new byte[TOKENS.length][];
		for (int i = 0; i < TOKENS.length; i++) {
			events[i] = utf8(CHUNK_HEAD + "{\"content\":" + json(TOKENS[i])
					+ "},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
		}
		return events;
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
