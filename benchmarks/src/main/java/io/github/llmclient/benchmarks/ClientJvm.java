package io.github.llmclient.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A running {@link ClientMain}: started, warmed up, then asked for one run at a time. */
final class ClientJvm implements AutoCloseable {

	private final Process process;

	private final BufferedReader output;

	private final PrintWriter input;

	private final String ready;

	private ClientJvm(Process process) throws IOException {
		this.process = process;
		this.output = BenchmarkMain.reader(process);
		this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.ready = readLine("READY");
	}

	static ClientJvm start(Options options, String client, String scenario, int port, int h2cPort)
			throws IOException {
		List<String> jvm = new ArrayList<>(Arrays.asList(options.get("client-jvm-args", "-Xmx1g").trim().split("\\s+")));
		String jfr = options.get("jfr", "");
		if (!jfr.isEmpty()) {
			Files.createDirectories(Path.of(jfr));
			jvm.add("-XX:StartFlightRecording=settings=profile,filename="
					+ Path.of(jfr, client + "-" + scenario + ".jfr").toAbsolutePath());
		}
		List<String> arguments = new ArrayList<>(options.sizeArguments());
		arguments.addAll(List.of("--client=" + client, "--scenario=" + scenario, "--port=" + port,
				"--h2c-port=" + h2cPort));
		arguments.add("--llm-meters=" + options.get("llm-meters", "true"));
		String warmupRounds = options.get("warmup-rounds", "");
		if (!warmupRounds.isEmpty()) {
			arguments.add("--warmup-rounds=" + warmupRounds);
		}
		return new ClientJvm(BenchmarkMain.start(jvm, ClientMain.class, arguments));
	}

	/** What the JVM said when it was ready, or why it is not. */
	String ready() {
		return (this.ready != null) ? this.ready : "FAILED to start";
	}

	/** Measures one run; a JVM that failed gives an invalid measurement. */
	Measurement run() throws IOException {
		if (this.ready == null) {
			return failed();
		}
		this.input.println("run");
		String line = readLine("RESULT ");
		return (line != null) ? Measurement.parse(line) : failed();
	}

	private String readLine(String prefix) throws IOException {
		for (String line = this.output.readLine(); line != null; line = this.output.readLine()) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		return null;
	}

	private static Measurement failed() {
		return new Measurement().put("errors", 1).put("expected", 1).put("completed", 0).put("wrong", 0);
	}

	@Override
	public void close() throws IOException {
		this.input.close();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
