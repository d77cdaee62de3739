package io.github.llmclient.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The workloads, run against one client: S1 non-streaming chats at a fixed concurrency, S2 long
 * streams one after another, S3 many slow streams at once, S6 S2's streams made of tool-call
 * argument fragments instead of text, E1 a call that embeds 10,000 texts. Every call's answer is checked; errors and wrong answers are
 * counted, never hidden.
 */
final class Scenarios {

	private static final Log logger = HarnessLog.get(Scenarios.class);

	private static final Duration LIMIT = Duration.ofMinutes(5);

	private final BenchClient client;

	private final Options options;

	private final int port;

	Scenarios(BenchClient client, Options options, int port) {
		this.client = client;
		this.options = options;
		this.port = port;
	}

	/** The client these workloads run against. */
	BenchClient client() {
		return this.client;
	}

	/** S1: chats at the given concurrency; req/s, latency percentiles, CPU. */
	Measurement chats(int requests) {
		int concurrency = this.options.getInt("s1-concurrency");
		long[] latencies = new long[requests];
		Tally tally = new Tally();
		long compiler = ProcessStats.compilerCpuNanos();
		long cpu = ProcessStats.cpuNanos();
		long start = System.nanoTime();
		Flux.range(0, requests).flatMap((i) -> Mono.defer(() -> {
			long sent = System.nanoTime();
			return tally.check(this.client.chat()).doOnTerminate(() -> latencies[i] = System.nanoTime() - sent);
		}), concurrency).blockLast(LIMIT);
		long wall = System.nanoTime() - start;
		cpu = ProcessStats.cpuNanos() - cpu;
		compiler = ProcessStats.compilerCpuNanos() - compiler;
		Arrays.sort(latencies);
		return tally.into(new Measurement(), requests).put("wallMs", wall / 1e6)
			.put("perSecond", requests / (wall / 1e9))
			.put("p50Ms", latencies[requests / 2] / 1e6)
			.put("p99Ms", latencies[(int) Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)] / 1e6)
			.put("cpuMs", cpu / 1e6)
			.put("cpuUsPerCall", cpu / 1e3 / requests)
			.put("cpuUsPerCallNetJit", (cpu - compiler) / 1e3 / requests);
	}

	/**
	 * S2: streams one after another, no delay; chunks/s and CPU. Also one half of S6, with
	 * tool-call argument fragments for content.
	 */
	Measurement sequentialStreams(int streams, StreamContent content) {
		int chunks = this.options.getInt("s2-chunks");
		Tally tally = new Tally();
		StreamShape shape = new StreamShape(chunks, 0, this.options.getInt("s2-events-per-write"), content);
		StubControl.shape(this.port, shape);
		long allocated = ProcessStats.allocatedBytes();
		long compiler = ProcessStats.compilerCpuNanos();
		long cpu = ProcessStats.cpuNanos();
		long start = System.nanoTime();
		Flux.range(0, streams).concatMap((i) -> tally.check(this.client.stream(shape))).blockLast(LIMIT);
		long wall = System.nanoTime() - start;
		cpu = ProcessStats.cpuNanos() - cpu;
		compiler = ProcessStats.compilerCpuNanos() - compiler;
		allocated = ProcessStats.allocatedBytes() - allocated;
		return tally.into(new Measurement(), streams).put("wallMs", wall / 1e6)
			.put("perSecond", (double) tally.right.get() * chunks / (wall / 1e9))
			.put("cpuMs", cpu / 1e6)
			.put("cpuUsPerChunk", cpu / 1e3 / ((double) streams * chunks))
			.put("cpuUsPerChunkNetJit", (cpu - compiler) / 1e3 / ((double) streams * chunks))
			.put("allocBPerChunk", (double) allocated / ((double) streams * chunks));
	}

	/**
	 * S6: S2's streams twice over in the same JVM, seconds apart: once with tool-call argument
	 * fragments for content, once with S2's text, in alternating order from run to run. Measured in
	 * one run, the two rates share the machine's state of the moment, which on shared cores moves
	 * more between scenarios, a minute or two apart, than the difference looked for. The figures
	 * are the tool-call half's, the text half's under {@code text…} names, and their ratios: of the
	 * rates, and of the rates the CPU time per chunk implies (text CPU per chunk over tool-call CPU
	 * per chunk), which the machine's other load moves less than wall time.
	 * @param toolCallsFirst whether the tool-call half goes first
	 */
	Measurement pairedStreams(int streams, boolean toolCallsFirst) {
		return pairedStreams(streams, toolCallsFirst, StreamContent.TOOL_CALLS);
	}

	/**
	 * S6 and S7: S2's streams twice over in the same JVM, once with the given content (S6's
	 * tool-call fragments, S7's Responses API text events), once with S2's text; the figures are
	 * the other content's, the text half's under {@code text…} names, and their ratios.
	 * @param otherFirst whether the other content's half goes first
	 * @param other what the other half's streams carry
	 */
	Measurement pairedStreams(int streams, boolean otherFirst, StreamContent other) {
		Measurement toolCalls;
		Measurement text;
		if (otherFirst) {
			toolCalls = sequentialStreams(streams, other);
			text = sequentialStreams(streams, StreamContent.TEXT);
		}
		else {
			text = sequentialStreams(streams, StreamContent.TEXT);
			toolCalls = sequentialStreams(streams, other);
		}
		Measurement paired = new Measurement();
		for (String count : new String[] { "expected", "completed", "wrong", "errors" }) {
			paired.put(count, toolCalls.get(count) + text.get(count));
		}
		for (String figure : new String[] { "perSecond", "cpuMs", "cpuUsPerChunk", "allocBPerChunk" }) {
			paired.put(figure, toolCalls.get(figure));
			paired.put("text" + Character.toUpperCase(figure.charAt(0)) + figure.substring(1), text.get(figure));
		}
		return paired.put("wallMs", toolCalls.get("wallMs") + text.get("wallMs"))
			.put("overText", toolCalls.get("perSecond") / text.get("perSecond"))
			.put("cpuRateOverText", text.get("cpuUsPerChunk") / toolCalls.get("cpuUsPerChunk"));
	}

	/** E1's texts and expected vectors, built once, outside any timed part. */
	private List<String> embeddingTexts = List.of();

	private EmbeddingPayloads.Check embeddingCheck;

	/** E1 with one call: the warm-up's rounds and the touch before a measured run. */
	Measurement embeddings(int texts) {
		return embeddings(texts, 1);
	}

	/**
	 * E1: {@code calls} calls one after the other, each embedding {@code texts} texts in batches,
	 * each timed from its subscription until its last vector is read; then, with the clock stopped,
	 * every value is checked exactly against the expected vectors (a decoder that drops or garbles
	 * values makes the run invalid, not fast). Vectors/s over the calls' summed wall time, CPU per
	 * vector of this JVM and of the stub's (both on the same shared cores), and bytes allocated per
	 * vector by all live threads and by the event-loop threads alone (where the bodies are read and,
	 * for LlmTemplate and WebClient, decoded). Several calls make the measured run last long
	 * enough (seconds, not one call's 0.8 s on a quiet machine) for a collection or a late
	 * compilation not to decide the figure.
	 */
	Measurement embeddings(int texts, int calls) {
		EmbedShape shape = new EmbedShape(this.options.getInt("e1-batch"), this.options.getInt("e1-dimensions"),
				this.options.getInt("e1-concurrency"));
		if (this.embeddingTexts.size() < texts) {
			this.embeddingTexts = EmbeddingPayloads.texts(texts);
		}
		if (this.embeddingCheck == null) {
			this.embeddingCheck = new EmbeddingPayloads.Check(shape.dimensions());
		}
		List<String> inputs = this.embeddingTexts.subList(0, texts);
		int completed = 0;
		int wrong = 0;
		long wall = 0;
		long cpu = 0;
		long allocated = 0;
		long eventLoopAllocated = 0;
		long stubCpu = StubControl.cpuNanos(this.port);
		for (int i = 0; i < calls; i++) {
			Throwable error = null;
			Predicate<EmbeddingPayloads.Check> result = null;
			long eventLoopAllocatedBefore = ProcessStats.eventLoopAllocatedBytes();
			long allocatedBefore = ProcessStats.allocatedBytes();
			long cpuBefore = ProcessStats.cpuNanos();
			long start = System.nanoTime();
			try {
				result = this.client.embed(inputs, shape).block(LIMIT);
			}
			catch (RuntimeException ex) {
				error = ex;
			}
			wall += System.nanoTime() - start;
			cpu += ProcessStats.cpuNanos() - cpuBefore;
			allocated += ProcessStats.allocatedBytes() - allocatedBefore;
			eventLoopAllocated += ProcessStats.eventLoopAllocatedBytes() - eventLoopAllocatedBefore;
			// checked with the clocks stopped
			boolean right = (result != null) && result.test(this.embeddingCheck);
			if (error != null) {
				logger.warn("E1 call failed: " + error);
			}
			else {
				completed++;
				wrong += right ? 0 : 1;
			}
		}
		// the stub's CPU over the calls (and the checks between them, when it idles)
		stubCpu = StubControl.cpuNanos(this.port) - stubCpu;
		long vectors = (long) texts * calls;
		return new Measurement().put("expected", calls)
			.put("completed", completed)
			.put("wrong", wrong)
			.put("errors", calls - completed)
			.put("vectors", vectors)
			.put("wallMs", wall / 1e6)
			.put("perSecond", (completed == calls && wrong == 0) ? vectors / (wall / 1e9) : 0)
			.put("cpuMs", cpu / 1e6)
			.put("cpuUsPerVector", cpu / 1e3 / vectors)
			.put("stubCpuMs", stubCpu / 1e6)
			.put("stubCpuUsPerVector", stubCpu / 1e3 / vectors)
			.put("allocBPerVector", (double) allocated / vectors)
			.put("eventLoopAllocBPerVector", (double) eventLoopAllocated / vectors);
	}

	/** S3: all streams at once, paced by the server; completion, wall time, peak memory. */
	Measurement concurrentStreams(int streams, int chunks, int delayMs) {
		Tally tally = new Tally();
		System.gc();
		boolean rssReset = ProcessStats.resetPeaks();
		StreamShape shape = new StreamShape(chunks, delayMs, 1);
		StubControl.shape(this.port, shape);
		long cpu = ProcessStats.cpuNanos();
		long start = System.nanoTime();
		long[] lastStart = new long[2];
		long subscriberCpu = ProcessStats.threadCpuNanos();
		Flux.range(0, streams).flatMap((i) -> tally.check(Mono.defer(() -> {
			lastStart[0] = System.nanoTime();
			lastStart[1] = ProcessStats.threadCpuNanos();
			return this.client.stream(shape);
		})), streams).blockLast(LIMIT);
		long wall = System.nanoTime() - start;
		cpu = ProcessStats.cpuNanos() - cpu;
		return tally.into(new Measurement(), streams).put("wallMs", wall / 1e6)
			.put("floorMs", (double) chunks * delayMs)
			.put("lastStartMs", (lastStart[0] - start) / 1e6)
			.put("startCpuMs", (lastStart[1] - subscriberCpu) / 1e6)
			.put("peakRssMb", ProcessStats.peakRssBytes() / 1048576.0)
			.put("rssSinceReset", rssReset ? 1 : 0)
			.put("peakHeapMb", ProcessStats.peakHeapBytes() / 1048576.0)
			.put("cpuMs", cpu / 1e6);
	}

	/** How long S4's idle streams stay silent after their first event. */
	private static final Duration IDLE = Duration.ofSeconds(10);

	/**
	 * S4's memory per idle open stream: {@code streams} streams opened at once, each sending its
	 * first event and then nothing for {@link #IDLE}; midway through the silence the resident set
	 * (as it is) and the live heap (after a GC) are compared with theirs just before the streams
	 * opened (after a GC). The deltas divided by the streams are what one idle open stream costs on top
	 * of a JVM that has already run S4 (its heap and Netty's buffer pools already grown, as in a
	 * service that has seen load); the streams then end and are checked.
	 */
	Measurement idleStreams(int streams) {
		Tally tally = new Tally();
		StreamShape shape = new StreamShape(1, (int) IDLE.toMillis(), 1);
		StubControl.shape(this.port, shape);
		System.gc();
		long rssBefore = ProcessStats.rssBytes();
		long heapBefore = usedHeap();
		java.util.concurrent.CompletableFuture<Void> done = Flux.range(0, streams)
			.flatMap((i) -> tally.check(this.client.stream(shape)), streams)
			.then()
			.toFuture();
		long rssIdle;
		long heapIdle;
		try {
			// S4 opens 10,000 streams in 1-2 s: at 60% of the silence all are open and idle.
			Thread.sleep(IDLE.toMillis() * 6 / 10);
			// The resident set as it is (a GC would hand heap back and hide what the streams took),
			// then the live heap after a GC.
			rssIdle = ProcessStats.rssBytes();
			System.gc();
			heapIdle = usedHeap();
			done.get(LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.warn("idle streams failed: " + ex);
			return tally.into(new Measurement(), streams).put("errors", streams);
		}
		return tally.into(new Measurement(), streams)
			.put("idleRssKbPerStream", (rssIdle - rssBefore) / 1024.0 / streams)
			.put("idleHeapKbPerStream", (heapIdle - heapBefore) / 1024.0 / streams);
	}

	private static long usedHeap() {
		return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Counts right answers, wrong answers and errors, keeping the first error for the log. */
	private static final class Tally {

		private final AtomicInteger right = new AtomicInteger();

		private final AtomicInteger wrong = new AtomicInteger();

		private final AtomicInteger errors = new AtomicInteger();

		private final AtomicReference<Throwable> firstError = new AtomicReference<>();

		/** Errors by kind (the exception's class, and a timeout's phase), for the log. */
		private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> kinds = new java.util.concurrent.ConcurrentHashMap<>();

		Mono<Boolean> check(Mono<Boolean> call) {
			return call.doOnNext((ok) -> (ok ? this.right : this.wrong).incrementAndGet())
				.switchIfEmpty(Mono.fromRunnable(this.wrong::incrementAndGet))
				.onErrorResume((ex) -> {
					this.errors.incrementAndGet();
					this.firstError.compareAndSet(null, ex);
					this.kinds.computeIfAbsent(kind(ex), (key) -> new AtomicInteger()).incrementAndGet();
					return Mono.empty();
				});
		}

		Measurement into(Measurement measurement, int expected) {
			Throwable error = this.firstError.get();
			if (error != null) {
				logger.warn("first error: " + error);
				logger.warn("errors by kind: " + new java.util.TreeMap<>(this.kinds));
			}
			return measurement.put("expected", expected)
				.put("completed", this.right.get() + this.wrong.get())
				.put("wrong", this.wrong.get())
				.put("errors", this.errors.get());
		}

		/** The exception's simple name, a timeout's phase, and whether the retry quota refused a retry. */
		private static String kind(Throwable ex) {
			String kind = ex.getClass().getSimpleName();
			if (ex instanceof io.github.llmclient.error.LlmTimeoutException timeout) {
				kind += "(" + timeout.phase() + ")";
			}
			if (io.github.llmclient.retry.RetryQuotaExhaustedException.find(ex) != null) {
				kind += ", quota refused";
			}
			return kind;
		}

	}

}
