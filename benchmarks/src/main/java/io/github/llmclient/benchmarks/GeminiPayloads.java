package io.github.llmclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of Gemini's stream shape ({@code :streamGenerateContent?alt=sse}) and embeddings
 * ({@code :batchEmbedContents}), for the {@code llm-gemini} client: each event a whole
 * {@code GenerateContentResponse} in one {@code data:} line ended by {@code \r\n\r\n}, holding a
 * delta, cumulative {@code usageMetadata} (the output count grows through each cycle of text events),
 * {@code modelVersion} and {@code responseId}, as in the
 * recorded streams of the autoconfigure module's {@code fixtures/gemini/text.chunks.txt}; no end
 * marker, the last event carries {@code finishReason}. Text events carry S2's tokens; tool-call
 * events carry one whole {@code functionCall} each, as Gemini sends them (it never splits
 * arguments), so S6 over Gemini is a stream of parallel calls.
 */
final class GeminiPayloads {

	/** The arguments of every call of a Gemini tool-call stream, as the client serialises them. */
	static final String TOOL_ARGS = "{\"city\":\"São Paulo\",\"country\":\"BR\",\"units\":\"c\"}";

	private static final String TAIL = tail(5);

	private static final String HEAD = "data: {\"candidates\":[{\"content\":{\"parts\":[";

	/** The first event: an empty text part. */
	static final byte[] TEXT_START = utf8(HEAD + "{\"text\":\"\"}]," + TAIL);

	/** The text events, one per entry of {@link Payloads#TOKENS}. */
	static final byte[][] TEXT_EVENTS = textEvents();

	/** The last event: an empty text part, the finish reason and the final usage. */
	static final byte[] END = utf8("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
			+ "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9,"
			+ "\"candidatesTokenCount\":100,\"totalTokenCount\":109,\"promptTokensDetails\":[{\"modality\":\"TEXT\","
			+ "\"tokenCount\":9}]},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"bH6LaZW8Fp_3nsEPqtaSwQ4\"}"
			+ "\r\n\r\n");

	/** The tool-call event: one whole call. */
	static final byte[][] TOOL_EVENTS = { utf8(HEAD + "{\"functionCall\":{\"name\":\"" + Payloads.TOOL_NAME
			+ "\",\"args\":" + TOOL_ARGS + "}}]," + TAIL) };

	private GeminiPayloads() {
	}

	/** What a tool-call stream of the given number of chunks spells: the arguments of every call. */
	static String toolArguments(int chunks) {
		return TOOL_ARGS.repeat(chunks);
	}

	/**
	 * The text events: each with the next token and, as Gemini counts them, cumulative usage, so
	 * that no event's bytes after its parts repeat the event's before (on Vertex AI they would: it
	 * sends no counts until the last event).
	 */
	private static byte[][] textEvents() {
		byte[][] events = new byte[Payloads.TOKENS.length][];
		for (int i = 0; i < events.length; i++) {
			String token = Payloads.TOKENS[i].replace("\n", "\\n");
			events[i] = utf8(HEAD + "{\"text\":\"" + token + "\"}]," + tail(6 + i));
		}
		return events;
	}

	/** What follows the parts of an event: role, index, usage with the given output count, model and id. */
	private static String tail(int candidatesTokens) {
		return "\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9,"
				+ "\"candidatesTokenCount\":" + candidatesTokens + ",\"totalTokenCount\":" + (9 + candidatesTokens)
				+ ",\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}]},"
				+ "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"bH6LaZW8Fp_3nsEPqtaSwQ4\"}\r\n\r\n";
	}

	/**
	 * The {@code batchEmbedContents} answer for inputs {@code first … first + count - 1}: E1's
	 * vectors as JSON arrays of numbers (Gemini has no base64), compact.
	 */
	static byte[] embeddings(int first, int count, int dimensions) {
		byte[] openAi = EmbeddingPayloads.body(first, count, dimensions, false);
		// reuse the numbers: every "embedding":[…] of the OpenAI body becomes {"values":[…]}
		String body = new String(openAi, StandardCharsets.US_ASCII);
		ByteArrayOutputStream out = new ByteArrayOutputStream(openAi.length);
		out.writeBytes("{\"embeddings\":[".getBytes(StandardCharsets.US_ASCII));
		int at = 0;
		for (int i = 0; i < count; i++) {
			int start = body.indexOf('[', body.indexOf("\"embedding\":", at));
			int end = body.indexOf(']', start);
			out.writeBytes(((i > 0) ? ",{\"values\":" : "{\"values\":").getBytes(StandardCharsets.US_ASCII));
			out.write(openAi, start, end + 1 - start);
			out.write('}');
			at = end;
		}
		out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
