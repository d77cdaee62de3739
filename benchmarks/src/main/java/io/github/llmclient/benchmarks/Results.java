package io.github.llmclient.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every measurement of a benchmark run, by scenario, client and run number, with the statistics
 * the table reports: medians over runs, and ratios taken within one run (both clients measured
 * minutes apart on the same noisy machine) before their median is taken. Invalid measurements
 * (errors, wrong answers, incomplete streams) count for nothing.
 */
final class Results {

	private final int runs;

	private final Map<String, Measurement[]> measurements = new LinkedHashMap<>();

	Results(int runs) {
		this.runs = runs;
	}

	void add(String scenario, String client, int run, Measurement measurement) {
		this.measurements.computeIfAbsent(key(scenario, client), (key) -> new Measurement[this.runs])[run] = measurement;
	}

	/** The median of a figure over the valid runs, or NaN when there is none. */
	double median(String scenario, String client, String figure) {
		List<Double> values = new ArrayList<>();
		for (Measurement measurement : runsOf(scenario, client)) {
			if (measurement != null && measurement.valid()) {
				values.add(measurement.get(figure));
			}
		}
		return median(values);
	}

	/**
	 * The median of a figure over every run that happened, valid or not: S4x counts the streams
	 * an overloaded client lost, so its runs are expected to be invalid.
	 */
	double medianOfAll(String scenario, String client, String figure) {
		List<Double> values = new ArrayList<>();
		for (Measurement measurement : runsOf(scenario, client)) {
			if (measurement != null && !Double.isNaN(measurement.get(figure))) {
				values.add(measurement.get(figure));
			}
		}
		return median(values);
	}

	/** The largest value of a figure over all runs, valid or not, or NaN when there is none. */
	double max(String scenario, String client, String figure) {
		double max = Double.NaN;
		for (Measurement measurement : runsOf(scenario, client)) {
			if (measurement != null && !Double.isNaN(measurement.get(figure)) && !(measurement.get(figure) <= max)) {
				max = measurement.get(figure);
			}
		}
		return max;
	}

	/** The median over runs of {@code client / reference} for a figure, both from the same run. */
	double ratio(String scenario, String client, String reference, String figure) {
		Measurement[] mine = runsOf(scenario, client);
		Measurement[] theirs = runsOf(scenario, reference);
		List<Double> values = new ArrayList<>();
		for (int run = 0; run < this.runs; run++) {
			if (mine[run] != null && theirs[run] != null && mine[run].valid() && theirs[run].valid()) {
				values.add(mine[run].get(figure) / theirs[run].get(figure));
			}
		}
		return median(values);
	}

	/** How many runs were valid. */
	int validRuns(String scenario, String client) {
		int valid = 0;
		for (Measurement measurement : runsOf(scenario, client)) {
			if (measurement != null && measurement.valid()) {
				valid++;
			}
		}
		return valid;
	}

	/** Whether every run happened and was valid. */
	boolean allValid(String scenario, String client) {
		return validRuns(scenario, client) == this.runs;
	}

	int runs() {
		return this.runs;
	}

	private Measurement[] runsOf(String scenario, String client) {
		return this.measurements.getOrDefault(key(scenario, client), new Measurement[this.runs]);
	}

	private static String key(String scenario, String client) {
		return scenario + "/" + client;
	}

	private static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
