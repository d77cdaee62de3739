package io.github.llmclient.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
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
 * decoder plus the OpenAI stream mapper. Reports thread CPU nanoseconds per chunk (median and minimum of 20 rounds after 20 of warm-up), which the
 * machine's other load disturbs less than wall time. A tool for optimising, not part of the table:
 * {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.DecodeBench [bufferBytes]}.
 */
public final class DecodeBench {

	private static final int CHUNKS = 20_000;

	private DecodeBench() {
	}

	/**
	 * Runs the micro-benchmark.
	 * @param args the network buffer size in bytes (default 8192)
	 */
	public static void main(String[] args) {
		int bufferBytes = (args.length > 0) ? Integer.parseInt(args[0]) : 8192;
		byte[] body = Payloads.streamBody(CHUNKS);
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<ByteBuf> slices = new ArrayList<>();
		for (int offset = 0; offset < body.length; offset += bufferBytes) {
			int length = Math.min(bufferBytes, body.length - offset);
			ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length);
			buf.writeBytes(body, offset, length);
			slices.add(buf);
		}
		OpenAiAdapter adapter = new OpenAiAdapter(URI.create("http://localhost/v1"), null, null, true,
				JsonMapper.builder().build());
		String expected = Payloads.streamAnswer(CHUNKS);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[] decodeNs = new double[20];
		double[] mapNs = new double[20];
		for (int round = 0; round < 40; round++) {
			long start = threads.getCurrentThreadCpuTime();
			int events = 0;
			for (int i = 0; i < 5; i++) {
				events += decodeOnly(slices, factory);
			}
			long decode = threads.getCurrentThreadCpuTime() - start;
			start = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < 5; i++) {
				String text = decodeAndMap(slices, factory, adapter.streamMapper());
				if (!expected.equals(text)) {
					throw new IllegalStateException("wrong text");
				}
			}
			long map = threads.getCurrentThreadCpuTime() - start;
			if (round >= 20) {
				decodeNs[round - 20] = (double) decode / events;
				mapNs[round - 20] = map / (5.0 * CHUNKS);
			}
		}
		Arrays.sort(decodeNs);
		Arrays.sort(mapNs);
		System.out.printf(Locale.ROOT,
				"buffers of %d bytes: decode %.0f ns/event (min %.0f), decode+map %.0f ns/chunk (min %.0f)%n",
				bufferBytes, decodeNs[10], decodeNs[0], mapNs[10], mapNs[0]);
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

	private static String decodeAndMap(List<ByteBuf> slices, NettyDataBufferFactory factory, StreamMapper mapper) {
		SseDecoder decoder = new SseDecoder();
		StringBuilder text = new StringBuilder(CHUNKS * 6);
		for (ByteBuf slice : slices) {
			DataBuffer buffer = factory.wrap(slice.retainedDuplicate());
			decoder.feed(buffer, (event) -> {
				StreamEvent mapped = mapper.map(event);
				if (mapped instanceof StreamEvent.Chunk chunk) {
					ChatChunk chatChunk = chunk.chunk();
					text.append(chatChunk.content());
				}
			});
			DataBufferUtils.release(buffer);
		}
		return text.toString();
	}

}
