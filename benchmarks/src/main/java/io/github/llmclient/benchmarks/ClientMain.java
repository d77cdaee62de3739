package io.github.llmclient.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One client JVM: runs one scenario against the stub with one client, first a warm-up of the same
 * shape, then the measured run, and prints its figures as a {@code RESULT} line for the harness.
 * Runnable by hand for profiling:
 * {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.ClientMain --client=llm --scenario=S2 --port=...}.
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
			warmUp(scenarios, scenario, options);
			long[] before = connections(port);
			result = measure(scenarios, scenario, options);
			long[] after = connections(port);
			// The first question's own connection is among those accepted, and closed, in between.
			result.put("newConnections", after[0] - before[0] - 1);
			result.put("closedConnections", after[1] - before[1] - 1);
		}
		System.out.println(result.toLine());
		System.exit(0);
	}

	private static void warmUp(Scenarios scenarios, String scenario, Options options) {
		// Two rounds for S3: in the first, still cold, clients subscribe their streams so slowly that
		// early ones finish before the last start, and fewer connections get opened than the
		// measured run needs.
		int rounds = options.getInt("warmup-rounds", scenario.equals("S3") ? 2 : 1);
		for (int i = 0; i < rounds; i++) {
			Measurement warm = switch (scenario) {
				case "S1" -> scenarios.chats(options.getInt("s1-requests") / 2);
				case "S2" -> scenarios.sequentialStreams(Math.max(2, options.getInt("s2-streams") / 4));
				default -> scenarios.concurrentStreams(options.getInt("s3-streams"));
			};
			if (!warm.valid()) {
				System.err.println("warm-up was not clean: " + warm.toLine());
			}
		}
	}

	private static Measurement measure(Scenarios scenarios, String scenario, Options options) {
		return switch (scenario) {
			case "S1" -> scenarios.chats(options.getInt("s1-requests"));
			case "S2" -> scenarios.sequentialStreams(options.getInt("s2-streams"));
			default -> scenarios.concurrentStreams(options.getInt("s3-streams"));
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
