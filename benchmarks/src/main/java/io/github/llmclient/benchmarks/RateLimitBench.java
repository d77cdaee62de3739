package io.github.llmclient.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.Provider;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.ratelimit.RateLimitStore;
import io.github.llmclient.ratelimit.RateLimiter;
import io.github.llmclient.ratelimit.RedisRateLimiters;
import io.lettuce.core.RedisClient;
import org.apache.commons.logging.Log;
import reactor.core.publisher.Flux;

/**
 * What one rate-limit acquisition costs a call: a request budget and a token budget, both far
 * from exhausted, held in process ({@code store: local}) and in a real {@code redis-server}
 * ({@code store: redis}, through Bucket4j's Lettuce proxy, which is what the starter uses), each
 * acquisition timed from subscription to the attempt's first signal, one at a time. Reports the
 * median and 99th percentile of 20,000 acquisitions after 5,000 of warm-up, per store. The table
 * is the program's output, on standard output like the other benchmarks'; diagnostics are logged.
 * {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.RateLimitBench [acquisitions]};
 * needs {@code redis-server} on the PATH (Debian: {@code apt-get install redis-server}).
 */
public final class RateLimitBench {

	private static final Log logger = HarnessLog.get(RateLimitBench.class);

	private static final int WARMUP = 5_000;

	private RateLimitBench() {
	}

	public static void main(String[] args) throws Exception {
		int acquisitions = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		String binary = redisServer();
		if (binary == null) {
			logger.error("redis-server is not installed: `sudo apt-get install -y redis-server` (Debian/Ubuntu)");
			System.exit(2);
		}
		int port = freePort();
		Process redis = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
				"--appendonly", "no").redirectErrorStream(true).start();
		RedisClient client = null;
		try {
			awaitReady(redis);
			client = RedisClient.create("redis://127.0.0.1:" + port);
			RedisClient lettuce = client;
			RateLimitSettings local = settings(RateLimitStore.LOCAL);
			RateLimiter inProcess = RateLimiter.local("bench", "openai", local);
			RateLimiter shared = new RedisRateLimiters(() -> lettuce, (name) -> () -> {
			}).create(ClientConfig.builder(Provider.OPENAI)
				.name("bench")
				.baseUrl("http://127.0.0.1:1/v1")
				.rateLimit(settings(RateLimitStore.REDIS))
				.build());
			System.out.println("## Rate-limit acquisition (request + token budget, never exhausted)");
			System.out.println();
			System.out.printf(Locale.ROOT, "%d acquisitions one at a time after %d of warm-up; redis-server %s on loopback%n%n",
					acquisitions, WARMUP, version(binary));
			System.out.println("| store | median µs | p99 µs | mean µs |");
			System.out.println("|---|---:|---:|---:|");
			// alternated, so that the machine's other load falls on both
			for (int round = 0; round < 2; round++) {
				report("local", inProcess, acquisitions, round);
				report("redis", shared, acquisitions, round);
			}
		}
		finally {
			if (client != null) {
				client.shutdown();
			}
			redis.destroy();
		}
	}

	private static RateLimitSettings settings(RateLimitStore store) {
		return new RateLimitSettings(Integer.MAX_VALUE, Integer.MAX_VALUE, store, "bench-" + System.nanoTime(),
				Duration.ofSeconds(30), Duration.ofSeconds(2), 1024, true);
	}

	private static void report(String store, RateLimiter limiter, int acquisitions, int round) {
		time(limiter, WARMUP);
		long[] nanos = time(limiter, acquisitions);
		Arrays.sort(nanos);
		double mean = Arrays.stream(nanos).average().orElse(0);
		if (round == 1) {
			System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", store, nanos[nanos.length / 2] / 1e3,
					nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e3, mean / 1e3);
		}
	}

	private static long[] time(RateLimiter limiter, int count) {
		long[] nanos = new long[count];
		Flux<Integer> attempt = Flux.just(1);
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			// blocking is the harness's own choice: one acquisition at a time, timed from outside
			Integer signal = limiter.limit(attempt, 200, "bench-" + i).blockFirst(Duration.ofSeconds(10));
			nanos[i] = System.nanoTime() - start;
			if (signal == null || signal != 1) {
				throw new IllegalStateException("the attempt did not run after acquisition " + i);
			}
		}
		return nanos;
	}

	private static void awaitReady(Process redis) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(redis.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.contains("Ready to accept connections")) {
				Thread drain = new Thread(() -> {
					try {
						while (reader.readLine() != null) {
							// keep the pipe from filling
						}
					}
					catch (IOException ex) {
						// the server stopped
					}
				}, "redis-output");
				drain.setDaemon(true);
				drain.start();
				return;
			}
		}
		throw new IllegalStateException("redis-server exited before accepting connections");
	}

	private static String version(String binary) {
		try {
			Process process = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			int v = out.indexOf("v=");
			return (v >= 0) ? out.substring(v + 2).split("\\s")[0] : out;
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static String redisServer() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File file = new File(dir, "redis-server");
			if (file.canExecute()) {
				return file.getPath();
			}
		}
		File sbin = new File("/usr/bin/redis-server");
		return sbin.canExecute() ? sbin.getPath() : null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
