package io.github.llmclient.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.provider.gemini.GeminiAdapter;
import io.github.llmclient.provider.openai.responses.ResponsesAdapter;
import io.github.llmclient.provider.openai.OpenAiAdapter;
import io.github.llmclient.sse.SseDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * A single-threaded micro-benchmark of the streaming hot path without HTTP: the stub's stream
 * bytes, cut into network-sized direct buffers, through {@link SseDecoder} alone and through the
 * decoder plus the OpenAI stream mapper, for S2's text stream and S6's tool-call stream, and the
 * Responses API's mapper for S7's. Reports
 * thread CPU nanoseconds and bytes allocated per chunk (median and minimum of 20 rounds after 20 of
 * warm-up), which the machine's other load disturbs less than wall time, and the tool-call stream's
 * rate against the text stream's. The mapped text, or the tool call's joined arguments, is checked
 * every round: a stream that does not give them back is reported as wrong, with no rate, since a
 * decoder that drops the fragments would look fast. A tool for optimising, not part of the table:
 * {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.DecodeBench [bufferBytes]}.
 */
public final class DecodeBench {

	private static final int CHUNKS = 20_000;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private DecodeBench() {
	}

	/**
	 * Runs the micro-benchmark.
	 * @param args the network buffer size in bytes (default 8192)
	 */
	public static void main(String[] args) {
		int bufferBytes = (args.length > 0) ? Integer.parseInt(args[0]) : 8192;
		OpenAiAdapter adapter = new OpenAiAdapter(URI.create("http://localhost/v1"), null, null, true,
				JsonMapper.builder().build());
		double text = run(StreamContent.TEXT, bufferBytes, adapter);
		double toolCalls = run(StreamContent.TOOL_CALLS, bufferBytes, adapter);
		ProviderAdapter responsesAdapter = new ResponsesAdapter(adapter, URI.create("http://localhost/v1"), Map.of(),
				null, false, JsonMapper.builder().build());
		double responses = run(StreamContent.RESPONSES_TEXT, bufferBytes, responsesAdapter);
		if (!Double.isNaN(text) && !Double.isNaN(responses)) {
			System.out.printf(Locale.ROOT, "Responses text chunk rate / text chunk rate (decode+map, medians): %.3f%n",
					text / responses);
		}
		if (!Double.isNaN(text) && !Double.isNaN(toolCalls)) {
			System.out.printf(Locale.ROOT, "tool-call chunk rate / text chunk rate (decode+map, medians): %.3f%n",
					text / toolCalls);
		}
		ProviderAdapter geminiAdapter = GeminiAdapter.gemini(URI.create("http://localhost/v1beta"), "key", null,
				JsonMapper.builder().build());
		double geminiText = run(StreamContent.GEMINI_TEXT, bufferBytes, geminiAdapter);
		double geminiToolCalls = run(StreamContent.GEMINI_TOOL_CALLS, bufferBytes, geminiAdapter);
		if (!Double.isNaN(text) && !Double.isNaN(geminiText)) {
			System.out.printf(Locale.ROOT, "Gemini text chunk rate / OpenAI text chunk rate (decode+map, medians): %.3f%n",
					text / geminiText);
		}
		if (!Double.isNaN(toolCalls) && !Double.isNaN(geminiToolCalls)) {
			System.out.printf(Locale.ROOT,
					"Gemini tool-call chunk rate / OpenAI tool-call chunk rate (decode+map, medians): %.3f%n",
					toolCalls / geminiToolCalls);
		}
	}

	/** Measures one kind of stream and prints its line; returns the median decode+map ns/chunk. */
	private static double run(StreamContent content, int bufferBytes, ProviderAdapter adapter) {
		byte[] body = content.body(CHUNKS);
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<ByteBuf> slices = new ArrayList<>();
		for (int offset = 0; offset < body.length; offset += bufferBytes) {
			int length = Math.min(bufferBytes, body.length - offset);
			ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length);
			buf.writeBytes(body, offset, length);
			slices.add(buf);
		}
		String expected = content.answer(CHUNKS);
		double[] decodeNs = new double[20];
		double[] mapNs = new double[20];
		double[] mapBytes = new double[20];
		boolean right = true;
		for (int round = 0; round < 40; round++) {
			long start = THREADS.getCurrentThreadCpuTime();
			int events = 0;
			for (int i = 0; i < 5; i++) {
				events += decodeOnly(slices, factory);
			}
			long decode = THREADS.getCurrentThreadCpuTime() - start;
			long allocated = THREADS.getCurrentThreadAllocatedBytes();
			start = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < 5; i++) {
				right &= expected.equals(decodeAndMap(slices, factory, adapter.streamMapper(), content));
			}
			long map = THREADS.getCurrentThreadCpuTime() - start;
			allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
			if (round >= 20) {
				decodeNs[round - 20] = (double) decode / events;
				mapNs[round - 20] = map / (5.0 * CHUNKS);
				mapBytes[round - 20] = allocated / (5.0 * CHUNKS);
			}
		}
		slices.forEach(ByteBuf::release);
		Arrays.sort(decodeNs);
		Arrays.sort(mapNs);
		Arrays.sort(mapBytes);
		System.out.printf(Locale.ROOT,
				"%-10s buffers of %d bytes, ~%d-byte events: decode %.0f ns/event (min %.0f), decode+map %.0f ns/chunk"
						+ " (min %.0f), %.0f B/chunk%s%n",
				label(content), bufferBytes, content.meanEventSize(),
				decodeNs[10], decodeNs[0], mapNs[10], mapNs[0], mapBytes[10],
				right ? "" : (content.answer(1).equals(Payloads.streamAnswer(1))) ? "; WRONG text"
						: "; WRONG arguments (the tool-call fragments were not decoded: no rate)");
		return right ? mapNs[10] : Double.NaN;
	}

	private static String label(StreamContent content) {
		return switch (content) {
			case TEXT -> "text:";
			case TOOL_CALLS -> "tool calls:";
			case RESPONSES_TEXT -> "responses:";
			case GEMINI_TEXT -> "gemini text:";
			case GEMINI_TOOL_CALLS -> "gemini calls:";
		};
	}

	private static int decodeOnly(List<ByteBuf> slices, NettyDataBufferFactory factory) {
		SseDecoder decoder = new SseDecoder();
		int[] count = new int[1];
		for (ByteBuf slice : slices) {
			DataBuffer buffer = factory.wrap(slice.retainedDuplicate());
			decoder.feed(buffer, (event) -> count[0]++);
			DataBufferUtils.release(buffer);
		}
		return count[0];
	}

	/** The stream's text, or the joined arguments of its tool call with index 0. */
	private static String decodeAndMap(List<ByteBuf> slices, NettyDataBufferFactory factory, StreamMapper mapper,
			StreamContent content) {
		SseDecoder decoder = new SseDecoder();
		StringBuilder text = new StringBuilder(CHUNKS * 6);
		boolean toolCalls = content == StreamContent.TOOL_CALLS || content == StreamContent.GEMINI_TOOL_CALLS;
		// Gemini sends each call whole: every call's arguments count, not only index 0's fragments
		boolean everyCall = content == StreamContent.GEMINI_TOOL_CALLS;
		for (ByteBuf slice : slices) {
			DataBuffer buffer = factory.wrap(slice.retainedDuplicate());
			// the in-place path the client takes (StreamReader): the mapper reads the decoder's buffer
			decoder.feed(buffer, (type, data, offset, length, id) -> {
				StreamEvent mapped = mapper.map(type, data, offset, length, id);
				if (mapped instanceof StreamEvent.Chunk chunk) {
					ChatChunk chatChunk = chunk.chunk();
					if (!toolCalls) {
						text.append(chatChunk.content());
						return;
					}
					for (ToolCallDelta delta : chatChunk.toolCalls()) {
						if (delta.index() == 0 || everyCall) {
							text.append(delta.argumentsDelta());
						}
					}
				}
			});
			DataBufferUtils.release(buffer);
		}
		return text.toString();
	}

}
