package io.github.llmclient.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;

/**
 * The harness: starts the stub server in its own JVM, then for each scenario a JVM per client
 * (each warmed up until its JIT compiler has settled), runs the clients in turn, their order
 * rotated from run to run, and prints the results as Markdown tables with the targets.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--runs=3] [--scenarios=S1,S2,S6,S7,S3,S5,S4,E1,S4x]
 *     [--clients=raw,webclient,llm] [--s1-requests=20000] [--s1-concurrency=64] [--s2-streams=20]
 *     [--s2-chunks=20000] [--s3-streams=1000] [--s3-chunks=100] [--s3-delay-ms=20] [--s4-streams=10000]
 *     [--s4-chunks=100] [--s4-delay-ms=100]
 *     [--e1-texts=10000] [--e1-dimensions=1536] [--e1-batch=512] [--e1-concurrency=4] [--e1-calls=5]
 *     [--client-jvm-args="-Xmx1g"] [--jfr=DIR]
 * </pre>
 * E1 (embeddings) also runs {@code llm-floats}, LlmTemplate against the stub's {@code /floats}
 * route, which answers JSON numbers whatever the request's {@code encoding_format}.
 * S1 also runs {@code llm-group}, a group of two LlmTemplate clients with circuit breakers on.
 * {@code --clients=llm,spring-ai-bridge --scenarios=S1,S2} compares Spring AI's ChatClient over
 * LlmChatModel with LlmTemplate called directly (S1 and S2 only); {@code spring-ai-model} calls
 * the LlmChatModel without ChatClient; {@code llm-blocking} (S1) waits for LlmTemplate's chats with
 * {@code block()} on bounded-elastic threads, as ChatClient's synchronous {@code call()} must: the
 * thread hop the bridge's S1 figure includes, without Spring AI.
 * {@code --clients=…,llm-gemini,webclient-gemini} adds LlmTemplate on Gemini's wire format (S2 and
 * S6 over Gemini's stream shape, E1 over {@code batchEmbedContents}) and, for E1, plain WebClient +
 * Jackson reading the same Gemini bodies.
 * S6 (tool-call streams) takes S2's counts and measures S2's text streams again beside its own,
 * in the same JVM and run, so that the two rates compare; {@code --scenarios=S2,S6} runs only
 * those two, {@code --scenarios=S6} only the pair. S7 does the same with S2's text as the Responses
 * API's typed events ({@code POST /responses}), for LlmTemplate alone.
 * S4x (named only) runs S4 while a
 * {@link CpuBurner} thread of each client JVM spins on one core, with LlmTemplate
 * ({@code llm}, its retry quota on), {@code llm-noquota} (off) and raw.
 */
public final class BenchmarkMain {

	private static final Log logger = HarnessLog.get(BenchmarkMain.class);

	/**
	 * The scenarios, in the order a full run takes them: S6 straight after S2, its reference; E1
	 * (embeddings) last.
	 */
	private static final List<String> SCENARIOS = List.of("S1", "S2", "S6", "S7", "S3", "S5", "S4", "E1");

	/**
	 * The scenarios that run only when named: S4x, S4 on a machine made to starve (a burner
	 * thread takes one of the two cores), LlmTemplate with and without its retry quota beside raw.
	 */
	private static final List<String> ON_REQUEST = List.of("S4x");

	private BenchmarkMain() {
	}

	/**
	 * Runs the benchmarks and prints the results.
	 * @param args options, see the class description
	 * @throws Exception when a JVM cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		List<String> scenarios = options.list("scenarios", String.join(",", SCENARIOS));
		List<String> clients = options.list("clients", "raw,webclient,llm");
		for (String scenario : scenarios) {
			if (!SCENARIOS.contains(scenario) && !ON_REQUEST.contains(scenario)) {
				throw new IllegalArgumentException("Unknown scenario " + scenario + " " + SCENARIOS + " " + ON_REQUEST);
			}
		}
		int runs = options.getInt("runs", 3);
		printMachine(runs);
		Results results = new Results(runs);
		Process server = start(List.of("-Xms256m", "-Xmx512m"), StubServer.class, List.of());
		try {
			int[] ports = readPorts(server);
			for (String scenario : scenarios) {
				runScenario(options, scenario, clientsOf(scenario, clients), runs, ports, results);
			}
		}
		finally {
			server.getOutputStream().close();
			if (!server.waitFor(5, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
		ResultTable table = new ResultTable(results, options, clients, System.out);
		System.out.printf(Locale.ROOT, "%nMedians of %d runs; ratios are taken within each run, then their median.%n",
				runs);
		if (scenarios.contains("S1")) {
			table.printS1();
		}
		if (scenarios.contains("S2")) {
			table.printS2();
		}
		if (scenarios.contains("S6")) {
			table.printS6();
		}
		if (scenarios.contains("S7")) {
			table.printS7();
		}
		if (scenarios.contains("S3")) {
			table.printS3();
		}
		if (scenarios.contains("S5")) {
			table.printS5();
		}
		if (scenarios.contains("S4")) {
			table.printS4();
		}
		if (scenarios.contains("E1")) {
			table.printE1();
		}
		if (scenarios.contains("S4x")) {
			table.printS4x();
		}
		table.printTargets(scenarios);
	}

	/**
	 * Starts a JVM per client, one after another, each warming up and settling while the others
	 * wait idle; then runs the clients in turn, their order rotated from run to run.
	 */
	private static void runScenario(Options options, String scenario, List<String> clients, int runs, int[] ports,
			Results results) throws IOException, InterruptedException {
		Map<String, ClientJvm> jvms = new LinkedHashMap<>();
		try {
			for (String client : clients) {
				long started = System.nanoTime();
				ClientJvm jvm = ClientJvm.start(options, client, scenario, ports[0], ports[1]);
				jvms.put(client, jvm);
				logger.info(String.format(Locale.ROOT, "%s %-28s %s (%.1f s)", scenario, ResultTable.label(client),
						jvm.ready(), (System.nanoTime() - started) / 1e9));
			}
			// One run each that does not count: the first measured run of a JVM paid for what the
			// measuring itself loads and compiles (up to 3-6 s of JIT in S1 and S3), not the client's.
			if (!options.flag("quick")) {
				for (String client : clients) {
					Measurement discarded = jvms.get(client).run();
					logger.info(String.format(Locale.ROOT, "%s run 0 %-28s %s, not counted %s", scenario,
							ResultTable.label(client), discarded.valid() ? "ok" : "INVALID", summary(scenario, discarded)));
				}
			}
			for (int run = 0; run < runs; run++) {
				for (int i = 0; i < clients.size(); i++) {
					String client = clients.get((i + run) % clients.size());
					long started = System.nanoTime();
					Measurement measurement = jvms.get(client).run();
					results.add(scenario, client, run, measurement);
					logger.info(String.format(Locale.ROOT, "%s run %d %-28s %s (%.1f s) %s", scenario, run + 1,
							ResultTable.label(client), measurement.valid() ? "ok" : "INVALID",
							(System.nanoTime() - started) / 1e9, summary(scenario, measurement)));
				}
			}
		}
		finally {
			for (ClientJvm jvm : jvms.values()) {
				jvm.close();
			}
		}
	}

	/**
	 * The clients a scenario runs: {@code llm-floats} (LlmTemplate against a server that answers
	 * embeddings as JSON numbers) only in E1, where it comes with {@code llm} unless the list names
	 * it or leaves {@code llm} out.
	 */
	static List<String> clientsOf(String scenario, List<String> clients) {
		List<String> chosen = new ArrayList<>();
		if (scenario.equals("S4")) {
			// HTTP/1.1 at 10,000 streams: LlmTemplate against the raw ceiling
			clients.stream().filter((client) -> client.equals("raw") || client.equals("llm")).forEach(chosen::add);
			return chosen;
		}
		if (scenario.equals("S7")) {
			// the Responses API's events: only LlmTemplate speaks them
			clients.stream().filter((client) -> client.equals("llm")).forEach(chosen::add);
			return chosen;
		}
		if (scenario.equals("S4x")) {
			// S4 under a CPU burner: the raw ceiling, LlmTemplate with its retry quota and without
			clients.stream().filter((client) -> client.equals("raw") || client.equals("llm")).forEach(chosen::add);
			if (chosen.contains("llm") || clients.contains("llm-noquota")) {
				chosen.add("llm-noquota");
			}
			return chosen;
		}
		if (scenario.equals("S5")) {
			// S3 over h2c against S3 over HTTP/1.1, both LlmTemplate, in the same run
			if (clients.contains("llm") || clients.contains("llm-h2c")) {
				chosen.addAll(List.of("llm", "llm-h2c"));
			}
			return chosen;
		}
		for (String client : clients) {
			// the Gemini clients: llm-gemini in S2, S6 and E1; webclient-gemini in E1
			if ((client.equals("llm-gemini") && !List.of("S2", "S6", "E1").contains(scenario))
					|| (client.equals("webclient-gemini") && !scenario.equals("E1"))) {
				continue;
			}
			if (client.equals("llm-h2c")
					|| (client.equals("llm-budget") && !scenario.equals("S1") && !scenario.equals("S3"))
					|| (client.startsWith("spring-ai-") && !scenario.equals("S1") && !scenario.equals("S2"))
					|| (client.equals("llm-blocking") && !scenario.equals("S1"))) {
				continue;
			}
			if ((!client.equals("llm-floats") || scenario.equals("E1"))
					&& (!client.equals("llm-group") || scenario.equals("S1"))) {
				chosen.add(client);
			}
			if (client.equals("llm") && scenario.equals("S1") && !clients.contains("llm-group")) {
				chosen.add("llm-group");
			}
			if (client.equals("llm") && scenario.equals("E1") && !clients.contains("llm-floats")) {
				chosen.add("llm-floats");
			}
		}
		return chosen;
	}

	/** The run's main figures, for the progress lines. */
	private static String summary(String scenario, Measurement run) {
		String main = switch (scenario) {
			case "S1" -> String.format(Locale.ROOT, "%.0f req/s", run.get("perSecond"));
			case "S2" -> String.format(Locale.ROOT, "%.0f chunks/s", run.get("perSecond"));
			case "S6" -> String.format(Locale.ROOT, "%.0f chunks/s, S2 text %.0f chunks/s, S6 / S2 %.3f",
					run.get("perSecond"), run.get("textPerSecond"), run.get("overText"));
			case "S7" -> String.format(Locale.ROOT, "%.0f chunks/s, S2 text %.0f chunks/s, S7 / S2 %.3f",
					run.get("perSecond"), run.get("textPerSecond"), run.get("overText"));
			case "E1" -> String.format(Locale.ROOT,
					"%.0f vectors/s, CPU %.1f µs/vector (stub %.1f), %.0f B/vector (event loops %.0f), wall %.2f s",
					run.get("perSecond"), run.get("cpuUsPerVector"), run.get("stubCpuUsPerVector"),
					run.get("allocBPerVector"), run.get("eventLoopAllocBPerVector"), run.get("wallMs") / 1000);
			case "S4" -> String.format(Locale.ROOT,
					"wall %.2f s, last start %.2f s, RSS %.0f MB, idle stream %.1f KB RSS / %.1f KB heap", run.get("wallMs") / 1000,
					run.get("lastStartMs") / 1000, run.get("peakRssMb"), run.get("idleRssKbPerStream"),
					run.get("idleHeapKbPerStream"));
			case "S4x" -> String.format(Locale.ROOT, "wall %.2f s, %.0f of %.0f streams complete, %.0f errors, %.0f retries,"
					+ " %.0f refused by the quota", run.get("wallMs") / 1000, run.get("completed"), run.get("expected"),
					run.get("errors"), run.get("retries"), run.get("refusedRetries"));
			case "S5" -> String.format(Locale.ROOT, "wall %.2f s, last start %.2f s, RSS %.0f MB, h2c conns open %.0f",
					run.get("wallMs") / 1000, run.get("lastStartMs") / 1000, run.get("peakRssMb"), run.get("h2cOpen"));
			default -> String.format(Locale.ROOT, "wall %.2f s, last start %.2f s, RSS %.0f MB", run.get("wallMs") / 1000,
					run.get("lastStartMs") / 1000, run.get("peakRssMb"));
		};
		String figures = String.format(Locale.ROOT, "%s, CPU %.2f s, JIT %.2f s", main, run.get("cpuMs") / 1000,
				run.get("jitMs") / 1000);
		if (run.valid()) {
			return figures;
		}
		return figures + String.format(Locale.ROOT, " (of %.0f calls: %.0f completed, %.0f wrong, %.0f errors)",
				run.get("expected"), run.get("completed"), run.get("wrong"), run.get("errors"));
	}

	static Process start(List<String> jvmArguments, Class<?> main, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArguments);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(arguments);
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	/** The stub's HTTP/1.1 port and its h2c port, from its {@code PORT <http1.1> <h2c>} line. */
	private static int[] readPorts(Process server) throws IOException {
		BufferedReader lines = reader(server);
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			if (line.startsWith("PORT ")) {
				String[] ports = line.substring(5).trim().split(" ");
				return new int[] { Integer.parseInt(ports[0]), Integer.parseInt(ports[1]) };
			}
		}
		throw new IOException("The stub server exited before listening");
	}

	static BufferedReader reader(Process process) {
		return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	private static void printMachine(int runs) {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf(Locale.ROOT, "## LlmTemplate benchmarks%n%n");
		System.out.printf(Locale.ROOT,
				"Machine: %d CPUs, %s %s (%s), %s %s; %d runs per figure; stub event ~%d bytes (tool-call fragment ~%d),"
						+ " chat body %d bytes%n",
				runtime.availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
				System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"), runs,
				StreamContent.TEXT.meanEventSize(), StreamContent.TOOL_CALLS.meanEventSize(),
				Payloads.CHAT_RESPONSE.length);
	}

}
