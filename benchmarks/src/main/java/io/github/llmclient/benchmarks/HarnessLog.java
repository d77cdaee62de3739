package io.github.llmclient.benchmarks;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The harness's progress and diagnostics go through a logger: Commons Logging, which here writes
 * through SLF4J's {@code java.util.logging} provider ({@code slf4j-jdk14}: the autoconfigure module
 * brings in SLF4J's API, and without a provider every line was dropped) to standard error, one
 * line per message. Standard output is kept for what the programs produce: the results table
 * (and {@link DecodeBench}'s figures), and between JVMs the protocol lines the harness parses
 * ({@code PORT}, {@code READY}, one line of figures per run).
 */
final class HarnessLog {

	private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

	static {
		// Bare messages, as the progress lines in BENCHMARKS.md read. Set before the first logger
		// exists: java.util.logging reads the format once, when its console handler is made.
		if (System.getProperty(FORMAT_PROPERTY) == null) {
			System.setProperty(FORMAT_PROPERTY, "%5$s%6$s%n");
		}
	}

	private HarnessLog() {
	}

	/**
	 * A logger.
	 * @param type the class that logs
	 * @return its logger
	 */
	static Log get(Class<?> type) {
		return LogFactory.getLog(type);
	}

}
