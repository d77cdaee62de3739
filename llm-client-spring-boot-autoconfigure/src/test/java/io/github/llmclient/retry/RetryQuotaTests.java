package io.github.llmclient.retry;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The retry quota's arithmetic, at its boundaries: what a retry costs, takes and gives back. */
class RetryQuotaTests {

	@Test
	void theDefaultsAreTheAwsSdksFigures() {
		RetryQuotaSettings defaults = RetryQuotaSettings.defaults();
		assertThat(defaults.enabled()).isTrue();
		assertThat(defaults.capacity()).isEqualTo(500);
		assertThat(defaults.retryCost()).isEqualTo(5);
		assertThat(defaults.timeoutCost()).isEqualTo(10);
		assertThat(defaults.successRefund()).isEqualTo(1);
		assertThat(RetrySettings.defaults().quota()).isEqualTo(defaults);
		assertThat(RetryQuotaSettings.disabled().enabled()).isFalse();
	}

	@Test
	void startsFull() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 1));
		assertThat(quota.available()).isEqualTo(20);
		assertThat(quota.capacity()).isEqualTo(20);
		assertThat(quota.enabled()).isTrue();
	}

	@Test
	void paysARetryCostingExactlyWhatIsLeftAndRefusesOneCostingOneMore() {
		RetryQuota quota = new RetryQuota(settings(12, 5, 10, 1));
		assertThat(quota.tryAcquire(5)).isTrue();
		assertThat(quota.available()).isEqualTo(7);
		assertThat(quota.tryAcquire(8)).isFalse();
		assertThat(quota.available()).as("a refused retry takes nothing").isEqualTo(7);
		assertThat(quota.tryAcquire(7)).isTrue();
		assertThat(quota.available()).isZero();
		assertThat(quota.tryAcquire(1)).isFalse();
		assertThat(quota.available()).isZero();
	}

	@Test
	void givesBackASuccessfulRetrysCostNeverPastTheCapacity() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 1));
		quota.tryAcquire(10);
		quota.refundRetry(5);
		assertThat(quota.available()).isEqualTo(15);
		quota.refundRetry(4);
		assertThat(quota.available()).isEqualTo(19);
		quota.refundRetry(5);
		assertThat(quota.available()).as("capped at the capacity").isEqualTo(20);
		quota.refundRetry(5);
		assertThat(quota.available()).isEqualTo(20);
	}

	@Test
	void aFirstAttemptSuccessPutsBackTheSuccessRefund() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 2));
		quota.tryAcquire(5);
		quota.refundFirstAttemptSuccess();
		assertThat(quota.available()).isEqualTo(17);
		quota.refundFirstAttemptSuccess();
		quota.refundFirstAttemptSuccess();
		assertThat(quota.available()).isEqualTo(20);
		quota.refundFirstAttemptSuccess();
		assertThat(quota.available()).isEqualTo(20);
	}

	@Test
	void aRefundAsLargeAsAnIntFillsTheQuotaWithoutOverflowing() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, Integer.MAX_VALUE));
		quota.tryAcquire(5);
		quota.refundFirstAttemptSuccess();
		assertThat(quota.available()).isEqualTo(20);
		quota.tryAcquire(10);
		quota.refundRetry(Integer.MAX_VALUE);
		assertThat(quota.available()).isEqualTo(20);
	}

	@Test
	void aNegativeRefundTakesNothing() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 1));
		quota.tryAcquire(5);
		quota.refundRetry(-3);
		assertThat(quota.available()).isEqualTo(15);
	}

	@Test
	void describesItselfByWhatIsLeftOfItsCapacity() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 1));
		quota.tryAcquire(5);
		assertThat(quota).hasToString("RetryQuota[15/20]");
		assertThat(new RetryQuota(RetryQuotaSettings.disabled())).hasToString("RetryQuota[disabled]");
	}

	@Test
	void aZeroSuccessRefundPutsNothingBack() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 0));
		quota.tryAcquire(5);
		quota.refundFirstAttemptSuccess();
		assertThat(quota.available()).isEqualTo(15);
	}

	@Test
	void timeoutsAndConnectionFailuresCostTheTimeoutCostEverythingElseTheRetryCost() {
		RetryQuota quota = new RetryQuota(settings(100, 5, 10, 1));
		ErrorDetails details = ErrorDetails.builder("openai").retryable(true).build();
		assertThat(quota.costOf(new LlmTimeoutException("timeout", LlmTimeoutException.Phase.values()[0], details, null)))
			.isEqualTo(10);
		assertThat(quota.costOf(new LlmTransportException("reset", details, null))).isEqualTo(10);
		assertThat(quota.costOf(new LlmServerException("503", details.mutate().statusCode(503).build(), null)))
			.isEqualTo(5);
		LlmException retryAfter = new LlmRateLimitException("429",
				details.mutate().statusCode(429).retryAfter(Duration.ofSeconds(2)).build(), null);
		assertThat(quota.costOf(retryAfter)).as("a Retry-After retry costs the same as any other").isEqualTo(5);
		assertThat(quota.costOf(new LlmException("in-stream overloaded_error", details, null))).isEqualTo(5);
		assertThat(quota.costOf(new IllegalStateException("a user's policy retries this"))).isEqualTo(5);
	}

	@Test
	void aDisabledQuotaPaysEveryRetryAndTakesNothing() {
		RetryQuota quota = new RetryQuota(new RetryQuotaSettings(false, 10, 5, 10, 1));
		for (int i = 0; i < 10; i++) {
			assertThat(quota.tryAcquire(10)).isTrue();
		}
		assertThat(quota.available()).isEqualTo(10);
		assertThat(quota.enabled()).isFalse();
	}

	@Test
	void concurrentRetriesNeverTakeMoreThanTheQuotaHolds() throws Exception {
		RetryQuota quota = new RetryQuota(settings(500, 5, 10, 1));
		AtomicInteger granted = new AtomicInteger();
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			Future<?>[] runs = new Future<?>[threads];
			for (int t = 0; t < threads; t++) {
				runs[t] = pool.submit(() -> {
					start.await();
					for (int i = 0; i < 1000; i++) {
						if (quota.tryAcquire(5)) {
							granted.incrementAndGet();
						}
						if (i % 10 == 0) {
							quota.refundFirstAttemptSuccess();
						}
					}
					return null;
				});
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// 500 tokens plus at most 800 refunds of 1: every grant is paid for, nothing goes negative
		assertThat(quota.available()).isBetween(0, 500);
		assertThat(granted.get() * 5).isLessThanOrEqualTo(500 + 800);
		assertThat(granted.get() * 5 + quota.available()).isGreaterThanOrEqualTo(500);
	}

	@Test
	void onlyTheFirstRefusalOfADrySpellIsWorthAWarning() {
		RetryQuota quota = new RetryQuota(settings(20, 5, 10, 1));
		assertThat(quota.tryAcquire(10)).isTrue();
		assertThat(quota.tryAcquire(10)).isTrue();
		assertThat(quota.markRefused()).isTrue();
		assertThat(quota.markRefused()).isFalse();
		// a storm at the quota's edge: successes pay for one retry, the next is refused, by turns
		for (int i = 0; i < 5; i++) {
			quota.refundFirstAttemptSuccess();
		}
		assertThat(quota.tryAcquire(5)).isTrue();
		assertThat(quota.markRefused()).as("still the same dry spell: a retry paid at the edge").isFalse();
		quota.refundRetry(5);
		quota.refundFirstAttemptSuccess();
		quota.refundFirstAttemptSuccess();
		quota.refundFirstAttemptSuccess();
		quota.refundFirstAttemptSuccess();
		assertThat(quota.available()).isEqualTo(9);
		assertThat(quota.markRefused()).as("9 of 20: not yet half full").isFalse();
		quota.refundFirstAttemptSuccess();
		assertThat(quota.markRefused()).as("a new dry spell once the quota was half full again").isTrue();
	}

	@Test
	void settingsAreCheckedAtTheirBoundaries() {
		assertThat(new RetryQuotaSettings(true, 1, 1, 1, 0).capacity()).isEqualTo(1);
		assertThat(new RetryQuotaSettings(true, 10, 10, 10, 0).retryCost()).isEqualTo(10);
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryQuotaSettings(true, 0, 1, 1, 1))
			.withMessageContaining("capacity");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryQuotaSettings(true, 10, 0, 1, 1))
			.withMessageContaining("retryCost");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryQuotaSettings(true, 10, 11, 1, 1))
			.withMessageContaining("retryCost");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryQuotaSettings(true, 10, 1, 0, 1))
			.withMessageContaining("timeoutCost");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryQuotaSettings(true, 10, 1, 11, 1))
			.withMessageContaining("timeoutCost");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryQuotaSettings(true, 10, 1, 1, -1))
			.withMessageContaining("successRefund");
	}

	@Test
	void theRefusalNoteNamesTheQuotaAndIsFoundOnTheFailure() {
		LlmException failure = new LlmServerException("HTTP 503", ErrorDetails.builder("openai").statusCode(503).build(),
				null);
		assertThat(RetryQuotaExhaustedException.find(failure)).isNull();
		failure.addSuppressed(new IllegalStateException("unrelated"));
		failure.addSuppressed(new RetryQuotaExhaustedException("fast", 3, 500, 5));
		RetryQuotaExhaustedException note = RetryQuotaExhaustedException.find(failure);
		assertThat(note).isNotNull();
		assertThat(note.getMessage()).isEqualTo("Not retried: the retry quota of LLM client 'fast' was empty "
				+ "(3 of 500 tokens left, this retry costs 5); retries resume as calls succeed (llm.retry.quota.*)");
		assertThat(note.available()).isEqualTo(3);
		assertThat(note.cost()).isEqualTo(5);
		assertThat(note.getStackTrace()).isEmpty();
	}

	private static RetryQuotaSettings settings(int capacity, int retryCost, int timeoutCost, int refund) {
		return new RetryQuotaSettings(true, capacity, retryCost, timeoutCost, refund);
	}

}
