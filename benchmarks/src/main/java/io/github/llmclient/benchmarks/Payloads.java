package io.github.llmclient.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The bytes the stub server sends and the answers the clients must reconstruct from them, shared by
 * both sides so that every run checks its result exactly. Modelled on real OpenAI responses: a
 * ~700-byte {@code chat.completion}, ~200-byte {@code chat.completion.chunk} text events, and
 * ~300-byte tool-call argument fragments shaped like a recorded gpt-4o tool-call stream (the
 * openai-python SDK's fixture of {@code test_parse_pydantic_tool}, kept in the autoconfigure module's
 * test fixtures as {@code openai-chat-stream-tool-calls.sse}). {@link StreamContent} puts a stream
 * of either kind together.
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

	/** The id of the tool call that tool-call streams make. */
	static final String TOOL_CALL_ID = "call_c91SqDXlYFuETYv8mUHzz6pp";

	/** The name of the tool that tool-call streams call. */
	static final String TOOL_NAME = "get_weather";

	/**
	 * The argument fragments before the cycle, sent in the stream's first write after the chunk that
	 * announces the call: an object with a list whose first element is the recorded stream's own
	 * arguments, split where the model split them.
	 */
	static final String[] TOOL_HEAD = { "{\"", "locations", "\":[", "{\"", "city", "\":\"", "Ed", "inburgh", "\",\"",
			"country", "\":\"", "UK", "\",\"", "units", "\":\"", "c", "\"}" };

	/**
	 * The argument fragments of a tool-call stream's content chunks, in a cycle that spells one more
	 * element of the list: a few characters each, seven of sixteen with quotes (escaped on the wire),
	 * one with two-byte UTF-8. Any multiple of 16 content chunks makes the arguments valid JSON.
	 */
	static final String[] TOOL_FRAGMENTS = { ",{\"", "city", "\":\"", "S", "ão", " Pa", "ulo", "\",\"", "country",
			"\":\"", "BR", "\",\"", "units", "\":\"", "c", "\"}" };

	/** The argument fragment after the cycle, sent in the stream's last write. */
	static final String TOOL_TAIL = "]}";

	private static final String TOOL_STREAM_ID = "chatcmpl-ABfw8AOXnoa2kzy11vVTSjuQhHCQr";

	private static final String TOOL_CHUNK_HEAD = "data: {\"id\":\"" + TOOL_STREAM_ID
			+ "\",\"object\":\"chat.completion.chunk\",\"created\":1727346176,\"model\":\"gpt-4o-2024-08-06\","
			+ "\"system_fingerprint\":\"fp_7568d46099\",\"choices\":[";

	/**
	 * The first write of a tool-call stream: the chunk that announces the call (role, id, type,
	 * name, empty arguments, as OpenAI sends it), then the fragments of {@link #TOOL_HEAD}.
	 */
	static final byte[] TOOL_STREAM_START = utf8(TOOL_CHUNK_HEAD
			+ "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\""
			+ TOOL_CALL_ID + "\",\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME
			+ "\",\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
			+ String.join("", toolEvents(TOOL_HEAD)));

	/** The content events of tool-call streams, one per entry of {@link #TOOL_FRAGMENTS}. */
	static final byte[][] TOOL_EVENTS = utf8(toolEvents(TOOL_FRAGMENTS));

	/**
	 * What follows a tool-call stream's last content event: the fragment {@link #TOOL_TAIL}, the
	 * finish reason {@code tool_calls}, the usage chunk and the end marker.
	 */
	static final byte[] TOOL_STREAM_END = utf8(toolEvents(new String[] { TOOL_TAIL })[0] + TOOL_CHUNK_HEAD
			+ "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n" + TOOL_CHUNK_HEAD
			+ "],\"usage\":{\"prompt_tokens\":76,\"completion_tokens\":100,\"total_tokens\":176,"
			+ "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n" + "data: [DONE]\n\n");

	private static final String RESPONSE_ID = "resp_68d93041848c819e90d610c34d125a8f03aa6e5a972b3b23";

	private static final String MESSAGE_ID = "msg_68d930427844819ebda216a5dcfbec4603aa6e5a972b3b23";

	/** Per-event {@code obfuscation} padding of the recorded stream's lengths (it pads deltas to a common size). */
	private static final String[] OBFUSCATION = { "8LmeBsRtk", "fl9SWXpF", "tItfifLsvj", "zdbZoDOt", "6DMVR6c4J",
			"nsKh2fZwodc", "QZLnDBWlE7", "fswZpBw0", "ZeEswbWpCj", "Y8X4rhWqjtuKg7r", "yLJffarh", "fNFmrnvE",
			"WYlLsyZT", "4FZhoGBnjNs", "tItfifL", "zdbZoDOtaIM" };

	/** A Responses API response object in progress, as {@code response.created} carries it. */
	private static final String RESPONSE_HEAD = "{\"id\":\"" + RESPONSE_ID + "\",\"object\":\"response\","
			+ "\"created_at\":1759064129,\"status\":\"in_progress\",\"background\":false,\"error\":null,"
			+ "\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,\"model\":\"gpt-5-2025-08-07\",";

	private static final String RESPONSE_TAIL = "\"parallel_tool_calls\":true,\"previous_response_id\":null,"
			+ "\"reasoning\":{\"effort\":\"minimal\",\"summary\":null},\"service_tier\":\"default\",\"store\":false,"
			+ "\"temperature\":1.0,\"text\":{\"format\":{\"type\":\"text\"},\"verbosity\":\"medium\"},"
			+ "\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,\"truncation\":\"disabled\",";

	/**
	 * The first write of a Responses API text stream (S7), shaped like a stream recorded from
	 * api.openai.com (the autoconfigure module's {@code openai-responses-stream-tool-result.sse}):
	 * {@code response.created}, {@code response.in_progress}, the message item and its text part.
	 */
	static final byte[] RESPONSES_START = utf8(
			"event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
					+ RESPONSE_HEAD + "\"output\":[]," + RESPONSE_TAIL + "\"usage\":null,\"user\":null,\"metadata\":{}}}\n\n"
					+ "event: response.in_progress\ndata: {\"type\":\"response.in_progress\",\"sequence_number\":1,"
					+ "\"response\":" + RESPONSE_HEAD + "\"output\":[]," + RESPONSE_TAIL
					+ "\"usage\":null,\"user\":null,\"metadata\":{}}}\n\n"
					+ "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\","
					+ "\"sequence_number\":2,\"output_index\":0,\"item\":{\"id\":\"" + MESSAGE_ID
					+ "\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}\n\n"
					+ "event: response.content_part.added\ndata: {\"type\":\"response.content_part.added\","
					+ "\"sequence_number\":3,\"item_id\":\"" + MESSAGE_ID + "\",\"output_index\":0,\"content_index\":0,"
					+ "\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}}\n\n");

	/** The Responses API's text events (S7), one per entry of {@link #TOKENS}. */
	static final byte[][] RESPONSES_EVENTS = responsesEvents();

	/**
	 * What follows the last text event of a Responses API stream: the text, part and item done, and
	 * the terminal {@code response.completed} with the usage; no {@code [DONE]}. The done events
	 * repeat a short text, not the whole answer: the client reads neither.
	 */
	static final byte[] RESPONSES_END = utf8("event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\","
			+ "\"sequence_number\":99,\"item_id\":\"" + MESSAGE_ID + "\",\"output_index\":0,\"content_index\":0,"
			+ "\"text\":\"(the answer)\",\"logprobs\":[]}\n\n"
			+ "event: response.content_part.done\ndata: {\"type\":\"response.content_part.done\",\"sequence_number\":100,"
			+ "\"item_id\":\"" + MESSAGE_ID + "\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\","
			+ "\"annotations\":[],\"logprobs\":[],\"text\":\"(the answer)\"}}\n\n"
			+ "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"sequence_number\":101,"
			+ "\"output_index\":0,\"item\":{\"id\":\"" + MESSAGE_ID + "\",\"type\":\"message\",\"status\":\"completed\","
			+ "\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"(the answer)\"}],"
			+ "\"role\":\"assistant\"}}\n\n"
			+ "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":102,\"response\":"
			+ RESPONSE_HEAD.replace("in_progress", "completed") + "\"output\":[{\"id\":\"" + MESSAGE_ID
			+ "\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{\"type\":\"output_text\","
			+ "\"annotations\":[],\"logprobs\":[],\"text\":\"(the answer)\"}],\"role\":\"assistant\"}],"
			+ RESPONSE_TAIL + "\"usage\":{\"input_tokens\":24,\"input_tokens_details\":{\"cached_tokens\":0},"
			+ "\"output_tokens\":100,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":124},"
			+ "\"user\":null,\"metadata\":{}}}\n\n");

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

	/**
	 * The arguments text a tool-call stream of the given number of content chunks spells once its
	 * fragments are joined.
	 */
	static String toolArguments(int chunks) {
		StringBuilder text = new StringBuilder(chunks * 4 + 64);
		for (String fragment : TOOL_HEAD) {
			text.append(fragment);
		}
		for (int i = 0; i < chunks; i++) {
			text.append(TOOL_FRAGMENTS[i % TOOL_FRAGMENTS.length]);
		}
		return text.append(TOOL_TAIL).toString();
	}

	/** The CRC-32 of the chat response body. */
	static long chatCrc() {
		CRC32 crc = new CRC32();
		crc.update(CHAT_RESPONSE);
		return crc.getValue();
	}

	private static byte[][] contentEvents() {
		byte[][] events = new byte[TOKENS.length][];
		for (int i = 0; i < TOKENS.length; i++) {
			events[i] = utf8(CHUNK_HEAD + "{\"content\":" + json(TOKENS[i])
					+ "},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
		}
		return events;
	}

	private static byte[][] responsesEvents() {
		byte[][] events = new byte[TOKENS.length][];
		for (int i = 0; i < TOKENS.length; i++) {
			events[i] = utf8("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
					+ "\"sequence_number\":" + (4 + i) + ",\"item_id\":\"" + MESSAGE_ID
					+ "\",\"output_index\":0,\"content_index\":0,\"delta\":" + json(TOKENS[i])
					+ ",\"logprobs\":[],\"obfuscation\":\"" + OBFUSCATION[i] + "\"}\n\n");
		}
		return events;
	}

	/** One tool-call argument event per fragment. */
	private static String[] toolEvents(String[] fragments) {
		String[] events = new String[fragments.length];
		for (int i = 0; i < fragments.length; i++) {
			events[i] = TOOL_CHUNK_HEAD + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
					+ json(fragments[i]) + "}}]},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
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

	private static byte[][] utf8(String[] texts) {
		byte[][] bytes = new byte[texts.length][];
		for (int i = 0; i < texts.length; i++) {
			bytes[i] = utf8(texts[i]);
		}
		return bytes;
	}

}
