package io.github.llmclient.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmRateLimitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets, reservations, waits and cancellation, on virtual time. */
class RateLimiterTests {

	private VirtualTimeScheduler time;

	@BeforeEach
	void virtualTime() {
		// before any bucket is built: the buckets' clock is the (virtual) parallel scheduler
		this.time = VirtualTimeScheduler.getOrSet();
	}

	@AfterEach
	void realTime() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void aFreshRequestBudgetLetsItsCapacityGoThenOneEverySixtyOverNSeconds() {
		RateLimiter limiter = limiter(settings(3, null, Duration.ofMinutes(5)));
		AtomicInteger sent = new AtomicInteger();
		List<Integer> done = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 5; i++) {
			int call = i;
			limiter.limit(Flux.defer(() -> {
				sent.incrementAndGet();
				return Flux.just(call);
			}), 1, "id-" + i).subscribe(done::add);
		}
		assertThat(sent).hasValue(3);
		assertThat(done).containsExactly(0, 1, 2);
		this.time.advanceTimeBy(Duration.ofSeconds(19));
		assertThat(sent).hasValue(3);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(done).containsExactly(0, 1, 2, 3);
		this.time.advanceTimeBy(Duration.ofSeconds(20));
		assertThat(done).containsExactly(0, 1, 2, 3, 4);
	}

	@Test
	void waitersAreServedInOrder() {
		RateLimiter limiter = limiter(settings(1, null, Duration.ofMinutes(10)));
		List<Integer> done = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 4; i++) {
			limiter.limit(Flux.just(i), 1, "id").subscribe(done::add);
		}
		this.time.advanceTimeBy(Duration.ofMinutes(3));
		assertThat(done).containsExactly(0, 1, 2, 3);
	}

	@Test
	void aWaitBeyondMaxWaitFailsAtOnceUnsentAndGivesTheBudgetBack() {
		RateLimiter limiter = limiter(settings(1, null, Duration.ofSeconds(10)));
		limiter.limit(Flux.just(1), 1, "first").subscribe();
		assertThat(limiter.availableRequests()).isZero();
		AtomicInteger sent = new AtomicInteger();
		StepVerifier.create(limiter.limit(Flux.defer(() -> {
			sent.incrementAndGet();
			return Flux.just(2);
		}), 1, "second")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmRateLimitException.class).hasMessageContaining("llm.rate-limit.max-wait");
			LlmRateLimitException limit = (LlmRateLimitException) ex;
			assertThat(limit.statusCode()).isZero();
			assertThat(limit.retryAfter()).contains(Duration.ofMinutes(1));
			assertThat(limit.clientRequestId()).isEqualTo("second");
			assertThat(limit.isRetryable()).isFalse();
		}).verify(Duration.ofSeconds(5));
		assertThat(sent).hasValue(0);
		assertThat(limiter.availableRequests()).isZero();
	}

	@Test
	void aCancelledWaiterGivesItsPlaceAndReservationBack() {
		RateLimiter limiter = limiter(settings(1, 1000, Duration.ofMinutes(10)));
		limiter.limit(Flux.just(1), 100, "first").subscribe();
		AtomicInteger sent = new AtomicInteger();
		Disposable waiting = limiter.limit(Flux.defer(() -> {
			sent.incrementAndGet();
			return Flux.just(2);
		}), 100, "second").subscribe();
		assertThat(limiter.availableRequests()).isEqualTo(-1);
		assertThat(limiter.availableTokens()).isEqualTo(800);
		waiting.dispose();
		assertThat(limiter.availableRequests()).isZero();
		assertThat(limiter.availableTokens()).isEqualTo(900);
		// the next one waits one refill (60s), not two
		List<Integer> done = new CopyOnWriteArrayList<>();
		limiter.limit(Flux.just(3), 100, "third").subscribe(done::add);
		this.time.advanceTimeBy(Duration.ofSeconds(60));
		assertThat(done).containsExactly(3);
		assertThat(sent).hasValue(0);
	}

	@Test
	void tokensAreReservedThenReconciledWithTheReportedUsage() {
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofMinutes(1)));
		assertThat(limiter.estimateTokens(400, 500)).isEqualTo(600);
		assertThat(limiter.estimateTokens(400, null)).isEqualTo(100 + RateLimitSettings.DEFAULT_OUTPUT_TOKENS);
		ChatResponse response = new ChatResponse("r", "gpt", "Hi", "stop", new Usage(30, 20, 50));
		StepVerifier.create(limiter.limit(Flux.just(response).doOnNext((r) -> {
			assertThat(limiter.availableTokens()).isEqualTo(9_400);
		}), 600, "id")).expectNext(response).verifyComplete();
		assertThat(limiter.availableTokens()).isEqualTo(9_950);
	}

	@Test
	void usageBeyondTheEstimateIsTakenToo() {
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofMinutes(1)));
		ChatResponse response = new ChatResponse("r", "gpt", "Hi", "stop", new Usage(700, 300, 1000));
		limiter.limit(Flux.just(response), 600, "id").blockLast();
		assertThat(limiter.availableTokens()).isEqualTo(9_000);
	}

	@Test
	void aStreamIsReconciledWithItsUsageChunk() {
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofMinutes(1)));
		Flux<ChatChunk> chunks = Flux.just(new ChatChunk("Hel", null, null, "c", "gpt"),
				new ChatChunk("lo", "stop", null, "c", "gpt"), new ChatChunk("", null, new Usage(7, 3, 10), "c", "gpt"));
		StepVerifier.create(limiter.limit(chunks, 1_000, "id")).expectNextCount(3).verifyComplete();
		assertThat(limiter.availableTokens()).isEqualTo(9_990);
	}

	@Test
	void anAttemptWithoutUsageKeepsItsEstimate() {
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofMinutes(1)));
		StepVerifier.create(limiter.limit(Flux.error(new IllegalStateException("boom")), 1_000, "id"))
			.verifyError(IllegalStateException.class);
		assertThat(limiter.availableTokens()).isEqualTo(9_000);
	}

	@Test
	void aTokenBudgetMakesLargeCallsWait() {
		RateLimiter limiter = limiter(settings(null, 1_000, Duration.ofMinutes(5)));
		List<Integer> done = new CopyOnWriteArrayList<>();
		limiter.limit(Flux.just(1), 1_000, "a").subscribe(done::add);
		limiter.limit(Flux.just(2), 500, "b").subscribe(done::add);
		assertThat(done).containsExactly(1);
		this.time.advanceTimeBy(Duration.ofSeconds(29));
		assertThat(done).containsExactly(1);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(done).containsExactly(1, 2);
	}

	@Test
	void withoutBudgetOrPauseNothingIsLimited() {
		RateLimiter limiter = limiter(settings(null, null, Duration.ofSeconds(30)));
		assertThat(limiter.limiting()).isFalse();
		assertThat(RateLimiter.local("c", "openai",
				new RateLimitSettings(null, null, RateLimitStore.LOCAL, null, Duration.ofSeconds(1),
						Duration.ofMillis(500), 1024, false)))
			.isNull();
	}

	@Test
	void aPauseTheHeadersAnnouncedHoldsNewCallsUntilTheReset() {
		RateLimiter limiter = limiter(settings(null, null, Duration.ofSeconds(30)));
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-ratelimit-remaining-requests", "0");
		headers.add("x-ratelimit-reset-requests", "2s");
		limiter.headerReader().accept(headers);
		assertThat(limiter.limiting()).isTrue();
		List<Duration> waits = new CopyOnWriteArrayList<>();
		limiter.recordWaitsWith(waits::add);
		StepVerifier.withVirtualTime(() -> limiter.limit(Flux.just(1), 1, "id"), () -> this.time, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1_999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext(1)
			.verifyComplete();
		assertThat(waits).containsExactly(Duration.ofSeconds(2));
		assertThat(limiter.limiting()).isFalse();
	}

	@Test
	void aPauseLongerThanMaxWaitFailsAtOnce() {
		RateLimiter limiter = limiter(settings(null, null, Duration.ofSeconds(30)));
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-ratelimit-remaining-tokens", "0");
		headers.add("x-ratelimit-reset-tokens", "6m0s");
		limiter.headerReader().accept(headers);
		StepVerifier.create(limiter.limit(Flux.just(1), 1, "id"))
			.expectErrorSatisfies((ex) -> assertThat(((LlmRateLimitException) ex).retryAfter().orElseThrow())
				.isEqualTo(Duration.ofMinutes(6)))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aWaitOfExactlyMaxWaitIsWaitedNotRefused() {
		RateLimiter limiter = limiter(settings(1, null, Duration.ofMinutes(1)));
		limiter.limit(Flux.just(1), 1, "first").subscribe();
		List<Integer> done = new CopyOnWriteArrayList<>();
		limiter.limit(Flux.just(2), 1, "second").subscribe(done::add, (ex) -> done.add(-1));
		this.time.advanceTimeBy(Duration.ofSeconds(60));
		assertThat(done).containsExactly(2);
	}

	@Test
	void theBudgetRefillsAsTimePasses() {
		RateLimiter limiter = limiter(settings(3, null, Duration.ofMinutes(1)));
		for (int i = 0; i < 3; i++) {
			limiter.limit(Flux.just(i), 1, "id").blockLast();
		}
		assertThat(limiter.availableRequests()).isZero();
		this.time.advanceTimeBy(Duration.ofSeconds(20));
		assertThat(limiter.availableRequests()).isEqualTo(1);
		this.time.advanceTimeBy(Duration.ofMinutes(5));
		assertThat(limiter.availableRequests()).isEqualTo(3);
	}

	@Test
	void anAttemptReservesWhenSubscribedOnceForEachSubscription() {
		RateLimiter limiter = limiter(settings(3, null, Duration.ofMinutes(1)));
		Flux<Integer> attempt = limiter.limit(Flux.just(1), 1, "id");
		assertThat(limiter.availableRequests()).isEqualTo(3);
		attempt.blockLast();
		assertThat(limiter.availableRequests()).isEqualTo(2);
		// a retry subscribes again and takes another request
		attempt.blockLast();
		assertThat(limiter.availableRequests()).isEqualTo(1);
	}

	@Test
	void everyWaitIsRecordedZeroIncluded() {
		RateLimiter limiter = limiter(settings(1, null, Duration.ofMinutes(5)));
		List<Duration> waits = new CopyOnWriteArrayList<>();
		AtomicInteger registered = new AtomicInteger();
		// with a budget the meters are registered at once
		limiter.bindMetrics(() -> {
			registered.incrementAndGet();
			return waits::add;
		});
		assertThat(registered).hasValue(1);
		limiter.limit(Flux.just(1), 1, "first").blockLast();
		limiter.limit(Flux.just(2), 1, "second").subscribe();
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(waits).containsExactly(Duration.ZERO, Duration.ofMinutes(1));
	}

	@Test
	void withoutABudgetTheMetersAreRegisteredOnceTheFirstRateLimitHeaderArrives() {
		RateLimiter limiter = limiter(settings(null, null, Duration.ofSeconds(30)));
		AtomicInteger registered = new AtomicInteger();
		limiter.bindMetrics(() -> {
			registered.incrementAndGet();
			return (wait) -> {
			};
		});
		assertThat(registered).hasValue(0);
		HttpHeaders unrelated = new HttpHeaders();
		unrelated.add("content-type", "application/json");
		limiter.headerReader().accept(unrelated);
		assertThat(registered).hasValue(0);
		HttpHeaders headers = new HttpHeaders();
		headers.add("x-ratelimit-remaining-requests", "99");
		limiter.headerReader().accept(headers);
		limiter.headerReader().accept(headers);
		assertThat(registered).hasValue(1);
	}

	@Test
	void usageExactlyAsEstimatedLeavesTheBudgetAsReserved() {
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofMinutes(1)));
		ChatResponse response = new ChatResponse("r", "gpt", "Hi", "stop", new Usage(400, 200, 600));
		StepVerifier.create(limiter.limit(Flux.just(response), 600, "id")).expectNext(response).verifyComplete();
		assertThat(limiter.availableTokens()).isEqualTo(9_400);
	}

	@Test
	void aResponseReportingNoTokensGivesItsWholeEstimateBack() {
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofMinutes(1)));
		ChatResponse response = new ChatResponse("r", "gpt", "Hi", "stop", new Usage(0, 0, 0));
		StepVerifier.create(limiter.limit(Flux.just(response), 600, "id")).expectNext(response).verifyComplete();
		assertThat(limiter.availableTokens()).isEqualTo(10_000);
	}

	@Test
	void theReportedTotalCountsAndWithoutOneInputPlusOutput() {
		assertThat(RateLimiter.reportedTokens(new ChatResponse("r", "gpt", "Hi", "stop", new Usage(30, 20, 80))))
			.isEqualTo(80);
		assertThat(RateLimiter.reportedTokens(new ChatResponse("r", "gpt", "Hi", "stop", new Usage(30, 20, 0))))
			.isEqualTo(50);
		assertThat(RateLimiter.reportedTokens(new ChatChunk("Hi", null, null, "c", "gpt"))).isEqualTo(-1);
		assertThat(RateLimiter.reportedTokens("not a response")).isEqualTo(-1);
	}

	private static RateLimiter limiter(RateLimitSettings settings) {
		RateLimiter limiter = RateLimiter.local("test", "openai", settings);
		assertThat(limiter).isNotNull();
		return limiter;
	}

	private static RateLimitSettings settings(Integer rpm, Integer tpm, Duration maxWait) {
		return new RateLimitSettings(rpm, tpm, RateLimitStore.LOCAL, null, maxWait, Duration.ofMillis(500), 1024,
				true);
	}

}
