package io.github.llmclient.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** The providers' rate-limit headers: every documented format, and the pauses they start. */
class RateLimitHeadersTests {

	private static final Instant NOW = Instant.parse("2026-12-02T07:30:00Z");

	private VirtualTimeScheduler time;

	@BeforeEach
	void virtualTime() {
		this.time = VirtualTimeScheduler.getOrSet();
	}

	@AfterEach
	void realTime() {
		VirtualTimeScheduler.reset();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "6m0s, 360000", "1s, 1000", "20ms, 20", "1m30.5s, 90500", "2h0m0s, 7200000", "0s, 0",
			"1.5s, 1500", "17ms, 17", "3, 3000", "0.25, 250" })
	void readsOpenAiDurations(String value, long millis) {
		assertThat(RateLimitHeaders.parseDuration(value)).isEqualTo(Duration.ofMillis(millis));
	}

	@Test
	void readsSubMillisecondDurations() {
		assertThat(RateLimitHeaders.parseDuration("150us")).isEqualTo(Duration.ofNanos(150_000));
		assertThat(RateLimitHeaders.parseDuration("150µs")).isEqualTo(Duration.ofNanos(150_000));
		assertThat(RateLimitHeaders.parseDuration("42ns")).isEqualTo(Duration.ofNanos(42));
	}

	@ParameterizedTest
	@CsvSource({ "abc", "5x", "m5s", "1s junk", "''" })
	void ignoresDurationsItCannotRead(String value) {
		assertThat(RateLimitHeaders.parseDuration(value)).isNull();
	}

	@Test
	void readsAnthropicRfc3339Times() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		assertThat(RateLimitHeaders.untilTime("2026-12-02T07:30:20Z", clock)).isEqualTo(Duration.ofSeconds(20));
		assertThat(RateLimitHeaders.untilTime("2026-12-02T08:30:05+01:00", clock)).isEqualTo(Duration.ofSeconds(5));
		assertThat(RateLimitHeaders.untilTime("2026-12-02T07:30:00.250Z", clock)).isEqualTo(Duration.ofMillis(250));
		assertThat(RateLimitHeaders.untilTime("2026-12-02T07:29:00Z", clock)).isEqualTo(Duration.ZERO);
		assertThat(RateLimitHeaders.untilTime("tomorrow", clock)).isNull();
	}

	@Test
	void aRemainingCountOfZeroPausesUntilTheOpenAiReset() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		assertThat(headers.mayBePaused()).isFalse();
		headers.accept(headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s",
				"x-ratelimit-remaining-tokens", "1500", "x-ratelimit-reset-tokens", "20ms"));
		assertThat(headers.remainingRequests()).isZero();
		assertThat(headers.remainingTokens()).isEqualTo(1500);
		assertThat(headers.mayBePaused()).isTrue();
		assertThat(headers.pauseNanos(now())).isEqualTo(Duration.ofMinutes(6).toNanos());
		this.time.advanceTimeBy(Duration.ofMinutes(6));
		assertThat(headers.pauseNanos(now())).isZero();
		assertThat(headers.mayBePaused()).isFalse();
	}

	@Test
	void exhaustedTokensPauseToo() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		headers.accept(headers("x-ratelimit-remaining-requests", "99", "x-ratelimit-reset-requests", "1s",
				"x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "1m30.5s"));
		assertThat(headers.pauseNanos(now())).isEqualTo(Duration.ofMillis(90_500).toNanos());
	}

	@Test
	void countsAboveZeroStartNoPause() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		headers.accept(headers("x-ratelimit-remaining-requests", "1", "x-ratelimit-reset-requests", "6m0s"));
		assertThat(headers.remainingRequests()).isEqualTo(1);
		assertThat(headers.remainingTokens()).isEqualTo(-1);
		assertThat(headers.mayBePaused()).isFalse();
	}

	@Test
	void aLaterShorterResetDoesNotShortenThePause() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		headers.accept(headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "10s"));
		headers.accept(headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s"));
		assertThat(headers.pauseNanos(now())).isEqualTo(Duration.ofSeconds(10).toNanos());
	}

	@Test
	void aRemainingCountOfZeroPausesUntilTheAnthropicReset() {
		RateLimitHeaders headers = RateLimitHeaders.anthropic(Clock.fixed(NOW, ZoneOffset.UTC));
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset",
				"2026-12-02T07:30:20Z", "anthropic-ratelimit-tokens-remaining", "8000",
				"anthropic-ratelimit-tokens-reset", "2026-12-02T07:30:01Z"));
		assertThat(headers.remainingRequests()).isZero();
		assertThat(headers.remainingTokens()).isEqualTo(8000);
		assertThat(headers.pauseNanos(now())).isEqualTo(Duration.ofSeconds(20).toNanos());
	}

	@Test
	void theStatusShowsTheLatestAnthropicCountsAndTheLaterReset() {
		RateLimitHeaders headers = RateLimitHeaders.anthropic(Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(headers.status()).isEqualTo(RateLimitStatus.NONE);
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "49", "anthropic-ratelimit-requests-reset",
				"2026-12-02T07:30:20Z", "anthropic-ratelimit-tokens-remaining", "8000",
				"anthropic-ratelimit-tokens-reset", "2026-12-02T07:30:01Z"));
		assertThat(headers.status()).isEqualTo(new RateLimitStatus(49L, 8000L, Instant.parse("2026-12-02T07:30:20Z")));
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "48"));
		assertThat(headers.status().remainingRequests()).isEqualTo(48L);
	}

	@Test
	void theStatusReadsOpenAiResetsFromTheResponsesTime() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		Instant before = Instant.now();
		headers.accept(headers("x-ratelimit-remaining-tokens", "150000", "x-ratelimit-reset-tokens", "1m0s"));
		RateLimitStatus status = headers.status();
		assertThat(status.remainingRequests()).isNull();
		assertThat(status.remainingTokens()).isEqualTo(150000L);
		assertThat(status.resetAt()).isBetween(before.plusSeconds(60).minusMillis(1), Instant.now().plusSeconds(60));
	}

	@Test
	void anthropicTokensExhaustedPause() {
		RateLimitHeaders headers = RateLimitHeaders.anthropic(Clock.fixed(NOW, ZoneOffset.UTC));
		headers.accept(headers("anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset",
				"2026-12-02T07:30:03Z"));
		assertThat(headers.pauseNanos(now())).isEqualTo(Duration.ofSeconds(3).toNanos());
	}

	@Test
	void ignoresTheOtherProvidersHeadersAndUnreadableValues() {
		RateLimitHeaders openAi = RateLimitHeaders.openAi();
		openAi.accept(headers("anthropic-ratelimit-requests-remaining", "0", "anthropic-ratelimit-requests-reset",
				"2026-12-02T07:30:20Z"));
		openAi.accept(headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "soon"));
		openAi.accept(headers("x-ratelimit-remaining-requests", "lots"));
		assertThat(openAi.mayBePaused()).isFalse();
		assertThat(openAi.remainingRequests()).isEqualTo(-1);
	}

	@Test
	void theStatusShowsCountsOfZeroAndEachCountAnnouncedAlone() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		headers.accept(headers("x-ratelimit-remaining-requests", "0"));
		assertThat(headers.status()).isEqualTo(new RateLimitStatus(0L, null, null));
		RateLimitHeaders tokens = RateLimitHeaders.openAi();
		tokens.accept(headers("x-ratelimit-remaining-tokens", "0"));
		assertThat(tokens.status()).isEqualTo(new RateLimitStatus(null, 0L, null));
		RateLimitHeaders requests = RateLimitHeaders.openAi();
		requests.accept(headers("x-ratelimit-remaining-requests", "5"));
		assertThat(requests.status()).isEqualTo(new RateLimitStatus(5L, null, null));
		RateLimitHeaders someTokens = RateLimitHeaders.openAi();
		someTokens.accept(headers("x-ratelimit-remaining-tokens", "7"));
		assertThat(someTokens.status()).isEqualTo(new RateLimitStatus(null, 7L, null));
	}

	@Test
	void theStatusShowsAResetEvenWhenTheCountsCannotBeRead() {
		RateLimitHeaders headers = RateLimitHeaders.anthropic(Clock.fixed(NOW, ZoneOffset.UTC));
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "lots", "anthropic-ratelimit-requests-reset",
				"2026-12-02T07:30:20Z"));
		assertThat(headers.status()).isEqualTo(new RateLimitStatus(null, null, Instant.parse("2026-12-02T07:30:20Z")));
	}

	@Test
	void theStatusKeepsTheLatestResetsAndShowsTheLaterOfEither() {
		RateLimitHeaders headers = RateLimitHeaders.anthropic(Clock.fixed(NOW, ZoneOffset.UTC));
		// the tokens' reset is the later one
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "49", "anthropic-ratelimit-requests-reset",
				"2026-12-02T07:30:01Z", "anthropic-ratelimit-tokens-remaining", "8000",
				"anthropic-ratelimit-tokens-reset", "2026-12-02T07:30:20Z"));
		assertThat(headers.status().resetAt()).isEqualTo(Instant.parse("2026-12-02T07:30:20Z"));
		// a response without resets keeps the ones announced before
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "48"));
		assertThat(headers.status().resetAt()).isEqualTo(Instant.parse("2026-12-02T07:30:20Z"));
		// a response with only the requests' reset replaces both
		headers.accept(headers("anthropic-ratelimit-requests-remaining", "47", "anthropic-ratelimit-requests-reset",
				"2026-12-02T07:30:05Z"));
		assertThat(headers.status().resetAt()).isEqualTo(Instant.parse("2026-12-02T07:30:05Z"));
		// and one with only the tokens' reset too
		headers.accept(headers("anthropic-ratelimit-tokens-remaining", "7000", "anthropic-ratelimit-tokens-reset",
				"2026-12-02T07:30:03Z"));
		assertThat(headers.status().resetAt()).isEqualTo(Instant.parse("2026-12-02T07:30:03Z"));
	}

	@Test
	void theFirstAnnouncementRunsOnceWhenTheFirstRateLimitHeaderArrives() {
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
		headers.onFirstAnnouncement(runs::incrementAndGet);
		headers.accept(headers("content-type", "application/json"));
		assertThat(runs).hasValue(0);
		headers.accept(headers("x-ratelimit-remaining-tokens", "150000"));
		headers.accept(headers("x-ratelimit-remaining-tokens", "140000"));
		assertThat(runs).hasValue(1);
	}

	@Test
	void aPauseAnnouncedWhileAnExpiredOneIsClearedIsKept() {
		VirtualTimeScheduler.reset();
		AtomicReference<Runnable> onNextClockRead = new AtomicReference<>();
		VirtualTimeScheduler clock = new VirtualTimeScheduler(false) {

			@Override
			public long now(TimeUnit unit) {
				Runnable action = onNextClockRead.getAndSet(null);
				if (action != null) {
					action.run();
				}
				return super.now(unit);
			}

		};
		this.time = VirtualTimeScheduler.getOrSet(clock);
		assertThat(this.time).isSameAs(clock);
		RateLimitHeaders headers = RateLimitHeaders.openAi();
		headers.pauseFor(Duration.ofSeconds(1));
		this.time.advanceTimeBy(Duration.ofSeconds(2));
		// another response announces a new pause just as this caller finds the old one expired
		onNextClockRead.set(() -> headers.pauseFor(Duration.ofSeconds(10)));
		assertThat(headers.mayBePaused()).isFalse();
		assertThat(headers.mayBePaused()).isTrue();
		assertThat(headers.pauseNanos(now())).isEqualTo(Duration.ofSeconds(10).toNanos());
	}

	private long now() {
		return this.time.now(java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
