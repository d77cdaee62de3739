package io.github.llmclient.sample.meters;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.github.llmclient.LlmTemplates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;

/**
 * Reads the starter's meters for every client and turns the cumulative counters into rates since
 * the previous reading. One per stream (it remembers that stream's previous totals); not
 * thread-safe, which {@code Flux.interval}'s one-at-a-time ticks make safe.
 */
final class MeterReader {

	private final MeterRegistry registry;

	private final LlmTemplates templates;

	private final LongSupplier nanoTime;

	private final Map<String, Double> previous = new HashMap<>();

	private long previousNanos;

	MeterReader(MeterRegistry registry, LlmTemplates templates, LongSupplier nanoTime) {
		this.registry = registry;
		this.templates = templates;
		this.nanoTime = nanoTime;
	}

	MeterReading read(long epochMillis) {
		long now = this.nanoTime.getAsLong();
		double seconds = (this.previousNanos == 0) ? 0 : (now - this.previousNanos) / 1e9;
		this.previousNanos = now;
		Map<String, ClientReading> clients = new LinkedHashMap<>();
		for (String name : new TreeSet<>(this.templates.names())) {
			clients.put(name, client(name, seconds));
		}
		return new MeterReading(epochMillis, clients);
	}

	private ClientReading client(String name, double seconds) {
		double requests = 0;
		for (Counter counter : this.registry.find("llm.client.requests").tag("llm.client", name).counters()) {
			requests += counter.count();
		}
		Map<String, Double> retries = new TreeMap<>();
		for (Counter counter : this.registry.find("llm.client.retries").tag("llm.client", name).counters()) {
			String reason = String.valueOf(counter.getId().getTag("reason"));
			retries.merge(reason, rate(name + "|retries|" + reason, counter.count(), seconds), Double::sum);
		}
		double tokens = 0;
		for (DistributionSummary summary : this.registry.find("gen_ai.client.token.usage")
			.tags("llm.client", name, "gen_ai.token.type", "output")
			.summaries()) {
			tokens += summary.totalAmount();
		}
		Double p50 = null;
		Double p95 = null;
		for (Timer timer : this.registry.find("gen_ai.client.operation.time_to_first_chunk")
			.tag("llm.client", name)
			.timers()) {
			if (timer.count() == 0) {
				continue;
			}
			// Several timers (one per model): the slowest one's percentiles
			for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
				double millis = value.value(TimeUnit.MILLISECONDS);
				if (value.percentile() == 0.5) {
					p50 = (p50 == null) ? millis : Math.max(p50, millis);
				}
				else if (value.percentile() == 0.95) {
					p95 = (p95 == null) ? millis : Math.max(p95, millis);
				}
			}
		}
		Double cost = null;
		String currency = null;
		for (Counter counter : this.registry.find("llm.client.cost").tag("llm.client", name).counters()) {
			cost = ((cost != null) ? cost : 0) + counter.count();
			currency = counter.getId().getBaseUnit();
		}
		return new ClientReading(rate(name + "|requests", requests, seconds), retries,
				rate(name + "|tokens", tokens, seconds), p50, p95, gauge("llm.client.active", name),
				gauge("llm.client.queued", name), waitRate(name, "llm.client.retry.delay", seconds),
				waitRate(name, "llm.client.rate_limit.wait", seconds),
				this.templates.get(name).circuitState().value(), cost, currency);
	}

	private double gauge(String meter, String client) {
		double value = 0;
		for (Gauge gauge : this.registry.find(meter).tag("llm.client", client).gauges()) {
			value += gauge.value();
		}
		return value;
	}

	/** Milliseconds waited per second of the timers of a name. */
	private double waitRate(String client, String meter, double seconds) {
		double millis = 0;
		for (Timer timer : this.registry.find(meter).tag("llm.client", client).timers()) {
			millis += timer.totalTime(TimeUnit.MILLISECONDS);
		}
		return rate(client + "|" + meter, millis, seconds);
	}

	/**
	 * The change of a cumulative total per second since the previous reading; 0 on the first. A
	 * meter that appeared since then (the first retry of a reason) counts from 0.
	 */
	private double rate(String key, double total, double seconds) {
		@Nullable Double before = this.previous.put(key, total);
		if (seconds <= 0) {
			return 0;
		}
		return Math.max(0, (total - ((before != null) ? before : 0)) / seconds);
	}

}
