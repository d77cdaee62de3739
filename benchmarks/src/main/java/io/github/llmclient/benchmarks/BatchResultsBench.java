package io.github.llmclient.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.commons.logging.Log;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Reads a generated batch-job result file of many lines (OpenAI output-file lines, about 600
 * bytes each, served on loopback as fast as the client reads) through
 * {@code LlmTemplate.batchJobs().results(id)}, and reports result lines per second and the used
 * heap sampled every 50 ms, at each tenth of the file: flat when results are streamed, growing
 * with the file when they are held. Run with a small heap to make the point:
 * {@code java -Xmx256m -cp benchmarks.jar io.github.llmclient.benchmarks.BatchResultsBench [lines]}.
 */
public final class BatchResultsBench {

	private static final Log logger = HarnessLog.get(BatchResultsBench.class);

	private static final int LINES_PER_WRITE = 200;

	private BatchResultsBench() {
	}

	public static void main(String[] args) {
		int lines = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.get("/v1/batches/batch_bench",
						(request, response) -> response.header("Content-Type", "application/json")
							.sendString(Mono.just(batch(lines))))
				.get("/v1/files/file-out/content",
						(request, response) -> response.header("Content-Type", "application/octet-stream")
							.send(Flux.range(0, lines).buffer(LINES_PER_WRITE).map(BatchResultsBench::chunk))))
			.bindNow();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long maxHeap = Runtime.getRuntime().maxMemory();
		try (LlmTemplate template = LlmTemplate.builder(ClientConfig.builder(Provider.OPENAI)
			.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
			.model("gpt-4o-mini")
			.build()).build()) {
			// warm-up: a tenth of the file, so that the measured run is not the JIT's
			template.batchJobs().results("batch_bench").take(lines / 10).blockLast();
			AtomicLong peak = new AtomicLong();
			long[] atTenth = new long[10];
			AtomicLong read = new AtomicLong();
			var sampler = Flux.interval(Duration.ofMillis(50)).subscribe((tick) -> {
				long used = memory.getHeapMemoryUsage().getUsed();
				peak.accumulateAndGet(used, Math::max);
				int tenth = (int) Math.min(9, read.get() * 10 / lines);
				atTenth[tenth] = Math.max(atTenth[tenth], used);
			});
			long start = System.nanoTime();
			Long count = template.batchJobs().results("batch_bench").doOnNext((result) -> {
				if (!result.isSuccess()) {
					throw new IllegalStateException("result " + result.index() + " failed", result.error());
				}
				read.incrementAndGet();
			}).count().block();
			long nanos = System.nanoTime() - start;
			sampler.dispose();
			double seconds = nanos / 1e9;
			System.out.println("## Batch results (" + lines + " result lines through results(id))");
			System.out.println();
			System.out.printf(Locale.ROOT, "max heap %d MiB%n%n", maxHeap >> 20);
			System.out.println("| lines | seconds | result lines/s | peak used heap MiB | used heap MiB at each tenth |");
			System.out.println("|---:|---:|---:|---:|---|");
			StringBuilder tenths = new StringBuilder();
			for (long used : atTenth) {
				tenths.append((tenths.length() > 0) ? " " : "").append(used >> 20);
			}
			System.out.printf(Locale.ROOT, "| %d | %.2f | %.0f | %d | %s |%n", count, seconds, count / seconds,
					peak.get() >> 20, tenths);
		}
		catch (RuntimeException ex) {
			logger.error("Batch results benchmark failed", ex);
			System.exit(1);
		}
		finally {
			server.disposeNow();
		}
	}

	private static String batch(int lines) {
		return "{\"id\":\"batch_bench\",\"object\":\"batch\",\"endpoint\":\"/v1/chat/completions\","
				+ "\"input_file_id\":\"file-in\",\"completion_window\":\"24h\",\"status\":\"completed\","
				+ "\"output_file_id\":\"file-out\",\"created_at\":1733500000,\"completed_at\":1733503600,"
				+ "\"request_counts\":{\"total\":" + lines + ",\"completed\":" + lines + ",\"failed\":0}}";
	}

	private static ByteBuf chunk(List<Integer> indexes) {
		StringBuilder text = new StringBuilder(indexes.size() * 640);
		for (int index : indexes) {
			text.append("{\"id\":\"batch_req_").append(index).append("\",\"custom_id\":\"").append(index)
				.append("\",\"response\":{\"status_code\":200,\"request_id\":\"req_").append(index)
				.append("\",\"body\":{\"id\":\"chatcmpl-").append(index)
				.append("\",\"object\":\"chat.completion\",\"created\":1733500000,\"model\":\"gpt-4o-mini-2024-07-18\","
						+ "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The answer to "
						+ "request number ")
				.append(index)
				.append(" is a short paragraph of generated text, long enough to look like a real summary of a "
						+ "document.\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":"
						+ "{\"prompt_tokens\":120,\"completion_tokens\":40,\"total_tokens\":160,"
						+ "\"prompt_tokens_details\":{\"cached_tokens\":0}},\"system_fingerprint\":\"fp_1\"}},"
						+ "\"error\":null}\n");
		}
		return Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8));
	}

}
