package io.github.llmclient.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.logging.Log;

/**
 * One client JVM, for one scenario: warms up until the JIT compiler has settled, prints
 * {@code READY}, then measures a run for each {@code run} line on its standard input, printing
 * each run's figures as a {@code RESULT} line, until its input ends. The harness drives three of
 * these at a time and interleaves their runs. Runnable by hand for profiling:
 * {@code echo run | java -cp benchmarks.jar io.github.llmclient.benchmarks.ClientMain --client=llm --scenario=S2 --port=...}
 * ({@code --threads} also prints CPU time by thread).
 */
public final class ClientMain {

	private static final Log logger = HarnessLog.get(ClientMain.class);

	/** The longest wait for the compiler to finish what the warm-up gave it. */
	private static final long SETTLE_LIMIT_MILLIS = 30_000;

	/** The runs measured so far: S6 alternates which of its halves goes first. */
	private static int measuredRuns;

	private ClientMain() {
	}

	/**
	 * Warms up, then measures one run per {@code run} line of standard input.
	 * @param args {@code --client=raw|webclient|llm|llm-noquota|llm-floats --scenario=S1|S2|S3|S4|S4x|S5|S6|S7|E1 --port=N --h2c-port=N} and sizes
	 * @throws IOException when the stub cannot be asked for its statistics
	 */
	public static void main(String[] args) throws IOException {
		Options options = Options.parse(args);
		String scenario = options.get("scenario", "S1");
		int port = options.getInt("port", -1);
		int connections = switch (scenario) {
			case "S1" -> options.getInt("s1-concurrency");
			case "S2", "S6", "S7" -> 10;
			case "S3", "S5" -> options.getInt("s3-streams");
			case "S4", "S4x" -> options.getInt("s4-streams");
			case "E1" -> options.getInt("e1-concurrency");
			default -> throw new IllegalArgumentException("Unknown scenario " + scenario + " (S1, S2, S3, S4, S4x, S5, S6, S7, E1)");
		};
		try (BenchClient client = BenchClient.create(options.get("client", "llm"), port,
				options.getInt("h2c-port", -1), connections,
				!"false".equals(options.get("llm-meters", "true")), options.getInt("e1-batch"))) {
			Scenarios scenarios = new Scenarios(client, options, port);
			int warmupRounds = warmUp(scenarios, scenario, options);
			long settleMillis = settle();
			System.out.println("READY warmupRounds=" + warmupRounds + " settleMs=" + settleMillis);
			System.out.flush();
			BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String command = commands.readLine(); "run".equals(command); command = commands.readLine()) {
				Measurement result = measure(scenarios, scenario, options, port);
				result.put("warmupRounds", warmupRounds).put("settleMs", settleMillis);
				System.out.println(result.toLine());
				System.out.flush();
			}
		}
		System.exit(0);
	}

	private static Measurement measure(Scenarios scenarios, String scenario, Options options, int port)
			throws IOException {
		touch(scenarios, scenario, options);
		List<String> threadsBefore = ProcessStats.cpuByThreadGroup();
		long[] before = StubControl.connections(port);
		long[] h2cBefore = StubControl.h2cConnections(port);
		long controlCalls = StubControl.calls();
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		long compiledBefore = compiler.getTotalCompilationTime();
		long allocatedBefore = ProcessStats.allocatedBytes();
		Measurement result = switch (scenario) {
			case "S4x" -> overloadedStreams(scenarios, options);
			case "S1" -> scenarios.chats(options.getInt("s1-requests"));
			case "S2" -> scenarios.sequentialStreams(options.getInt("s2-streams"), StreamContent.TEXT);
			case "S6" -> scenarios.pairedStreams(options.getInt("s2-streams"), (measuredRuns++ % 2) == 0);
			case "S7" -> scenarios.pairedStreams(options.getInt("s2-streams"), (measuredRuns++ % 2) == 0,
					StreamContent.RESPONSES_TEXT);
			case "E1" -> scenarios.embeddings(options.getInt("e1-texts"), options.getInt("e1-calls"));
			case "S4" -> scenarios.concurrentStreams(options.getInt("s4-streams"), options.getInt("s4-chunks"),
					options.getInt("s4-delay-ms"));
			default -> scenarios.concurrentStreams(options.getInt("s3-streams"), options.getInt("s3-chunks"),
					options.getInt("s3-delay-ms"));
		};
		// The h2c connections this client holds at the end of the run (S5: at most 10 wanted).
		long[] h2cAfter = StubControl.h2cConnections(port);
		result.put("h2cOpen", h2cAfter[0] - h2cAfter[1]);
		result.put("h2cNewConnections", h2cAfter[0] - h2cBefore[0]);
		result.put("jitMs", compiler.getTotalCompilationTime() - compiledBefore);
		result.put("allocatedMb", (ProcessStats.allocatedBytes() - allocatedBefore) / 1048576.0);
		long[] after = StubControl.connections(port);
		// The control connections opened since (the last question's included) are not the client's.
		long control = StubControl.calls() - controlCalls;
		result.put("newConnections", after[0] - before[0] - control);
		result.put("closedConnections", after[1] - before[1] - control);
		if (scenario.equals("S4")) {
			Measurement idle = scenarios.idleStreams(options.getInt("s4-streams"));
			result.put("idleRssKbPerStream", idle.get("idleRssKbPerStream"))
				.put("idleHeapKbPerStream", idle.get("idleHeapKbPerStream"))
				.put("idleStreamsValid", idle.valid() ? 1 : 0);
		}
		if (options.flag("threads")) {
			logger.info("CPU by thread, warm-up included, before the measured run: " + threadsBefore);
			logger.info("CPU by thread, warm-up included, after: " + ProcessStats.cpuByThreadGroup());
		}
		return result;
	}

	/**
	 * S4x: S4's streams while a {@link CpuBurner} thread spins on one of the two cores for the whole
	 * run; besides S4's figures, the retries the client spent and the ones its retry quota refused.
	 */
	private static Measurement overloadedStreams(Scenarios scenarios, Options options) {
		BenchClient client = scenarios.client();
		double spentBefore = client.retriesSpent();
		double refusedBefore = client.retriesRefused();
		Measurement result;
		try (CpuBurner burner = CpuBurner.start()) {
			result = scenarios.concurrentStreams(options.getInt("s4-streams"), options.getInt("s4-chunks"),
					options.getInt("s4-delay-ms"));
		}
		return result.put("retries", client.retriesSpent() - spentBefore)
			.put("refusedRetries", client.retriesRefused() - refusedBefore)
			.put("quotaLeft", client.retryQuotaLeft());
	}

	/**
	 * A short run before each measured one: while the other clients ran, this one's pooled
	 * connections may have idled past the pools' 20 s eviction (LlmTemplate's, matched by the
	 * others), and a measured run should not pay for reconnecting when the others did not. S3's
	 * streams last 20 chunks here, long enough to overlap and reopen all the connections; E1's
	 * touch is one batch per connection.
	 */
	private static void touch(Scenarios scenarios, String scenario, Options options) {
		check(switch (scenario) {
			case "S1" -> scenarios.chats(4 * options.getInt("s1-concurrency"));
			case "S2" -> scenarios.sequentialStreams(1, StreamContent.TEXT);
			case "S6" -> scenarios.pairedStreams(1, true);
			case "S7" -> scenarios.pairedStreams(1, true, StreamContent.RESPONSES_TEXT);
			case "E1" -> scenarios.embeddings(Math.min(options.getInt("e1-texts"),
					options.getInt("e1-concurrency") * options.getInt("e1-batch")));
			case "S4", "S4x" -> scenarios.concurrentStreams(options.getInt("s4-streams"), 20, options.getInt("s4-delay-ms"));
			default -> scenarios.concurrentStreams(options.getInt("s3-streams"), 20, options.getInt("s3-delay-ms"));
		});
	}

	/**
	 * Waits, without load, until the JIT compiler has worked off its queue: on two shared cores a
	 * C2 compilation of one of Reactor's large inlined methods takes up to a second, and a backlog
	 * left from the warm-up would compete with the measured run, or with the next client's.
	 * @return how long it took
	 */
	private static long settle() {
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		long start = System.currentTimeMillis();
		long last = compiler.getTotalCompilationTime();
		int quiet = 0;
		// Compilation time is counted when a compilation ends, and one can take a second: only
		// three quiet half-seconds in a row mean the queue is empty.
		while (quiet < 3 && System.currentTimeMillis() - start < SETTLE_LIMIT_MILLIS) {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long now = compiler.getTotalCompilationTime();
			quiet = (now - last < 10) ? quiet + 1 : 0;
			last = now;
		}
		return System.currentTimeMillis() - start;
	}

	/**
	 * Runs the scenario until the JIT compiler has settled: rounds of the scenario while compilation
	 * took over a twentieth of the round's time, at most {@code --warmup-rounds} (default 6, for S2
	 * and S6; 12 for S1, whose first measured runs still compiled 2-3 s after 6; 30 for S3's short
	 * rounds; 12 for E1, whose first round embeds all its texts, the next a quarter each, and whose
	 * measured runs still compiled up to 3.4 s after 6). On two shared cores a
	 * half-compiled client measures its compiler, not its code.
	 * <p>
	 * S3 needs its own recipe. Its measured run starts only 1,000 streams, too few calls for C2 to
	 * compile the per-call path (request building, headers, permits, connection acquisition), and its
	 * paced reads (one event each, timers re-armed) take other branches than unpaced ones: warmed up
	 * with whole unpaced rounds, the Spring-based clients were still compiling 30-100 methods for the
	 * first time in each measured run, a second or more of compiler time. So: two unpaced rounds
	 * for the per-chunk code, then paced rounds of short streams (20 chunks, the same pace) until
	 * compilation settles, then one whole paced round so that all the connections are open.
	 * @return the rounds run
	 */
	private static int warmUp(Scenarios scenarios, String scenario, Options options) {
		if (scenario.equals("S4") || scenario.equals("S4x")) {
			return warmUpS4(scenarios, options);
		}
		boolean s3 = scenario.equals("S3") || scenario.equals("S5");
		int maximum = Math.max(1, options.getInt("warmup-rounds", s3 ? 30 : scenario.matches("S1|E1") ? 12 : 6));
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		int streams = options.getInt("s3-streams");
		int delay = options.getInt("s3-delay-ms");
		int sequentialRound = Math.max(2, options.getInt("s2-streams") / 4);
		// E1: all the texts once (every batch shape the stub and the raw client's CRCs will see, all
		// the connections), then a quarter of them, in whole batches
		int batch = options.getInt("e1-batch");
		int embeddingRound = Math.max(batch, options.getInt("e1-texts") / 4 / batch * batch);
		if (s3) {
			check(scenarios.concurrentStreams(streams, options.getInt("s3-chunks"), 0));
			check(scenarios.concurrentStreams(streams, options.getInt("s3-chunks"), 0));
		}
		int round = 1;
		for (;; round++) {
			long compiledBefore = compiler.getTotalCompilationTime();
			Measurement warm = switch (scenario) {
				case "S1" -> scenarios.chats(options.getInt("s1-requests") / 4);
				case "S2" -> scenarios.sequentialStreams(sequentialRound, StreamContent.TEXT);
				case "S6" -> scenarios.pairedStreams(sequentialRound, (round % 2) == 1);
				case "S7" -> scenarios.pairedStreams(sequentialRound, (round % 2) == 1, StreamContent.RESPONSES_TEXT);
				case "E1" -> scenarios.embeddings((round == 1) ? options.getInt("e1-texts") : embeddingRound);
				default -> scenarios.concurrentStreams(streams, 20, delay);
			};
			check(warm);
			double compiling = compiler.getTotalCompilationTime() - compiledBefore;
			if (round >= maximum || compiling < warm.get("wallMs") / 20) {
				break;
			}
		}
		if (s3) {
			check(scenarios.concurrentStreams(streams, options.getInt("s3-chunks"), delay));
		}
		return round;
	}

	/**
	 * S4's warm-up, shorter than S3's recipe (whose rounds at 10,000 streams would take minutes):
	 * two unpaced rounds of S3's size for the per-chunk code, up to 4 paced rounds of all the
	 * streams with 10 chunks each (the per-call path 10,000 times a round, and all the connections
	 * open) until compilation settles.
	 */
	private static int warmUpS4(Scenarios scenarios, Options options) {
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		int streams = options.getInt("s4-streams");
		int small = Math.min(streams, options.getInt("s3-streams"));
		check(scenarios.concurrentStreams(small, options.getInt("s4-chunks"), 0));
		check(scenarios.concurrentStreams(small, options.getInt("s4-chunks"), 0));
		int round = 1;
		for (;; round++) {
			long compiledBefore = compiler.getTotalCompilationTime();
			Measurement warm = scenarios.concurrentStreams(streams, 10, options.getInt("s4-delay-ms"));
			check(warm);
			double compiling = compiler.getTotalCompilationTime() - compiledBefore;
			if (round >= 4 || compiling < warm.get("wallMs") / 20) {
				return round;
			}
		}
	}

	private static void check(Measurement warm) {
		if (!warm.valid()) {
			logger.warn("warm-up was not clean: " + warm.toLine());
		}
	}

}
