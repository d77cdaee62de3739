package io.github.llmclient.sample.meters;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One client's figures at one moment, as the live panel draws them. Rates are per second over the
 * time since the previous reading of the same stream (0 on its first reading).
 *
 * @param requestsPerSecond HTTP attempts ({@code llm.client.requests})
 * @param retriesPerSecond retries by reason ({@code llm.client.retries}, tag {@code reason})
 * @param tokensPerSecond output tokens ({@code gen_ai.client.token.usage}, {@code gen_ai.token.type=output})
 * @param firstChunkP50Millis median time to first chunk
 * ({@code gen_ai.client.operation.time_to_first_chunk}), null before the first stream
 * @param firstChunkP95Millis its 95th percentile, null before the first stream
 * @param active requests holding a permit now ({@code llm.client.active})
 * @param queued requests waiting for a permit now ({@code llm.client.queued})
 * @param retryWaitMillisPerSecond backoff and Retry-After waits slept ({@code llm.client.retry.delay})
 * @param budgetWaitMillisPerSecond waits for the shared rate-limit budget ({@code llm.client.rate_limit.wait})
 * @param circuit {@code closed}, {@code open}, {@code half-open} or {@code disabled}
 * @param cost the cost so far ({@code llm.client.cost}), null when no model of the client has prices
 * @param currency the cost's currency, null with it
 */
public record ClientReading(double requestsPerSecond, Map<String, Double> retriesPerSecond, double tokensPerSecond,
		@Nullable Double firstChunkP50Millis, @Nullable Double firstChunkP95Millis, double active, double queued,
		double retryWaitMillisPerSecond, double budgetWaitMillisPerSecond, String circuit, @Nullable Double cost,
		@Nullable String currency) {

}
