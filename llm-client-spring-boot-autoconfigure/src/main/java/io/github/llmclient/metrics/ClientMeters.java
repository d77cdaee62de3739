package io.github.llmclient.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.pricing.Cost;
import io.github.llmclient.pricing.Pricing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one client, resolved once: the tags every call of the client shares, a
 * {@link MeterProvider} per meter whose remaining tags vary by call, and the gauges of its
 * concurrency limit.
 */
final class ClientMeters {

	/** OpenTelemetry GenAI buckets of {@code gen_ai.client.operation.duration}, in seconds. */
	static final double[] DURATION_BUCKETS = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
			20.48, 40.96, 81.92 };

	/** OpenTelemetry GenAI buckets of {@code gen_ai.client.operation.time_per_output_chunk}, in seconds. */
	static final double[] CHUNK_BUCKETS = { 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0,
			2.5 };

	/** OpenTelemetry GenAI buckets of {@code gen_ai.client.token.usage}. */
	static final double[] TOKEN_BUCKETS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
			16777216, 67108864 };

	private static final IntSupplier ZERO = () -> 0;

	private final MeterRegistry registry;

	final ClientInfo client;

	/** Provider, server and client tags, shared by the {@code gen_ai.*} meters. */
	final Tags genAiTags;

	final MeterProvider<Timer> duration;

	final MeterProvider<DistributionSummary> tokens;

	final MeterProvider<Timer> timeToFirstChunk;

	final MeterProvider<Timer> timePerOutputChunk;

	final MeterProvider<Counter> requests;

	final MeterProvider<Counter> retries;

	final MeterProvider<Timer> retryDelay;

	final MeterProvider<Counter> fallbacks;

	final Timer queueWait;

	/** What the client's calls cost, by request model and token type; null without prices. */
	final @Nullable MeterProvider<Counter> cost;

	/** The client's cost so far, in the pricing's currency. */
	final DoubleAdder costSoFar = new DoubleAdder();

	final Pricing pricing;

	private volatile IntSupplier active = ZERO;

	private volatile IntSupplier queued = ZERO;

	private volatile IntSupplier retryQuota = ZERO;

	ClientMeters(MeterRegistry registry, ClientInfo client, Pricing pricing) {
		this.registry = registry;
		this.client = client;
		this.pricing = pricing;
		this.genAiTags = Tags.of(LlmMetricNames.PROVIDER_NAME_TAG, client.providerName(),
				LlmMetricNames.SERVER_ADDRESS_TAG, client.serverAddress(), LlmMetricNames.SERVER_PORT_TAG,
				Integer.toString(client.serverPort()), LlmMetricNames.CLIENT_TAG, client.name());
		this.duration = secondsTimer(LlmMetricNames.OPERATION_DURATION, "Duration of LLM calls, retries included",
				DURATION_BUCKETS)
			.tags(this.genAiTags)
			.withRegistry(registry);
		this.tokens = DistributionSummary.builder(LlmMetricNames.TOKEN_USAGE)
			.description("Input and output tokens of LLM calls")
			.baseUnit("{token}")
			.serviceLevelObjectives(TOKEN_BUCKETS)
			.tags(this.genAiTags)
			.withRegistry(registry);
		this.timeToFirstChunk = secondsTimer(LlmMetricNames.TIME_TO_FIRST_CHUNK,
				"Time from the start of an LLM stream to its first content chunk", DURATION_BUCKETS)
			.tags(this.genAiTags)
			.withRegistry(registry);
		this.timePerOutputChunk = secondsTimer(LlmMetricNames.TIME_PER_OUTPUT_CHUNK,
				"Time between consecutive content chunks of an LLM stream", CHUNK_BUCKETS)
			.tags(this.genAiTags)
			.withRegistry(registry);
		Tags clientTag = Tags.of(LlmMetricNames.CLIENT_TAG, client.name());
		this.requests = Counter.builder(LlmMetricNames.REQUESTS)
			.description("HTTP attempts of LLM calls")
			.tags(clientTag)
			.withRegistry(registry);
		this.retries = Counter.builder(LlmMetricNames.RETRIES)
			.description("Retries of LLM calls")
			.tags(clientTag)
			.withRegistry(registry);
		this.retryDelay = Timer.builder(LlmMetricNames.RETRY_DELAY)
			.description("Backoff waits of LLM calls between attempts")
			.tags(clientTag)
			.withRegistry(registry);
		this.fallbacks = Counter.builder(LlmMetricNames.FALLBACKS)
			.description("LLM calls handed to a fallback client")
			.tags("from", client.name())
			.withRegistry(registry);
		this.queueWait = Timer.builder(LlmMetricNames.QUEUE_WAIT)
			.description("Time LLM requests waited for a permit of the concurrency limit")
			.tags(clientTag)
			.register(registry);
		this.cost = pricing.hasPrices() ? Counter.builder(LlmMetricNames.COST)
			.description("What LLM calls cost at llm.pricing")
			.baseUnit(pricing.currency())
			.tags(LlmMetricNames.CLIENT_TAG, client.name(), LlmMetricNames.PROVIDER_NAME_TAG, client.providerName())
			.withRegistry(registry) : null;
	}

	/**
	 * Records what a call cost, once per call.
	 * @param requestModel the model asked for (or that answered), the tag and the price's key
	 * @param usage the call's usage
	 * @param batch whether it is a batch-job result, at the batch discount
	 */
	void recordCost(@Nullable String requestModel, Usage usage, boolean batch) {
		MeterProvider<Counter> cost = this.cost;
		if (cost == null) {
			return;
		}
		Cost amount = this.pricing.cost(requestModel, usage, batch);
		if (amount == null) {
			return;
		}
		String model = ErrorTypes.orNone(requestModel);
		cost.withTags(LlmMetricNames.REQUEST_MODEL_TAG, model, LlmMetricNames.TOKEN_TYPE_TAG, "input")
			.increment(amount.input());
		cost.withTags(LlmMetricNames.REQUEST_MODEL_TAG, model, LlmMetricNames.TOKEN_TYPE_TAG, "output")
			.increment(amount.output());
		this.costSoFar.add(amount.total());
	}

	private static Timer.Builder secondsTimer(String name, String description, double[] bucketsInSeconds) {
		Duration[] slos = new Duration[bucketsInSeconds.length];
		for (int i = 0; i < slos.length; i++) {
			slos[i] = Duration.ofNanos(Math.round(bucketsInSeconds[i] * 1_000_000_000d));
		}
		return Timer.builder(name).description(description).serviceLevelObjectives(slos);
	}

	/**
	 * Points the gauges at a client's permit counts. The latest template registered under a
	 * client name owns its gauges: gauges left by an earlier one (a closed template, another
	 * {@link MicrometerLlmMetrics} on the same registry) are replaced.
	 * @param active requests holding a permit
	 * @param queued requests waiting for one
	 */
	synchronized void bindGauges(IntSupplier active, IntSupplier queued) {
		this.active = active;
		this.queued = queued;
		registerGauge(LlmMetricNames.ACTIVE, "LLM requests holding a permit of the concurrency limit",
				(meters) -> meters.active.getAsInt());
		registerGauge(LlmMetricNames.QUEUED, "LLM requests waiting for a permit of the concurrency limit",
				(meters) -> meters.queued.getAsInt());
	}

	/**
	 * Points the retry quota gauge at a client's quota; as for {@link #bindGauges}, the latest
	 * template registered under a client name owns it.
	 * @param tokensLeft the tokens left
	 */
	synchronized void bindRetryQuota(IntSupplier tokensLeft) {
		this.retryQuota = tokensLeft;
		registerGauge(LlmMetricNames.RETRY_QUOTA, "Tokens left in the LLM client's retry quota",
				(meters) -> meters.retryQuota.getAsInt());
	}

	private void registerGauge(String name, String description, ToDoubleFunction<ClientMeters> value) {
		Gauge existing = this.registry.find(name).tag(LlmMetricNames.CLIENT_TAG, this.client.name()).gauge();
		if (existing != null) {
			this.registry.remove(existing);
		}
		Gauge.builder(name, this, value)
			.description(description)
			.tag(LlmMetricNames.CLIENT_TAG, this.client.name())
			.register(this.registry);
	}

}
