package io.github.llmclient.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import io.github.llmclient.retry.RetryQuotaSettings;

/**
 * Prints the results as Markdown tables (ready to paste into BENCHMARKS.md): one per scenario,
 * medians of the runs and ratios to the raw ceiling of the same run, then the targets with
 * whether each holds.
 */
final class ResultTable {

	private final Results results;

	private final Options options;

	private final List<String> clients;

	private final PrintStream out;

	ResultTable(Results results, Options options, List<String> clients, PrintStream out) {
		this.results = results;
		this.options = options;
		this.clients = clients;
		this.out = out;
	}

	void printS1() {
		List<String> clients = BenchmarkMain.clientsOf("S1", this.clients);
		this.out.printf(Locale.ROOT, "%n### S1: %,d non-streaming chats at concurrency %d%n%n",
				this.options.getInt("s1-requests"), this.options.getInt("s1-concurrency"));
		this.out.println("| client | req/s | × raw | p50 ms | p99 ms | client CPU s | CPU µs/chat | CPU µs/chat net of JIT | alloc KB/chat | JIT s | new conns | valid runs |");
		this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : BenchmarkMain.clientsOf("S1", this.clients)) {
			this.out.println(row(client, "S1", fmt(median("S1", client, "perSecond"), 0),
					ratio("S1", client, "raw", "perSecond"), fmt(median("S1", client, "p50Ms"), 2),
					fmt(median("S1", client, "p99Ms"), 2), fmt(median("S1", client, "cpuMs") / 1000, 2),
					fmt(median("S1", client, "cpuUsPerCall"), 1), fmt(median("S1", client, "cpuUsPerCallNetJit"), 1),
					fmt(median("S1", client, "allocatedMb") * 1024 / this.options.getInt("s1-requests"), 1),
					fmt(median("S1", client, "jitMs") / 1000, 2),
					fmt(median("S1", client, "newConnections"), 0)));
		}
	}

	void printS2() {
		this.out.printf(Locale.ROOT, "%n### S2: %d sequential streams × %,d chunks, no delay, %d event(s) per HTTP chunk%n%n",
				this.options.getInt("s2-streams"), this.options.getInt("s2-chunks"),
				this.options.getInt("s2-events-per-write"));
		this.out.println("| client | chunks/s | × raw | client CPU s | CPU µs/chunk | CPU µs/chunk net of JIT | alloc B/chunk | JIT s | new conns | valid runs |");
		this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : BenchmarkMain.clientsOf("S2", this.clients)) {
			this.out.println(row(client, "S2", fmt(median("S2", client, "perSecond"), 0),
					ratio("S2", client, "raw", "perSecond"), fmt(median("S2", client, "cpuMs") / 1000, 2),
					fmt(median("S2", client, "cpuUsPerChunk"), 2), fmt(median("S2", client, "cpuUsPerChunkNetJit"), 2),
					fmt(median("S2", client, "allocatedMb") * 1048576 / this.options.getInt("s2-streams")
							/ this.options.getInt("s2-chunks"), 0),
					fmt(median("S2", client, "jitMs") / 1000, 2),
					fmt(median("S2", client, "newConnections"), 0)));
		}
	}

	/**
	 * S6: each client's tool-call streams beside S2's text streams measured in the same JVM and the
	 * same run, and the ratios of the two taken within each run: of chunks/s, and "by CPU", S2's CPU
	 * time per chunk over S6's (the rate ratio the CPU cost implies, steadier on shared cores).
	 */
	void printS6() {
		this.out.printf(Locale.ROOT,
				"%n### S6: %d sequential tool-call streams × %,d argument fragments, no delay, %d event(s) per HTTP chunk"
						+ " (~%d-byte events; S2's ~%d), each run beside S2's streams in the same JVM%n%n",
				this.options.getInt("s2-streams"), this.options.getInt("s2-chunks"),
				this.options.getInt("s2-events-per-write"), StreamContent.TOOL_CALLS.meanEventSize(),
				StreamContent.TEXT.meanEventSize());
		this.out.println("| client | chunks/s | × raw | S2 text chunks/s, same run | S6 / S2 | CPU µs/chunk | S2 text CPU µs/chunk | S6 / S2 by CPU | alloc B/chunk | S2 text alloc B/chunk | JIT s | new conns | valid runs |");
		this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : BenchmarkMain.clientsOf("S6", this.clients)) {
			this.out.println(row(client, "S6", fmt(median("S6", client, "perSecond"), 0),
					ratio("S6", client, "raw", "perSecond"), fmt(median("S6", client, "textPerSecond"), 0),
					fmt(median("S6", client, "overText"), 3), fmt(median("S6", client, "cpuUsPerChunk"), 2),
					fmt(median("S6", client, "textCpuUsPerChunk"), 2), fmt(median("S6", client, "cpuRateOverText"), 3),
					fmt(median("S6", client, "allocBPerChunk"), 0), fmt(median("S6", client, "textAllocBPerChunk"), 0),
					fmt(median("S6", client, "jitMs") / 1000, 2), fmt(median("S6", client, "newConnections"), 0)));
		}
	}

	/**
	 * S7: LlmTemplate's Responses API text streams (typed events, {@code POST /responses}) beside
	 * S2's Chat Completions text streams in the same JVM and run, and the ratios taken within each run.
	 */
	void printS7() {
		this.out.printf(Locale.ROOT,
				"%n### S7: %d sequential Responses API text streams × %,d response.output_text.delta events, no delay,"
						+ " %d event(s) per HTTP chunk (~%d-byte events; S2's ~%d), each run beside S2's streams in the same JVM%n%n",
				this.options.getInt("s2-streams"), this.options.getInt("s2-chunks"),
				this.options.getInt("s2-events-per-write"), StreamContent.RESPONSES_TEXT.meanEventSize(),
				StreamContent.TEXT.meanEventSize());
		this.out.println("| client | chunks/s | S2 text chunks/s, same run | S7 / S2 | CPU µs/chunk | S2 text CPU µs/chunk | S7 / S2 by CPU | alloc B/chunk | S2 text alloc B/chunk | JIT s | valid runs |");
		this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : BenchmarkMain.clientsOf("S7", this.clients)) {
			this.out.println(row(client, "S7", fmt(median("S7", client, "perSecond"), 0),
					fmt(median("S7", client, "textPerSecond"), 0), fmt(median("S7", client, "overText"), 3),
					fmt(median("S7", client, "cpuUsPerChunk"), 2), fmt(median("S7", client, "textCpuUsPerChunk"), 2),
					fmt(median("S7", client, "cpuRateOverText"), 3), fmt(median("S7", client, "allocBPerChunk"), 0),
					fmt(median("S7", client, "textAllocBPerChunk"), 0), fmt(median("S7", client, "jitMs") / 1000, 2)));
		}
	}

	void printS3() {
		this.out.printf(Locale.ROOT, "%n### S3: %,d concurrent streams × %d chunks, %d ms apart (floor %.1f s)%n%n",
				this.options.getInt("s3-streams"), this.options.getInt("s3-chunks"), this.options.getInt("s3-delay-ms"),
				this.options.getInt("s3-chunks") * this.options.getInt("s3-delay-ms") / 1000.0);
		this.out.println("| client | all complete | wall s | × raw | last start s | peak RSS MB | peak heap MB | client CPU s | JIT s | new conns | valid runs |");
		this.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : BenchmarkMain.clientsOf("S3", this.clients)) {
			this.out.println(row(client, "S3", this.results.allValid("S3", client) ? "yes" : "**no**",
					fmt(median("S3", client, "wallMs") / 1000, 3), ratio("S3", client, "raw", "wallMs"),
					fmt(median("S3", client, "lastStartMs") / 1000, 3), fmt(median("S3", client, "peakRssMb"), 0),
					fmt(median("S3", client, "peakHeapMb"), 0), fmt(median("S3", client, "cpuMs") / 1000, 2),
					fmt(median("S3", client, "jitMs") / 1000, 2), fmt(median("S3", client, "newConnections"), 0)));
		}
	}

	/**
	 * S4: S3's shape at 10,000 streams, 100 ms apart, over HTTP/1.1 (a connection each), LlmTemplate
	 * against the raw ceiling; and what one idle open stream costs.
	 */
	void printS4() {
		List<String> clients = BenchmarkMain.clientsOf("S4", this.clients);
		this.out.printf(Locale.ROOT, "%n### S4: %,d concurrent streams × %d chunks, %d ms apart, HTTP/1.1 (floor %.1f s)%n%n",
				this.options.getInt("s4-streams"), this.options.getInt("s4-chunks"), this.options.getInt("s4-delay-ms"),
				this.options.getInt("s4-chunks") * this.options.getInt("s4-delay-ms") / 1000.0);
		this.out.println("| client | all complete | wall s | × raw | last start s | peak RSS MB | peak heap MB | client CPU s | JIT s | new conns | idle stream: RSS KB | idle stream: live heap KB | valid runs |");
		this.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : clients) {
			this.out.println(row(client, "S4", this.results.allValid("S4", client) ? "yes" : "**no**",
					fmt(median("S4", client, "wallMs") / 1000, 3), ratio("S4", client, "raw", "wallMs"),
					fmt(median("S4", client, "lastStartMs") / 1000, 3), fmt(median("S4", client, "peakRssMb"), 0),
					fmt(median("S4", client, "peakHeapMb"), 0), fmt(median("S4", client, "cpuMs") / 1000, 2),
					fmt(median("S4", client, "jitMs") / 1000, 2), fmt(median("S4", client, "newConnections"), 0),
					fmt(median("S4", client, "idleRssKbPerStream"), 1),
					fmt(median("S4", client, "idleHeapKbPerStream"), 1)));
		}
	}

	/**
	 * S4x: S4 while a burner thread takes one of the two cores; medians over every run, valid or
	 * not (lost streams are the figure), of the streams completed, failed, the retries spent and
	 * refused, and the wall time.
	 */
	void printS4x() {
		List<String> clients = BenchmarkMain.clientsOf("S4x", this.clients);
		int streams = this.options.getInt("s4-streams");
		this.out.printf(Locale.ROOT,
				"%n### S4x: S4 (%,d concurrent streams × %d chunks, %d ms apart) with a CPU burner thread on one of the"
						+ " two cores (floor %.1f s)%n%n",
				streams, this.options.getInt("s4-chunks"), this.options.getInt("s4-delay-ms"),
				this.options.getInt("s4-chunks") * this.options.getInt("s4-delay-ms") / 1000.0);
		this.out.println("| client | streams completed | failed | retries spent | retries refused by the quota | wall s | client CPU s | all complete, runs |");
		this.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : clients) {
			this.out.println(row(client, "S4x", fmt(medianOfAll("S4x", client, "completed"), 0),
					fmt(medianOfAll("S4x", client, "errors"), 0), fmt(medianOfAll("S4x", client, "retries"), 0),
					fmt(medianOfAll("S4x", client, "refusedRetries"), 0),
					fmt(medianOfAll("S4x", client, "wallMs") / 1000, 3),
					fmt(medianOfAll("S4x", client, "cpuMs") / 1000, 2)));
		}
		if (clients.containsAll(List.of("llm", "llm-noquota"))) {
			double with = medianOfAll("S4x", "llm", "completed");
			double without = medianOfAll("S4x", "llm-noquota", "completed");
			double retriesWith = medianOfAll("S4x", "llm", "retries");
			double retriesWithout = medianOfAll("S4x", "llm-noquota", "retries");
			this.out.printf(Locale.ROOT, "%n| target | measured | holds |%n|---|---:|---|%n");
			this.out.println("| S4x retries spent with the quota ≤ without (medians) | " + fmt(retriesWith, 0) + " vs "
					+ fmt(retriesWithout, 0) + " | " + ((retriesWith <= retriesWithout) ? "yes" : "**no**") + " |");
			this.out.println("| S4x streams completed with the quota ≥ without (medians) | " + fmt(with, 0) + " vs "
					+ fmt(without, 0) + " | " + ((with >= without) ? "yes" : "**no**") + " |");
			this.out.println("| S4x retry quota left at the end of a run (of " + RetryQuotaSettings.DEFAULT_CAPACITY
					+ "; median) | " + fmt(medianOfAll("S4x", "llm", "quotaLeft"), 0) + " | — |");
		}
	}

	/** S5: S3 over h2c beside S3 over HTTP/1.1, both LlmTemplate, in the same run. */
	void printS5() {
		List<String> clients = BenchmarkMain.clientsOf("S5", this.clients);
		this.out.printf(Locale.ROOT, "%n### S5: S3 over h2c, %,d concurrent streams × %d chunks, %d ms apart (floor %.1f s)%n%n",
				this.options.getInt("s3-streams"), this.options.getInt("s3-chunks"), this.options.getInt("s3-delay-ms"),
				this.options.getInt("s3-chunks") * this.options.getInt("s3-delay-ms") / 1000.0);
		this.out.println("| client | all complete | wall s | × HTTP/1.1 | last start s | peak RSS MB | peak heap MB | client CPU s | JIT s | connections held (h2c) | valid runs |");
		this.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : clients) {
			boolean h2c = client.equals("llm-h2c");
			this.out.println(row(client, "S5", this.results.allValid("S5", client) ? "yes" : "**no**",
					fmt(median("S5", client, "wallMs") / 1000, 3), ratio("S5", client, "llm", "wallMs"),
					fmt(median("S5", client, "lastStartMs") / 1000, 3), fmt(median("S5", client, "peakRssMb"), 0),
					fmt(median("S5", client, "peakHeapMb"), 0), fmt(median("S5", client, "cpuMs") / 1000, 2),
					fmt(median("S5", client, "jitMs") / 1000, 2),
					h2c ? fmt(this.results.max("S5", client, "h2cOpen"), 0) + " (max)" : "(HTTP/1.1: one per stream)"));
		}
	}

	/**
	 * E1: calls embedding all the texts, one after the other; vectors/s, CPU per vector of the
	 * client and of the stub, and bytes allocated per vector by all the JVM's live threads and by
	 * its event loops alone. A float[] of the vector is
	 * {@code 16 + 4 × dimensions} bytes, the floor for a client that hands vectors over as arrays.
	 */
	void printE1() {
		List<String> clients = BenchmarkMain.clientsOf("E1", this.clients);
		int texts = this.options.getInt("e1-texts");
		int dimensions = this.options.getInt("e1-dimensions");
		int batch = this.options.getInt("e1-batch");
		this.out.printf(Locale.ROOT,
				"%n### E1: %d calls per run, each embedding %,d texts, %,d dimensions, batches of %d (%d requests), at most %d at once"
						+ " (a float[%d] is %,d bytes)%n%n",
				this.options.getInt("e1-calls"), texts, dimensions, batch, (texts + batch - 1) / batch,
				this.options.getInt("e1-concurrency"), dimensions, 16 + 4 * dimensions);
		this.out.println("| client | response | vectors/s | × raw | × LlmTemplate base64 | client CPU s | CPU µs/vector | CPU × LlmTemplate base64 | stub CPU µs/vector | alloc B/vector | of which event loops | JIT s | new conns | valid runs |");
		this.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (String client : clients) {
			this.out.println(row(client, "E1", client.equals("raw") || client.equals("llm") ? "base64"
					: client.endsWith("-gemini") ? "Gemini JSON floats" : "JSON floats",
					fmt(median("E1", client, "perSecond"), 0), ratio("E1", client, "raw", "perSecond"),
					ratio("E1", client, "llm", "perSecond"), fmt(median("E1", client, "cpuMs") / 1000, 2),
					fmt(median("E1", client, "cpuUsPerVector"), 1), ratio("E1", client, "llm", "cpuUsPerVector"),
					fmt(median("E1", client, "stubCpuUsPerVector"), 1), fmt(median("E1", client, "allocBPerVector"), 0),
					fmt(median("E1", client, "eventLoopAllocBPerVector"), 0),
					fmt(median("E1", client, "jitMs") / 1000, 2), fmt(median("E1", client, "newConnections"), 0)));
		}
	}

	/**
	 * The targets for LlmTemplate, as ratios within each run (those against another client
	 * need all three clients; S6's, against its own text streams, only LlmTemplate).
	 */
	void printTargets(List<String> scenarios) {
		boolean all = this.clients.containsAll(List.of("raw", "webclient", "llm"));
		boolean s6 = this.clients.contains("llm") && scenarios.contains("S6");
		boolean s7 = this.clients.contains("llm") && scenarios.contains("S7");
		List<String> e1Clients = BenchmarkMain.clientsOf("E1", this.clients);
		boolean e1 = scenarios.contains("E1") && e1Clients.contains("llm") && e1Clients.contains("llm-floats");
		boolean e1Web = scenarios.contains("E1") && e1Clients.contains("llm") && e1Clients.contains("webclient");
		boolean budget = this.clients.containsAll(List.of("llm", "llm-budget"))
				&& (scenarios.contains("S1") || scenarios.contains("S3"));
		boolean group = scenarios.contains("S1") && BenchmarkMain.clientsOf("S1", this.clients).contains("llm-group")
				&& this.clients.contains("llm");
		boolean bridge = this.clients.containsAll(List.of("llm", "spring-ai-bridge"))
				&& (scenarios.contains("S1") || scenarios.contains("S2"));
		boolean gemini = this.clients.contains("llm-gemini");
		if (!all && !s6 && !s7 && !e1 && !e1Web && !budget && !group && !bridge && !gemini) {
			return;
		}
		this.out.printf("%n### Targets (LlmTemplate; medians of per-run ratios)%n%n");
		this.out.println("| target | measured | holds |");
		this.out.println("|---|---:|---|");
		if (all) {
			printComparisonTargets(scenarios);
		}
		if (budget && scenarios.contains("S1")) {
			target("S1 req/s with a never-exhausted rate-limit budget ≥ 0.95× without",
					this.results.ratio("S1", "llm-budget", "llm", "perSecond"), 0.95, true);
		}
		if (budget && scenarios.contains("S3")) {
			target("S3 wall time with a never-exhausted rate-limit budget ≤ 1.05× without",
					this.results.ratio("S3", "llm-budget", "llm", "wallMs"), 1.05, false);
		}
		if (group) {
			target("S1 throughput with a group + breakers ≥ 0.95× the plain LlmTemplate",
					this.results.ratio("S1", "llm-group", "llm", "perSecond"), 0.95, true);
			target("the same by client CPU per chat (≤ 1.05×)", this.results.ratio("S1", "llm-group", "llm", "cpuUsPerCall"),
					1.05, false);
		}
		if (bridge && scenarios.contains("S1")) {
			target("S1 client CPU per chat through ChatClient over LlmChatModel ≤ 1.15× LlmTemplate directly",
					this.results.ratio("S1", "spring-ai-bridge", "llm", "cpuUsPerCall"), 1.15, false);
		}
		if (bridge && scenarios.contains("S1")) {
			target("the same, CPU net of the JIT compiler threads (a warm-up that had not settled)",
					this.results.ratio("S1", "spring-ai-bridge", "llm", "cpuUsPerCallNetJit"), 1.15, false);
		}
		if (bridge && scenarios.contains("S1") && this.clients.contains("llm-blocking")) {
			target("(the blocking hop alone) S1 client CPU per chat of LlmTemplate.chat().block() on bounded-elastic "
					+ "threads × LlmTemplate", this.results.ratio("S1", "llm-blocking", "llm", "cpuUsPerCall"), 1.15,
					false);
			target("(ChatClient + the mapping, same threads) S1 through ChatClient × LlmTemplate.chat().block()",
					this.results.ratio("S1", "spring-ai-bridge", "llm-blocking", "cpuUsPerCall"), 1.15, false);
		}
		if (bridge && scenarios.contains("S2") && this.clients.contains("spring-ai-model")) {
			target("(the mapping alone) S2 client CPU per chunk of LlmChatModel.stream, no ChatClient, × LlmTemplate",
					this.results.ratio("S2", "spring-ai-model", "llm", "cpuUsPerChunk"), 1.15, false);
		}
		if (bridge && scenarios.contains("S1") && this.clients.contains("spring-ai-model")) {
			target("(the mapping alone) S1 client CPU per chat of LlmChatModel.call, no ChatClient, × LlmTemplate",
					this.results.ratio("S1", "spring-ai-model", "llm", "cpuUsPerCall"), 1.15, false);
		}
		if (bridge && scenarios.contains("S2")) {
			target("S2 client CPU per chunk through ChatClient over LlmChatModel ≤ 1.15× LlmTemplate directly",
					this.results.ratio("S2", "spring-ai-bridge", "llm", "cpuUsPerChunk"), 1.15, false);
			target("the same, CPU net of the JIT compiler threads",
					this.results.ratio("S2", "spring-ai-bridge", "llm", "cpuUsPerChunkNetJit"), 1.15, false);
		}
		if (s6) {
			target("S6 tool-call chunks/s ≥ 0.90× S2 text chunks/s (same JVM, same run)",
					median("S6", "llm", "overText"), 0.90, true);
			target("the same by CPU time per chunk (S2's over S6's ≥ 0.90)", median("S6", "llm", "cpuRateOverText"),
					0.90, true);
		}
		if (s7) {
			target("S7 Responses API text chunks/s ≥ 0.90× S2 Chat Completions text chunks/s (same JVM, same run)",
					median("S7", "llm", "overText"), 0.90, true);
			target("the same by CPU time per chunk (S2's over S7's ≥ 0.90)", median("S7", "llm", "cpuRateOverText"),
					0.90, true);
		}
		if (all && scenarios.contains("S3")) {
			boolean complete = this.results.allValid("S3", "llm");
			this.out.println("| S3 all streams complete, every run | " + (complete ? "yes" : "no") + " | "
					+ (complete ? "yes" : "**no**") + " |");
			target("S3 wall time ≤ 1.15× raw", this.results.ratio("S3", "llm", "raw", "wallMs"), 1.15, false);
			target("S3 peak RSS ≤ plain WebClient's", this.results.ratio("S3", "llm", "webclient", "peakRssMb"), 1.0,
					false);
		}
		if (scenarios.contains("S4") && this.clients.containsAll(List.of("raw", "llm"))) {
			boolean complete = this.results.allValid("S4", "llm");
			this.out.println("| S4 all streams complete, every run | " + (complete ? "yes" : "no") + " | "
					+ (complete ? "yes" : "**no**") + " |");
			target("S4 peak RSS ≤ 1 GiB (the most of any run, in GiB)", this.results.max("S4", "llm", "peakRssMb") / 1024, 1.0,
					false);
			target("S4 wall time ≤ 1.15× raw", this.results.ratio("S4", "llm", "raw", "wallMs"), 1.15, false);
		}
		if (scenarios.contains("S5") && this.clients.contains("llm")) {
			boolean complete = this.results.allValid("S5", "llm-h2c");
			this.out.println("| S5 all streams complete over h2c, every run | " + (complete ? "yes" : "no") + " | "
					+ (complete ? "yes" : "**no**") + " |");
			double held = this.results.max("S5", "llm-h2c", "h2cOpen");
			this.out.println("| S5 at most 10 connections (most held at a run's end, counted at the stub) | "
					+ fmt(held, 0) + " | " + ((held <= 10) ? "yes" : "**no**") + " |");
			target("S5 wall time ≤ 1.10× S3 over HTTP/1.1 (same run)", this.results.ratio("S5", "llm-h2c", "llm", "wallMs"),
					1.10, false);
		}
		if (e1) {
			target("E1 vectors/s, base64 ≥ 2× JSON floats (both LlmTemplate, same run)",
					this.results.ratio("E1", "llm", "llm-floats", "perSecond"), 2.0, true);
			target("the same by client CPU per vector (JSON floats' over base64's ≥ 2)",
					this.results.ratio("E1", "llm-floats", "llm", "cpuUsPerVector"), 2.0, true);
		}
		if (gemini && this.clients.contains("llm") && scenarios.contains("S2")) {
			target("S2 chunks/s, Gemini stream shape ≥ 0.90× OpenAI's (LlmTemplate, same run)",
					this.results.ratio("S2", "llm-gemini", "llm", "perSecond"), 0.90, true);
			target("the same by client CPU per chunk (OpenAI's over Gemini's ≥ 0.90)",
					this.results.ratio("S2", "llm", "llm-gemini", "cpuUsPerChunk"), 0.90, true);
		}
		if (gemini && this.clients.contains("llm") && scenarios.contains("S6")) {
			target("S6 chunks/s, Gemini tool calls (whole calls) ≥ 0.90× OpenAI's fragments (same run)",
					this.results.ratio("S6", "llm-gemini", "llm", "perSecond"), 0.90, true);
			target("S2 text chunks/s inside S6, Gemini ≥ 0.90× OpenAI's (same run)",
					this.results.ratio("S6", "llm-gemini", "llm", "textPerSecond"), 0.90, true);
		}
		if (gemini && this.clients.contains("webclient-gemini") && scenarios.contains("E1")) {
			target("E1 vectors/s on Gemini ≥ 1.5× plain WebClient + Jackson on the same Gemini bodies",
					this.results.ratio("E1", "llm-gemini", "webclient-gemini", "perSecond"), 1.5, true);
		}
		if (e1Web) {
			target("E1 vectors/s ≥ 2× plain WebClient + Jackson floats", this.results.ratio("E1", "llm", "webclient",
					"perSecond"), 2.0, true);
		}
	}

	private void printComparisonTargets(List<String> scenarios) {
		if (scenarios.contains("S1")) {
			target("S1 throughput ≥ 0.90× plain WebClient", this.results.ratio("S1", "llm", "webclient", "perSecond"),
					0.90, true);
			target("S1 client CPU per chat ≤ 1.20× plain WebClient",
					this.results.ratio("S1", "llm", "webclient", "cpuUsPerCall"), 1.20, false);
		}
		if (scenarios.contains("S2")) {
			target("S2 chunks/s ≥ 2× plain WebClient SSE", this.results.ratio("S2", "llm", "webclient", "perSecond"),
					2.0, true);
			target("S2 chunks/s ≥ 0.70× raw ceiling", this.results.ratio("S2", "llm", "raw", "perSecond"), 0.70, true);
		}
	}

	private void target(String name, double measured, double bound, boolean atLeast) {
		boolean holds = !Double.isNaN(measured) && (atLeast ? measured >= bound : measured <= bound);
		this.out.println("| " + name + " | " + fmt(measured, 3) + "× | " + (holds ? "yes" : "**no**") + " |");
	}

	private String row(String client, String scenario, String... cells) {
		StringBuilder row = new StringBuilder("| ").append(label(client));
		for (String cell : cells) {
			row.append(" | ").append(cell);
		}
		return row.append(" | ").append(this.results.validRuns(scenario, client)).append('/')
			.append(this.results.runs()).append(" |").toString();
	}

	private double medianOfAll(String scenario, String client, String figure) {
		return this.results.medianOfAll(scenario, client, figure);
	}

	private double median(String scenario, String client, String figure) {
		return this.results.median(scenario, client, figure);
	}

	private String ratio(String scenario, String client, String reference, String figure) {
		return fmt(this.results.ratio(scenario, client, reference, figure), 2);
	}

	static String label(String client) {
		return switch (client) {
			case "raw" -> "raw Reactor Netty (ceiling)";
			case "webclient" -> "plain WebClient + Jackson";
			case "llm" -> "LlmTemplate";
			case "llm-floats" -> "LlmTemplate, server ignores base64";
			case "llm-budget" -> "LlmTemplate, rate-limit budget never exhausted";
			case "llm-h2c" -> "LlmTemplate, http2 (h2c)";
			case "llm-group" -> "LlmTemplate, group + breaker";
			case "spring-ai-bridge" -> "Spring AI ChatClient over LlmChatModel";
			case "spring-ai-model" -> "LlmChatModel called directly";
			case "llm-blocking" -> "LlmTemplate, blocking caller (bounded-elastic)";
			case "llm-noquota" -> "LlmTemplate, retry quota off";
			case "llm-gemini" -> "LlmTemplate, Gemini wire format";
			case "webclient-gemini" -> "plain WebClient + Jackson, Gemini bodies";
			default -> client;
		};
	}

	private static String fmt(double value, int decimals) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

}
