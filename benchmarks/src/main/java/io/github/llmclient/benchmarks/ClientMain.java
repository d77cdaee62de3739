package io.github.llmclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client JVM: runs one scenario against the stub with one client, first a warm-up of the same
 * shape, then the measured run, and prints its figures as a {@code RESULT} line for the harness.
 * Runnable by hand for profiling:
 * {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.ClientMain --client=llm --scenario=S2 --port=...}
 * ({@code --threads} also prints CPU time by thread).
 */
public final class ClientMain {

	private ClientMain() {
	}

	/**
	 * Runs one measurement.
	 * @param args {@code --client=raw|webclient|llm --scenario=S1|S2|S3 --port=N} and sizes
	 * @throws IOException when the stub cannot be asked for its statistics
	 */
	public static void main(String[] args) throws IOException {
		Options options = Options.parse(args);
		String scenario = options.get("scenario", "S1");
		int port = options.getInt("port", -1);
		int connections = switch (scenario) {
			case "S1" -> options.getInt("s1-concurrency");
			case "S2" -> 10;
			case "S3" -> options.getInt("s3-streams");
			default -> throw new IllegalArgumentException("Unknown scenario " + scenario + " (S1, S2, S3)");
		};
		Measurement result;
		try (BenchClient client = BenchClient.create(options.get("client", "llm"), port, connections)) {
			Scenarios scenarios = new Scenarios(client, options);
			int warmupRounds = warmUp(scenarios, scenario, options);
			List<String> threadsBefore = ProcessStats.cpuByThreadGroup();
			long[] before = connections(port);
			long compiledBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
			result = measure(scenarios, scenario, options);
			result.put("jitMs", ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiledBefore);
			long[] after = connections(port);
			// The first question's own connection is among those accepted, and closed, in between.
			result.put("newConnections", after[0] - before[0] - 1);
			result.put("closedConnections", after[1] - before[1] - 1);
			result.put("warmupRounds", warmupRounds);
			if (options.flag("threads")) {
				System.err.println("CPU by thread, warm-up included, before the measured run: " + threadsBefore);
				System.err.println("CPU by thread, warm-up included, after: " + ProcessStats.cpuByThreadGroup());
			}
		}
		System.out.println(result.toLine());
		System.exit(0);
	}

	/**
	 * Runs the scenario until the JIT compiler has settled: rounds of the scenario while compilation
	 * took over a tenth of the last round's time, at most {@code --warmup-rounds} (default 6). On
	 * two shared cores a half-compiled client measures its compiler, not its code. S3's rounds run
	 * without the pause between chunks (the same code, in a fifth of the time), and one paced round
	 * follows, so that as many connections are open as the measured run needs.
	 * @return the rounds run
	 */
	private static int warmUp(Scenarios scenarios, String scenario, Options options) {
		int maximum = Math.max(1, options.getInt("warmup-rounds", 6));
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		int round = 1;
		for (;; round++) {
			long compiledBefore = compiler.getTotalCompilationTime();
			Measurement warm = switch (scenario) {
				case "S1" -> scenarios.chats(options.getInt("s1-requests") / 4);
				case "S2" -> scenarios.sequentialStreams(Math.max(2, options.getInt("s2-streams") / 4));
				default -> scenarios.concurrentStreams(options.getInt("s3-streams"), 0);
			};
			check(warm);
			double compiling = compiler.getTotalCompilationTime() - compiledBefore;
			if (round >= maximum || compiling < warm.get("wallMs") / 10) {
				break;
			}
		}
		if (scenario.equals("S3")) {
			check(scenarios.concurrentStreams(options.getInt("s3-streams"), options.getInt("s3-delay-ms")));
			round++;
		}
		return round;
	}

	private static void check(Measurement warm) {
		if (!warm.valid()) {
			System.err.println("warm-up was not clean: " + warm.toLine());
		}
	}

	private static Measurement measure(Scenarios scenarios, String scenario, Options options) {
		return switch (scenario) {
			case "S1" -> scenarios.chats(options.getInt("s1-requests"));
			case "S2" -> scenarios.sequentialStreams(options.getInt("s2-streams"));
			default -> scenarios.concurrentStreams(options.getInt("s3-streams"), options.getInt("s3-delay-ms"));
		};
	}

	/**
	 * Asks the stub how many connections it accepted and saw closed, on a connection of its own,
	 * closed after, so each question counts one of each.
	 */
	private static long[] connections(int port) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/stats")
			.toURL()
			.openConnection();
		connection.setRequestProperty("Connection", "close");
		try (InputStream in = connection.getInputStream()) {
			String[] counts = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
			return new long[] { Long.parseLong(counts[0]), Long.parseLong(counts[1]) };
		}
		finally {
			connection.disconnect();
		}
	}

}
