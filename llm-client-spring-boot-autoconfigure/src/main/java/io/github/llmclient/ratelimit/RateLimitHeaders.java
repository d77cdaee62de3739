package io.github.llmclient.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;

/**
 * What a provider's rate-limit headers announce: the latest remaining counts, and the pause new
 * calls must wait when a count has reached 0 — OpenAI's (and Azure's)
 * {@code x-ratelimit-remaining-requests|tokens} with {@code x-ratelimit-reset-requests|tokens}
 * (Go durations such as {@code 6m0s}, {@code 1s}, {@code 20ms}), Anthropic's
 * {@code anthropic-ratelimit-requests|tokens-remaining} with {@code …-reset} (RFC 3339 times).
 * Thread-safe.
 */
public final class RateLimitHeaders implements Consumer<HttpHeaders> {

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

	private final String remainingRequests;

	private final String resetRequests;

	private final String remainingTokens;

	private final String resetTokens;

	private final boolean absoluteResets;

	private final Clock clock;

	private volatile long requestsLeft = -1;

	private volatile long tokensLeft = -1;

	/** The latest reset headers as sent, read only when {@link #status()} asks (off the hot path). */
	private volatile @Nullable String lastResetRequests;

	private volatile @Nullable String lastResetTokens;

	/** The wall-clock time of the response that carried the latest reset headers. */
	private volatile long lastResetSeenMillis;

	/** Told of each pause the headers announce (to share it), or null. */
	private volatile @Nullable Consumer<Duration> announced;

	/** Run once, when the first rate-limit header arrives (registers the meters lazily). */
	private volatile @Nullable Runnable firstAnnouncement;

	/** The scheduler time until which new calls wait; 0 when no pause was ever announced. */
	private volatile long pausedUntilNanos;

	private RateLimitHeaders(boolean anthropic, Clock clock) {
		this.absoluteResets = anthropic;
		this.clock = clock;
		if (anthropic) {
			this.remainingRequests = "anthropic-ratelimit-requests-remaining";
			this.resetRequests = "anthropic-ratelimit-requests-reset";
			this.remainingTokens = "anthropic-ratelimit-tokens-remaining";
			this.resetTokens = "anthropic-ratelimit-tokens-reset";
		}
		else {
			this.remainingRequests = "x-ratelimit-remaining-requests";
			this.resetRequests = "x-ratelimit-reset-requests";
			this.remainingTokens = "x-ratelimit-remaining-tokens";
			this.resetTokens = "x-ratelimit-reset-tokens";
		}
	}

	/**
	 * The headers of OpenAI and OpenAI-compatible servers (Azure OpenAI included).
	 * @return a new instance
	 */
	public static RateLimitHeaders openAi() {
		return new RateLimitHeaders(false, Clock.systemUTC());
	}

	/**
	 * Anthropic's headers, whose resets are wall-clock times read with the given clock.
	 * @param clock the wall clock
	 * @return a new instance
	 */
	public static RateLimitHeaders anthropic(Clock clock) {
		return new RateLimitHeaders(true, clock);
	}

	/** Reads the headers of one response; a count of 0 with a readable reset starts a pause. */
	@Override
	public void accept(HttpHeaders headers) {
		String requests = headers.getFirst(this.remainingRequests);
		String tokens = headers.getFirst(this.remainingTokens);
		if (requests == null && tokens == null) {
			return;
		}
		Runnable first = this.firstAnnouncement;
		if (first != null) {
			this.firstAnnouncement = null;
			first.run();
		}
		String requestsReset = headers.getFirst(this.resetRequests);
		String tokensReset = headers.getFirst(this.resetTokens);
		if (requestsReset != null || tokensReset != null) {
			this.lastResetSeenMillis = this.clock.millis();
			this.lastResetRequests = requestsReset;
			this.lastResetTokens = tokensReset;
		}
		if (requests != null) {
			this.requestsLeft = count(requests);
			if (this.requestsLeft == 0) {
				announce(reset(requestsReset));
			}
		}
		if (tokens != null) {
			this.tokensLeft = count(tokens);
			if (this.tokensLeft == 0) {
				announce(reset(tokensReset));
			}
		}
	}

	private void announce(@Nullable Duration wait) {
		pauseFor(wait);
		Consumer<Duration> listener = this.announced;
		if (listener != null && wait != null && !wait.isNegative() && !wait.isZero()) {
			listener.accept(wait);
		}
	}

	/**
	 * Tells the given listener of each pause the headers announce.
	 * @param listener the listener
	 */
	void onPause(Consumer<Duration> listener) {
		this.announced = listener;
	}

	/**
	 * Runs the given action when the first rate-limit header arrives.
	 * @param action the action
	 */
	void onFirstAnnouncement(Runnable action) {
		this.firstAnnouncement = action;
	}

	/**
	 * How long new calls must still wait for an announced reset.
	 * @param nowNanos the scheduler's time
	 * @return nanoseconds, 0 when no pause is in force
	 */
	public long pauseNanos(long nowNanos) {
		long until = this.pausedUntilNanos;
		return (until == 0) ? 0 : Math.max(0, until - nowNanos);
	}

	/**
	 * Whether a pause may be in force; cheap, for the hot path.
	 * @return false when no pause is in force
	 */
	public boolean mayBePaused() {
		long until = this.pausedUntilNanos;
		if (until == 0) {
			return false;
		}
		if (until > now()) {
			return true;
		}
		synchronized (this) {
			if (this.pausedUntilNanos == until) {
				this.pausedUntilNanos = 0;
			}
		}
		return false;
	}

	/**
	 * The latest remaining request count announced.
	 * @return the count, or -1 when none was
	 */
	public long remainingRequests() {
		return this.requestsLeft;
	}

	/**
	 * The latest remaining token count announced.
	 * @return the count, or -1 when none was
	 */
	public long remainingTokens() {
		return this.tokensLeft;
	}

	/**
	 * The latest remaining counts and reset time announced, for display.
	 * @return the status; {@link RateLimitStatus#NONE} before the first rate-limit header
	 */
	public RateLimitStatus status() {
		long requests = this.requestsLeft;
		long tokens = this.tokensLeft;
		Instant resetAt = later(resetInstant(this.lastResetRequests), resetInstant(this.lastResetTokens));
		if (requests < 0 && tokens < 0 && resetAt == null) {
			return RateLimitStatus.NONE;
		}
		return new RateLimitStatus((requests >= 0) ? requests : null, (tokens >= 0) ? tokens : null, resetAt);
	}

	private @Nullable Instant resetInstant(@Nullable String value) {
		if (value == null) {
			return null;
		}
		if (this.absoluteResets) {
			try {
				return OffsetDateTime.parse(value.strip()).toInstant();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		Duration wait = parseDuration(value);
		return (wait != null) ? Instant.ofEpochMilli(this.lastResetSeenMillis).plus(wait) : null;
	}

	private static @Nullable Instant later(@Nullable Instant first, @Nullable Instant second) {
		if (first == null || second == null) {
			return (first != null) ? first : second;
		}
		return first.isAfter(second) ? first : second;
	}

	/**
	 * Starts (or lengthens) a pause, as a header would, e.g. from a store shared with other
	 * instances.
	 * @param wait how long new calls wait from now
	 */
	public void pauseFor(@Nullable Duration wait) {
		if (wait == null || wait.isNegative() || wait.isZero()) {
			return;
		}
		long until = now() + wait.toNanos();
		synchronized (this) {
			if (until > this.pausedUntilNanos) {
				this.pausedUntilNanos = until;
			}
		}
	}

	private @Nullable Duration reset(@Nullable String value) {
		if (value == null) {
			return null;
		}
		return this.absoluteResets ? untilTime(value, this.clock) : parseDuration(value);
	}

	private static long count(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static long now() {
		return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	/**
	 * Reads a Go-style duration as OpenAI sends it: {@code 6m0s}, {@code 1s}, {@code 20ms},
	 * {@code 1m30.5s}, {@code 2h0m0s}, {@code 150us}; a plain number is seconds.
	 * @param value the header value
	 * @return the duration, or null when it cannot be read
	 */
	public static @Nullable Duration parseDuration(String value) {
		String text = value.strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			if (Character.isDigit(text.charAt(text.length() - 1))) {
				return nanos(Double.parseDouble(text) * 1e9);
			}
			Matcher matcher = DURATION_PART.matcher(text);
			double nanos = 0;
			int end = 0;
			while (matcher.find()) {
				if (matcher.start() != end) {
					return null;
				}
				end = matcher.end();
				nanos += Double.parseDouble(matcher.group(1)) * unitNanos(matcher.group(2));
			}
			return (end == text.length()) ? nanos(nanos) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Duration nanos(double nanos) {
		return Duration.ofNanos(Math.round(nanos));
	}

	private static double unitNanos(String unit) {
		return switch (unit) {
			case "ns" -> 1;
			case "us", "µs" -> 1e3;
			case "ms" -> 1e6;
			case "s" -> 1e9;
			case "m" -> 60e9;
			default -> 3600e9;
		};
	}

	/**
	 * Reads an RFC 3339 time as Anthropic sends it ({@code 2026-12-02T07:30:00Z}) as the wait
	 * until it.
	 * @param value the header value
	 * @param clock the wall clock
	 * @return the wait (zero when the time has passed), or null when it cannot be read
	 */
	public static @Nullable Duration untilTime(String value, Clock clock) {
		try {
			Instant at = OffsetDateTime.parse(value.strip()).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
