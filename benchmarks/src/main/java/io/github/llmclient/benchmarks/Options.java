package io.github.llmclient.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options, {@code --name=value} (or {@code --flag}), with the full-size defaults of
 * the issue; {@code --quick} divides every count for a run of about a minute. The harness passes
 * its resolved sizes on to each client JVM in the same form.
 */
final class Options {

	/** The option names that size the scenarios, with their full-size defaults. */
	static final Map<String, Integer> SIZES = sizes();

	private final Map<String, String> values = new LinkedHashMap<>();

	private Options() {
	}

	private static Map<String, Integer> sizes() {
		Map<String, Integer> sizes = new LinkedHashMap<>();
		sizes.put("s1-requests", 20_000);
		sizes.put("s1-concurrency", 64);
		sizes.put("s2-streams", 20);
		sizes.put("s2-chunks", 20_000);
		sizes.put("s2-events-per-write", 1);
		sizes.put("s3-streams", 1_000);
		sizes.put("s3-chunks", 100);
		sizes.put("s3-delay-ms", 20);
		sizes.put("s4-streams", 10_000);
		sizes.put("s4-chunks", 100);
		sizes.put("s4-delay-ms", 100);
		sizes.put("e1-texts", 10_000);
		sizes.put("e1-dimensions", 1_536);
		sizes.put("e1-batch", 512);
		sizes.put("e1-concurrency", 4);
		sizes.put("e1-calls", 5);
		return sizes;
	}

	static Options parse(String[] args) {
		Options options = new Options();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + arg + " (options are --name=value)");
			}
			int equals = arg.indexOf('=');
			if (equals < 0) {
				options.values.put(arg.substring(2), "true");
			}
			else {
				options.values.put(arg.substring(2, equals), arg.substring(equals + 1));
			}
		}
		if (options.flag("quick")) {
			options.values.putIfAbsent("s1-requests", "4000");
			options.values.putIfAbsent("s2-streams", "6");
			options.values.putIfAbsent("s2-chunks", "10000");
			options.values.putIfAbsent("s3-streams", "300");
			options.values.putIfAbsent("s4-streams", "2000");
			options.values.putIfAbsent("e1-texts", "2560");
			options.values.putIfAbsent("e1-calls", "2");
			options.values.putIfAbsent("runs", "1");
		}
		return options;
	}

	String get(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int getInt(String name) {
		String value = this.values.get(name);
		if (value != null) {
			return Integer.parseInt(value);
		}
		Integer size = SIZES.get(name);
		if (size == null) {
			throw new IllegalArgumentException("Missing option --" + name);
		}
		return size;
	}

	int getInt(String name, int fallback) {
		String value = this.values.get(name);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(this.values.getOrDefault(name, "false"));
	}

	List<String> list(String name, String fallback) {
		return List.of(get(name, fallback).split(","));
	}

	/** The resolved scenario sizes as arguments for a client JVM. */
	List<String> sizeArguments() {
		List<String> arguments = new ArrayList<>();
		SIZES.keySet().forEach((name) -> arguments.add("--" + name + "=" + getInt(name)));
		return arguments;
	}

}
