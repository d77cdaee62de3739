package io.github.llmclient.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmRateLimitException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;

/**
 * The client-side rate limit of one client ({@code llm.rate-limit.*}): its request and token
 * budgets and the pauses its provider's headers announce. An attempt reserves one request and
 * its token estimate before it takes a permit of the concurrency limit, waits (on a Reactor
 * timer, holding no thread and no permit) until the budget covers it, and is reconciled with the
 * usage it reports. Reservations are served in the order they were taken; a waiter that is
 * cancelled gives its reservation back; a wait longer than {@code max-wait} fails at once,
 * unsent, with an {@link LlmRateLimitException}.
 */
public final class RateLimiter {

	private static final Mono<Duration> NO_PAUSE = Mono.just(Duration.ZERO);

	private static final Consumer<Duration> NO_RECORDING = (wait) -> {
	};

	private final String client;

	private final String provider;

	private final RateLimitSettings settings;

	private final @Nullable Budget requests;

	private final @Nullable Budget tokens;

	private final RateLimitHeaders headers;

	private final long maxWaitNanos;

	/** The pause shared with other instances, or null. */
	private final @Nullable SharedPause sharedPause;

	/** Whether the budgets live in a shared store, whose operations complete asynchronously. */
	private final boolean shared;

	private volatile Consumer<Duration> waits = NO_RECORDING;

	RateLimiter(String client, String provider, RateLimitSettings settings, @Nullable Budget requests,
			@Nullable Budget tokens, RateLimitHeaders headers) {
		this(client, provider, settings, requests, tokens, headers, null);
	}

	RateLimiter(String client, String provider, RateLimitSettings settings, @Nullable Budget requests,
			@Nullable Budget tokens, RateLimitHeaders headers, @Nullable SharedPause sharedPause) {
		this.sharedPause = sharedPause;
		if (sharedPause != null && settings.fromHeaders()) {
			headers.onPause(sharedPause::publish);
		}
		this.client = client;
		this.provider = provider;
		this.settings = settings;
		this.requests = requests;
		this.tokens = tokens;
		this.headers = headers;
		this.maxWaitNanos = settings.maxWait().toNanos();
		this.shared = (requests != null && requests.shared()) || (tokens != null && tokens.shared());
	}

	/**
	 * The rate limit of a client with in-process budgets, or null when it has neither budget nor
	 * honours headers.
	 * @param client the client's name
	 * @param provider the provider's property value ({@code openai}, {@code anthropic}…)
	 * @param settings the settings
	 * @return the rate limit, or null
	 */
	public static @Nullable RateLimiter local(String client, String provider, RateLimitSettings settings) {
		if (!settings.hasBudget() && !settings.fromHeaders()) {
			return null;
		}
		Budget requests = (settings.requestsPerMinute() != null) ? new LocalBudget(settings.requestsPerMinute())
				: null;
		Budget tokens = (settings.tokensPerMinute() != null) ? new LocalBudget(settings.tokensPerMinute()) : null;
		return new RateLimiter(client, provider, settings, requests, tokens, headersOf(provider));
	}

	static RateLimitHeaders headersOf(String provider) {
		return "anthropic".equals(provider) ? RateLimitHeaders.anthropic(Clock.systemUTC()) : RateLimitHeaders.openAi();
	}

	/**
	 * Records each wait (zero included) of a call that went through a budget or a pause.
	 * @param recorder receives the waits
	 */
	public void recordWaitsWith(Consumer<Duration> recorder) {
		this.waits = recorder;
	}

	/**
	 * Registers the rate-limit meters: at once with a budget; without one, only once the provider
	 * announces its limits (so that a client that never sees a rate-limit header shows no such
	 * meters).
	 * @param registration registers the meters and returns what records the waits
	 */
	public void bindMetrics(Supplier<Consumer<Duration>> registration) {
		if (this.requests != null || this.tokens != null) {
			this.waits = registration.get();
		}
		else {
			this.headers.onFirstAnnouncement(() -> this.waits = registration.get());
		}
	}

	/**
	 * Whether the next attempt must go through {@link #limit}: a budget is configured or a pause
	 * may be in force. Without either, attempts go as they are.
	 * @return true when attempts are limited now
	 */
	public boolean limiting() {
		return this.requests != null || this.tokens != null || this.headers.mayBePaused();
	}

	/**
	 * What reads the provider's rate-limit headers of each response, or null when
	 * {@code from-headers} is off.
	 * @return the reader
	 */
	public @Nullable Consumer<HttpHeaders> headerReader() {
		return this.settings.fromHeaders() ? this.headers : null;
	}

	/**
	 * The latest remaining counts the provider announced.
	 * @return the headers' state
	 */
	public RateLimitHeaders headers() {
		return this.headers;
	}

	/**
	 * The requests the budget allows now (negative while reservations wait).
	 * @return the count, or -1 without a request budget
	 */
	public long availableRequests() {
		return (this.requests != null) ? this.requests.available() : -1;
	}

	/**
	 * The tokens the budget allows now (negative while reservations wait).
	 * @return the count, or -1 without a token budget
	 */
	public long availableTokens() {
		return (this.tokens != null) ? this.tokens.available() : -1;
	}

	/**
	 * The token estimate of a call: a quarter of its request body's bytes (a rough count of the
	 * prompt's tokens) plus the output it may generate.
	 * @param bodyBytes the size of the request body
	 * @param maxOutputTokens the call's {@code max_tokens}, or null for {@code default-output-tokens}; 0
	 * for embeddings
	 * @return the tokens to reserve
	 */
	public long estimateTokens(int bodyBytes, @Nullable Integer maxOutputTokens) {
		return (bodyBytes + 3) / 4 + ((maxOutputTokens != null) ? maxOutputTokens : this.settings.defaultOutputTokens());
	}

	/**
	 * Runs one attempt once the budgets cover it and no pause is in force.
	 * @param <T> the element type
	 * @param attempt the attempt, which takes its permit when subscribed
	 * @param estimatedTokens the tokens to reserve
	 * @param clientRequestId the call's id, for the exception
	 * @return the attempt, limited
	 */
	public <T> Flux<T> limit(Flux<T> attempt, long estimatedTokens, String clientRequestId) {
		long tokens = Math.max(1, estimatedTokens);
		if (!this.shared) {
			return Flux.defer(() -> admit(reserve(tokens), attempt, clientRequestId));
		}
		Mono<Budget.Taken> requestTaken = (this.requests != null) ? this.requests.reserveAsync(1) : Budget.Taken.NOTHING;
		Mono<Budget.Taken> tokensTaken = (this.tokens != null) ? this.tokens.reserveAsync(tokens) : Budget.Taken.NOTHING;
		Mono<Duration> pause = (this.sharedPause != null && this.settings.fromHeaders()) ? this.sharedPause.remaining()
				: NO_PAUSE;
		return Mono.zip(requestTaken, tokensTaken, pause)
			.doOnNext((taken) -> this.headers.pauseFor(taken.getT3()))
			.flatMapMany((taken) -> admit(new Reservation(Math.max(taken.getT1().waitNanos(), taken.getT2().waitNanos()),
					taken.getT1().from(), taken.getT2().from(), (taken.getT2().from() != null) ? tokens : 0), attempt,
					clientRequestId));
	}

	private <T> Flux<T> admit(Reservation reservation, Flux<T> attempt, String clientRequestId) {
		long now = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
		long wait = Math.max(reservation.waitNanos, this.headers.pauseNanos(now));
		if (wait > this.maxWaitNanos) {
			reservation.giveBack();
			return Flux.error(exceeded(Duration.ofNanos(wait), clientRequestId));
		}
		// reconciled as the usage arrives, before it reaches the subscriber
		Flux<T> reconciled = (reservation.tokensFrom != null) ? attempt.doOnNext(reservation::observe) : attempt;
		if (wait == 0) {
			this.waits.accept(Duration.ZERO);
			return reconciled;
		}
		return Mono.delay(Duration.ofNanos(wait))
			.doOnCancel(reservation::giveBack)
			.doOnNext((tick) -> this.waits.accept(Duration.ofNanos(wait)))
			.thenMany(reconciled);
	}

	private Reservation reserve(long estimatedTokens) {
		long wait = 0;
		if (this.requests != null) {
			wait = this.requests.reserve(1);
		}
		if (this.tokens != null) {
			wait = Math.max(wait, this.tokens.reserve(estimatedTokens));
		}
		return new Reservation(wait, this.requests, this.tokens, (this.tokens != null) ? estimatedTokens : 0);
	}

	private LlmRateLimitException exceeded(Duration wait, String clientRequestId) {
		ErrorDetails details = ErrorDetails.builder(this.provider)
			.statusCode(0)
			.clientRequestId(clientRequestId)
			.errorType("client_rate_limit")
			.retryAfter(wait)
			.retryable(false)
			.build();
		return new LlmRateLimitException("Client-side rate limit of '" + this.client + "': the call would wait "
				+ wait.toMillis() + "ms, more than llm.rate-limit.max-wait (" + this.settings.maxWait().toMillis()
				+ "ms); not sent", details, null);
	}

	/** The tokens a response reports, or -1 when it reports none. */
	static long reportedTokens(Object item) {
		Usage usage = (item instanceof ChatResponse response) ? response.usage()
				: (item instanceof ChatChunk chunk) ? chunk.usage()
						: (item instanceof EmbeddingResponse embeddings) ? embeddings.usage() : null;
		if (usage == null) {
			return -1;
		}
		int total = usage.totalTokens();
		return (total > 0) ? total : usage.inputTokens() + usage.outputTokens();
	}

	/** What one attempt took from the budgets. */
	private final class Reservation {

		private final long waitNanos;

		private final @Nullable Budget requestsFrom;

		private final @Nullable Budget tokensFrom;

		private final long tokens;

		/** What the budget holds for this attempt: the estimate, then the latest usage it reported. */
		private long accounted;

		private boolean settled;

		Reservation(long waitNanos, @Nullable Budget requestsFrom, @Nullable Budget tokensFrom, long tokens) {
			this.waitNanos = waitNanos;
			this.requestsFrom = requestsFrom;
			this.tokensFrom = tokensFrom;
			this.tokens = tokens;
			this.accounted = tokens;
		}

		/**
		 * Replaces the estimate with the usage an item reports (a stream may report it in parts,
		 * each cumulative).
		 */
		synchronized void observe(Object item) {
			long count = reportedTokens(item);
			Budget budget = this.tokensFrom;
			if (count < 0 || budget == null) {
				return;
			}
			this.settled = true;
			long difference = count - this.accounted;
			this.accounted = count;
			if (difference > 0) {
				budget.take(difference);
			}
			else if (difference < 0) {
				budget.giveBack(-difference);
			}
		}

		/** A waiter that leaves, or a call refused for its wait, was never sent: everything goes back. */
		synchronized void giveBack() {
			if (this.settled) {
				return;
			}
			this.settled = true;
			if (this.requestsFrom != null) {
				this.requestsFrom.giveBack(1);
			}
			if (this.tokens > 0 && this.tokensFrom != null) {
				this.tokensFrom.giveBack(this.tokens);
			}
		}

	}

}
