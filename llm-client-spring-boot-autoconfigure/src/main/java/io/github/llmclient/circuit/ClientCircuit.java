package io.github.llmclient.circuit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The circuit breaker of one client ({@code llm.circuit-breaker.*}), a Resilience4j
 * {@link CircuitBreaker} named after the client. It judges whole calls: one outcome per call,
 * after the call's retries. The permission is asked for at subscription, before the rate limit,
 * the concurrency permit and anything sent; a refusal is an {@link LlmCircuitOpenException}.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class ClientCircuit {

	private static final Log logger = LogFactory.getLog(ClientCircuit.class);

	/** The most probe calls of the half-open state. */
	private static final int MAX_PROBES = 10;

	private final String client;

	private final String provider;

	private final @Nullable CircuitBreaker breaker;

	private final Duration openDuration;

	/** When the open circuit lets probes through, in {@link System#nanoTime()}; 0 while not open. */
	private volatile long halfOpenAt;

	/** The state last seen, to log each change once. */
	private final AtomicReference<CircuitBreaker.State> seen = new AtomicReference<>(CircuitBreaker.State.CLOSED);

	private ClientCircuit(ClientConfig config, @Nullable CircuitBreakerRegistry registry) {
		this.client = config.name();
		this.provider = config.provider().propertyValue();
		CircuitBreakerSettings settings = config.circuitBreaker();
		this.openDuration = settings.openDuration();
		if (!settings.enabled()) {
			this.breaker = null;
			return;
		}
		CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) Math.min(Integer.MAX_VALUE, settings.window().toSeconds()))
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.openDuration())
			.permittedNumberOfCallsInHalfOpenState(Math.min(settings.minimumCalls(), MAX_PROBES))
			.recordException(ClientCircuit::counts)
			.ignoreException((error) -> !counts(error))
			.build();
		if (registry != null) {
			// a template built again under the same name starts with a breaker of its own settings
			registry.remove(this.client);
			this.breaker = registry.circuitBreaker(this.client, breakerConfig);
		}
		else {
			this.breaker = CircuitBreaker.of(this.client, breakerConfig);
		}
		// No event listener: with one, Resilience4j builds and dispatches an event object (with a
		// ZonedDateTime) for every success and error. The state is looked at after each step that
		// can change it instead (see observe), which costs one volatile read.
	}

	/** The breaker of a client (in the registry, if given); one that lets every call pass when disabled. */
	public static ClientCircuit of(ClientConfig config, @Nullable CircuitBreakerRegistry registry) {
		return new ClientCircuit(config, registry);
	}

	/**
	 * Whether a failure is the provider's and so counts against the circuit: 5xx, a 429 or
	 * in-stream rate limit (not the client-side one, which sent nothing), a timeout or a transport
	 * failure. A 4xx the request caused, a protocol mismatch and everything else are ignored.
	 */
	static boolean counts(Throwable error) {
		return error instanceof LlmServerException || error instanceof LlmTimeoutException
				|| error instanceof LlmTransportException
				|| (error instanceof LlmRateLimitException rateLimit && rateLimit.statusCode() != 0);
	}

	/** A whole non-streaming call under the breaker; a cancellation before its answer is ignored. */
	public <T> Mono<T> protect(Mono<T> call) {
		return (this.breaker == null) ? call : protect(call.flux()).singleOrEmpty();
	}

	/**
	 * A whole stream under the breaker: a success when it completes, a failure when it fails with
	 * an error that counts, ignored when cancelled, even after chunks (Resilience4j's own operator
	 * would record a success there).
	 */
	public <T> Flux<T> protect(Flux<T> call) {
		CircuitBreaker cb = this.breaker;
		if (cb == null) {
			return call;
		}
		return Flux.defer(() -> {
			if (!acquire(cb)) {
				return Flux.error(openException(null));
			}
			long start = cb.getCurrentTimestamp();
			AtomicBoolean settled = new AtomicBoolean();
			return call.doOnComplete(() -> {
				if (settled.compareAndSet(false, true)) {
					succeeded(cb, start);
				}
			}).doOnError((error) -> {
				if (settled.compareAndSet(false, true)) {
					failed(cb, start, error);
				}
			}).doOnCancel(() -> {
				if (settled.compareAndSet(false, true)) {
					cb.releasePermission();
				}
			});
		});
	}

	/**
	 * The breaker's state.
	 * @return {@link CircuitState#DISABLED} without a breaker
	 */
	public CircuitState state() {
		CircuitBreaker cb = this.breaker;
		if (cb == null) {
			return CircuitState.DISABLED;
		}
		return switch (cb.getState()) {
			case CLOSED, METRICS_ONLY -> CircuitState.CLOSED;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case DISABLED -> CircuitState.DISABLED;
		};
	}

	/**
	 * Whether a call would be refused without asking for a permission: open, and its
	 * open-duration not yet over (after it, the next call becomes a probe).
	 */
	public boolean refusing() {
		CircuitBreaker cb = this.breaker;
		if (cb == null) {
			return false;
		}
		// also notices a state the application forced through the registry
		observe(cb);
		CircuitBreaker.State now = cb.getState();
		// forced open (through the registry) stays open until released, whatever the open-duration
		return now == CircuitBreaker.State.FORCED_OPEN
				|| (now == CircuitBreaker.State.OPEN && System.nanoTime() - this.halfOpenAt < 0);
	}

	/** The underlying breaker, or null when disabled. */
	@Nullable CircuitBreaker breaker() {
		return this.breaker;
	}

	private LlmCircuitOpenException openException(@Nullable Throwable cause) {
		String when;
		CircuitBreaker.State now = (this.breaker != null) ? this.breaker.getState() : CircuitBreaker.State.DISABLED;
		if (now == CircuitBreaker.State.HALF_OPEN) {
			when = "half-open with all its probe calls in flight";
		}
		else if (now == CircuitBreaker.State.FORCED_OPEN) {
			when = "forced open through its CircuitBreakerRegistry";
		}
		else {
			long left = this.halfOpenAt - System.nanoTime();
			when = (left > 0) ? "open; probe calls go through in " + Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))
					+ "ms" : "open; the next call is a probe";
		}
		ErrorDetails details = ErrorDetails.builder(this.provider)
			.statusCode(0)
			.errorType("circuit_open")
			.retryable(false)
			.build();
		return new LlmCircuitOpenException(
				"Circuit breaker of LLM client '" + this.client + "' is " + when + "; not sent", details, cause);
	}

	private boolean acquire(CircuitBreaker cb) {
		boolean permitted = cb.tryAcquirePermission();
		observe(cb);
		return permitted;
	}

	private void succeeded(CircuitBreaker cb, long start) {
		cb.onSuccess(cb.getCurrentTimestamp() - start, cb.getTimestampUnit());
		observe(cb);
	}

	private void failed(CircuitBreaker cb, long start, Throwable error) {
		cb.onError(cb.getCurrentTimestamp() - start, cb.getTimestampUnit(), error);
		observe(cb);
	}

	/** Logs a change of state once, after a step that may have made it (each makes at most one). */
	private void observe(CircuitBreaker cb) {
		CircuitBreaker.State now = cb.getState();
		CircuitBreaker.State before = this.seen.get();
		if (now != before && this.seen.compareAndSet(before, now)) {
			onTransition(before, now);
		}
	}

	private void onTransition(CircuitBreaker.State from, CircuitBreaker.State to) {
		if (to == CircuitBreaker.State.OPEN) {
			this.halfOpenAt = System.nanoTime() + this.openDuration.toNanos();
		}
		logger.warn("LLM client '" + this.client + "' circuit breaker: " + value(from) + " -> " + value(to) + " ("
				+ why(from, to) + ")");
	}

	private String why(CircuitBreaker.State from, CircuitBreaker.State to) {
		CircuitBreaker cb = this.breaker;
		CircuitBreaker.Metrics metrics = (cb != null) ? cb.getMetrics() : null;
		if (to == CircuitBreaker.State.OPEN && metrics != null && metrics.getFailureRate() >= 0) {
			String rate = "failure rate " + metrics.getFailureRate() + "% of " + metrics.getNumberOfBufferedCalls()
					+ " calls, threshold " + cb.getCircuitBreakerConfig().getFailureRateThreshold() + "%";
			return ((from == CircuitBreaker.State.HALF_OPEN) ? "probe calls failed: " : "") + rate
					+ "; calls fail at once for " + this.openDuration.toMillis() + "ms";
		}
		if (to == CircuitBreaker.State.HALF_OPEN) {
			return "open-duration of " + this.openDuration.toMillis() + "ms over; letting probe calls through";
		}
		if (to == CircuitBreaker.State.CLOSED && from == CircuitBreaker.State.HALF_OPEN) {
			return "the probe calls' failure rate stayed below the threshold";
		}
		return "state changed";
	}

	private static String value(CircuitBreaker.State state) {
		return switch (state) {
			case HALF_OPEN -> "half-open";
			default -> state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		};
	}

}
