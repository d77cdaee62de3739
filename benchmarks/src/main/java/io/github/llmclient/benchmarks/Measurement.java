package io.github.llmclient.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one measured run of one client, passed from the client JVM to the harness as a
 * single {@code RESULT key=value ...} line.
 */
final class Measurement {

	private static final String PREFIX = "RESULT ";

	private final Map<String, Double> values = new LinkedHashMap<>();

	Measurement put(String name, double value) {
		this.values.put(name, value);
		return this;
	}

	double get(String name) {
		Double value = this.values.get(name);
		return (value != null) ? value : Double.NaN;
	}

	/** Whether the run finished with every answer right and no error. */
	boolean valid() {
		return get("errors") == 0 && get("wrong") == 0 && get("completed") == get("expected");
	}

	String toLine() {
		StringBuilder line = new StringBuilder(PREFIX);
		this.values.forEach((name, value) -> line.append(name).append('=').append(value).append(' '));
		return line.toString().trim();
	}

	static boolean isResultLine(String line) {
		return line.startsWith(PREFIX);
	}

	static Measurement parse(String line) {
		Measurement measurement = new Measurement();
		for (String pair : line.substring(PREFIX.length()).split(" ")) {
			int equals = pair.indexOf('=');
			measurement.put(pair.substring(0, equals), Double.parseDouble(pair.substring(equals + 1)));
		}
		return measurement;
	}

}
