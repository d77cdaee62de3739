package io.github.llmclient.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.github.llmclient.pricing.Pricing;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Records the meters of SPEC §7 on a {@link MeterRegistry} and opens one
 * {@value LlmMetricNames#OBSERVATION} observation per logical call on an
 * {@link ObservationRegistry} (a span with a tracing bridge, parent of the WebClient's
 * {@code http.client.requests} observation). One instance serves any number of clients; the
 * tags each client shares are resolved once per client, the rest once per call.
 *
 * <pre class="code">
 * LlmTemplate template = LlmTemplate.builder(config)
 *     .metrics(new MicrometerLlmMetrics(meterRegistry, observationRegistry))
 *     .build();
 * </pre>
 */
public final class MicrometerLlmMetrics implements LlmMetrics {

	private final MeterRegistry meterRegistry;

	private final ObservationRegistry observationRegistry;

	private final @Nullable LlmObservationConvention convention;

	private final Pricing pricing;

	private final Map<ClientInfo, ClientMeters> clients = new ConcurrentHashMap<>();

	/**
	 * Records meters only, without observations.
	 * @param meterRegistry where meters are recorded
	 */
	public MicrometerLlmMetrics(MeterRegistry meterRegistry) {
		this(meterRegistry, ObservationRegistry.NOOP, null);
	}

	/**
	 * Records meters and observations.
	 * @param meterRegistry where meters are recorded
	 * @param observationRegistry where observations are opened
	 */
	public MicrometerLlmMetrics(MeterRegistry meterRegistry, ObservationRegistry observationRegistry) {
		this(meterRegistry, observationRegistry, null);
	}

	/**
	 * Records meters and observations, the latter named and tagged by a custom convention.
	 * @param meterRegistry where meters are recorded
	 * @param observationRegistry where observations are opened
	 * @param convention the observation convention, or null for
	 * {@link DefaultLlmObservationConvention}
	 */
	public MicrometerLlmMetrics(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			@Nullable LlmObservationConvention convention) {
		this(meterRegistry, observationRegistry, convention, Pricing.NONE);
	}

	/**
	 * Records meters and observations, and what calls cost at the given prices
	 * ({@value LlmMetricNames#COST}).
	 * @param meterRegistry where meters are recorded
	 * @param observationRegistry where observations are opened
	 * @param convention the observation convention, or null for
	 * {@link DefaultLlmObservationConvention}
	 * @param pricing the model prices ({@link Pricing#NONE}: no cost meter)
	 */
	public MicrometerLlmMetrics(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			@Nullable LlmObservationConvention convention, Pricing pricing) {
		this.meterRegistry = meterRegistry;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.pricing = pricing;
	}

	@Override
	public @Nullable Double costSoFar(String client) {
		if (!this.pricing.hasPrices()) {
			return null;
		}
		double sum = 0;
		for (ClientMeters meters : this.clients.values()) {
			if (meters.client.name().equals(client)) {
				sum += meters.costSoFar.sum();
			}
		}
		return sum;
	}

	@Override
	public @Nullable String currency() {
		return this.pricing.hasPrices() ? this.pricing.currency() : null;
	}

	@Override
	public CallObserver startCall(CallInfo info) {
		ClientMeters meters = meters(info.client());
		LlmObservationContext context = null;
		Observation observation = null;
		if (!this.observationRegistry.isNoop()) {
			LlmObservationContext callContext = new LlmObservationContext(info);
			Observation created = Observation.createNotStarted(this.convention,
					DefaultLlmObservationConvention.INSTANCE, () -> callContext, this.observationRegistry);
			if (!created.isNoop()) {
				context = callContext;
				observation = created;
			}
		}
		return new MicrometerCallObserver(meters, info, this.meterRegistry.config().clock(), observation, context);
	}

	@Override
	public void registerClient(ClientInfo client, IntSupplier activeRequests, IntSupplier queuedRequests) {
		meters(client).bindGauges(activeRequests, queuedRequests);
	}

	@Override
	public void registerRetryQuota(ClientInfo client, IntSupplier tokensLeft) {
		meters(client).bindRetryQuota(tokensLeft);
	}

	@Override
	public Consumer<Duration> registerRateLimit(ClientInfo client, LongSupplier remainingRequests,
			LongSupplier remainingTokens) {
		return RateLimitMeters.register(this.meterRegistry, client, remainingRequests, remainingTokens);
	}

	@Override
	public Runnable storeErrorCounter(String client) {
		io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter
			.builder(LlmMetricNames.RATE_LIMIT_STORE_ERRORS)
			.description("Failed operations on the shared rate-limit store (calls went on under the local budget)")
			.tag(LlmMetricNames.CLIENT_TAG, client)
			.register(this.meterRegistry);
		return counter::increment;
	}

	private ClientMeters meters(ClientInfo client) {
		ClientMeters meters = this.clients.get(client);
		if (meters == null) {
			meters = this.clients.computeIfAbsent(client, (key) -> new ClientMeters(this.meterRegistry, key, this.pricing));
		}
		return meters;
	}

	/**
	 * A filter that denies the meters a {@code MeterObservationHandler} (such as Spring Boot's)
	 * would derive from the {@value LlmMetricNames#OBSERVATION} observation: a timer, a long task
	 * timer and event counters that repeat {@value LlmMetricNames#OPERATION_DURATION} under
	 * another name.
	 * @return the filter
	 */
	public static MeterFilter observationMeterFilter() {
		return MeterFilter.deny(MicrometerLlmMetrics::isObservationMeter);
	}

	private static boolean isObservationMeter(Meter.Id id) {
		String name = id.getName();
		return name.startsWith(LlmMetricNames.OBSERVATION) && (name.length() == LlmMetricNames.OBSERVATION.length()
				|| name.charAt(LlmMetricNames.OBSERVATION.length()) == '.');
	}

}
