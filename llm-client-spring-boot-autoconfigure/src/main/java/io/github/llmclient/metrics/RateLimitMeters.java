package io.github.llmclient.metrics;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The rate-limit meters of one client: {@value LlmMetricNames#RATE_LIMIT_WAIT} and
 * {@value LlmMetricNames#RATE_LIMIT_REMAINING} with {@code kind} = {@code requests} |
 * {@code tokens} (NaN until the provider announced a count).
 */
final class RateLimitMeters {

	private RateLimitMeters() {
	}

	static Consumer<Duration> register(MeterRegistry registry, ClientInfo client, LongSupplier remainingRequests,
			LongSupplier remainingTokens) {
		gauge(registry, client, "requests", remainingRequests);
		gauge(registry, client, "tokens", remainingTokens);
		Timer timer = Timer.builder(LlmMetricNames.RATE_LIMIT_WAIT)
			.description("Time LLM calls waited for the client-side rate limit (budget or announced pause)")
			.tag(LlmMetricNames.CLIENT_TAG, client.name())
			.register(registry);
		return timer::record;
	}

	private static void gauge(MeterRegistry registry, ClientInfo client, String kind, LongSupplier value) {
		Gauge existing = registry.find(LlmMetricNames.RATE_LIMIT_REMAINING)
			.tag(LlmMetricNames.CLIENT_TAG, client.name())
			.tag(LlmMetricNames.KIND_TAG, kind)
			.gauge();
		if (existing != null) {
			registry.remove(existing);
		}
		Gauge.builder(LlmMetricNames.RATE_LIMIT_REMAINING, value, (supplier) -> {
			long count = supplier.getAsLong();
			return (count < 0) ? Double.NaN : count;
		})
			.description("Latest remaining count announced by the provider's rate-limit headers")
			.tag(LlmMetricNames.CLIENT_TAG, client.name())
			.tag(LlmMetricNames.KIND_TAG, kind)
			.strongReference(true)
			.register(registry);
	}

}
