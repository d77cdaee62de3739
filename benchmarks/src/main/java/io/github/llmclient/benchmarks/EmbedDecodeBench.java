package io.github.llmclient.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.llmclient.provider.gemini.GeminiAdapter;
import io.netty.buffer.PooledByteBufAllocator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * A single-threaded micro-benchmark of E1's decoding without HTTP: one {@code batchEmbedContents}
 * body of 100 vectors × 1,536 dimensions (the stub's bytes) read by the Gemini adapter, from one
 * {@code byte[]} and as the client reads it, from pooled direct Netty buffers of 16 KB joined
 * without a copy; and read as a plain WebClient user's {@code bodyToMono} reads it (Jackson into
 * records with a {@code float[]}, default mapper, from the same pooled buffers). Reports thread CPU and bytes allocated per vector (median and
 * minimum of 20 rounds after 20 of warm-up); every round's vectors are checked against the
 * expected floats. {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.EmbedDecodeBench}.
 */
public final class EmbedDecodeBench {

	private static final int VECTORS = 100;

	private static final int DIMENSIONS = 1536;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private EmbedDecodeBench() {
	}

	/**
	 * Runs the micro-benchmark.
	 * @param args none
	 */
	public static void main(String[] args) {
		byte[] body = GeminiPayloads.embeddings(0, VECTORS, DIMENSIONS);
		GeminiAdapter adapter = GeminiAdapter.gemini(URI.create("http://localhost/v1beta"), "key", null,
				JsonMapper.builder().build());
		JsonMapper plain = JsonMapper.builder().build();
		DataBuffer pooled = pooled(body);
		run("LlmTemplate's reader, byte[]", () -> adapter.readEmbeddings(body, VECTORS).embeddings());
		double llm = run("LlmTemplate's reader, pooled", () -> {
			pooled.readPosition(0);
			return adapter.readEmbeddings(pooled, VECTORS).embeddings();
		});
		double jackson = run("Jackson into float[] records", () -> {
			pooled.readPosition(0);
			return plain.readValue(pooled.asInputStream(), GeminiWebClient.BatchResponse.class)
				.embeddings()
				.stream()
				.map(GeminiWebClient.Embedding::values)
				.toList();
		});
		DataBufferUtils.release(pooled);
		System.out.printf(Locale.ROOT, "%d-byte body; Jackson's CPU per vector / LlmTemplate's (medians): %.2f%n",
				body.length, jackson / llm);
	}

	/** The body as the client receives it: pooled direct buffers of 16 KB, joined. */
	private static DataBuffer pooled(byte[] body) {
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		List<DataBuffer> parts = new ArrayList<>();
		for (int at = 0; at < body.length; at += 16384) {
			int length = Math.min(16384, body.length - at);
			parts.add(factory.wrap(PooledByteBufAllocator.DEFAULT.directBuffer(length).writeBytes(body, at, length)));
		}
		return factory.join(parts);
	}

	private static double run(String name, java.util.function.Supplier<List<float[]>> decode) {
		double[] ns = new double[20];
		double[] bytes = new double[20];
		boolean right = true;
		for (int round = 0; round < 40; round++) {
			long allocated = THREADS.getCurrentThreadAllocatedBytes();
			long start = THREADS.getCurrentThreadCpuTime();
			List<float[]> vectors = null;
			for (int i = 0; i < 10; i++) {
				vectors = decode.get();
			}
			long cpu = THREADS.getCurrentThreadCpuTime() - start;
			allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
			for (int g = 0; g < VECTORS; g++) {
				right &= Arrays.equals(vectors.get(g), EmbeddingPayloads.vector(g, DIMENSIONS));
			}
			if (round >= 20) {
				ns[round - 20] = cpu / (10.0 * VECTORS);
				bytes[round - 20] = allocated / (10.0 * VECTORS);
			}
		}
		Arrays.sort(ns);
		Arrays.sort(bytes);
		System.out.printf(Locale.ROOT, "%-32s %.1f µs/vector (min %.1f), %.0f B/vector%s%n", name, ns[10] / 1000,
				ns[0] / 1000, bytes[10], right ? "" : "; WRONG vectors");
		return ns[10];
	}

}
