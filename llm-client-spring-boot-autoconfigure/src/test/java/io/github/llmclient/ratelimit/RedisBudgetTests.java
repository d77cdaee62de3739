package io.github.llmclient.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget in a shared store that fails open: what the store answers is used, an error or a
 * store slower than {@code store-timeout} sends the call to a local budget of the same size, and
 * each outage is reported once (a WARN when it starts, an INFO when it ends) with every failed
 * operation counted. The store is a fake that answers, fails or stays silent; time is virtual.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBudgetTests {

	private static final String OUTAGE = "LLM client 'shared': the shared rate-limit store failed";

	private static final String RECOVERY = "LLM client 'shared': the shared rate-limit store answers again";

	private VirtualTimeScheduler time;

	private final FakeStore store = new FakeStore();

	private final AtomicInteger errors = new AtomicInteger();

	private StoreHealth health;

	private RedisBudget budget;

	@BeforeEach
	void build() {
		// before the fallback bucket is built: its clock is the (virtual) parallel scheduler
		this.time = VirtualTimeScheduler.getOrSet();
		this.health = new StoreHealth("shared");
		this.health.countErrorsWith(this.errors::incrementAndGet);
		this.budget = new RedisBudget(this.store.bucket(), 3, this.health, Duration.ofMillis(300));
	}

	@AfterEach
	void realTime() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void aReservationTheStoreAnswersWaitsWhatTheStoreSaysAndIsKeptThere() {
		this.store.answering(Duration.ofSeconds(20).toNanos());
		StepVerifier.create(this.budget.reserveAsync(2)).assertNext((taken) -> {
			assertThat(taken.waitNanos()).isEqualTo(Duration.ofSeconds(20).toNanos());
			assertThat(taken.from()).isSameAs(this.budget);
		}).verifyComplete();
		assertThat(this.store.calls).containsExactly("consumeIgnoringRateLimits(2)");
		assertThat(this.budget.shared()).isTrue();
		assertThat(this.health.down()).isFalse();
		assertThat(this.errors).hasValue(0);
	}

	@Test
	void whenTheStoreFailsCallsGoOnUnderALocalBudgetOfTheSameSize(CapturedOutput output) {
		this.store.failing(new RedisConnectionException("Connection refused"));
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(this.budget.reserveAsync(1)).assertNext((taken) -> {
				assertThat(taken.waitNanos()).isZero();
				assertThat(taken.from()).isNotNull().isNotSameAs(this.budget);
			}).verifyComplete();
		}
		// the local budget holds 3 a minute too: the fourth call waits a third of a minute
		StepVerifier.create(this.budget.reserveAsync(1))
			.assertNext((taken) -> assertThat(taken.waitNanos()).isEqualTo(Duration.ofSeconds(20).toNanos()))
			.verifyComplete();
		assertThat(this.health.down()).isTrue();
		assertThat(this.errors).hasValue(4);
		assertThat(output.getOut().split(OUTAGE, -1)).hasSize(2);
		assertThat(output.getOut()).contains(OUTAGE + " (RedisConnectionException: Connection refused); "
				+ "calls go on under the local budget until it answers again");
		assertThat(output.getOut()).doesNotContain(RECOVERY);
	}

	@Test
	void whenTheStoreAnswersAgainCallsReturnToItAndTheRecoveryIsLoggedOnce(CapturedOutput output) {
		this.store.failing(new RedisConnectionException("Connection refused"));
		this.budget.reserveAsync(1).block();
		this.store.answering(0L);
		StepVerifier.create(this.budget.reserveAsync(1))
			.assertNext((taken) -> assertThat(taken.from()).isSameAs(this.budget))
			.verifyComplete();
		this.budget.reserveAsync(1).block();
		assertThat(this.health.down()).isFalse();
		assertThat(this.errors).hasValue(1);
		assertThat(output.getOut().split(RECOVERY, -1)).hasSize(2);
		// a second outage is reported again
		this.store.failing(new IllegalStateException());
		this.budget.reserveAsync(1).block();
		assertThat(this.health.down()).isTrue();
		assertThat(output.getOut().split(OUTAGE, -1)).hasSize(3);
		// an error without a message is named by its type alone
		assertThat(output.getOut()).contains(OUTAGE + " (IllegalStateException); calls go on");
	}

	@Test
	void aStoreSlowerThanStoreTimeoutIsAnOutageAfterExactlyTheTimeout(CapturedOutput output) {
		this.store.silent();
		StepVerifier.withVirtualTime(() -> this.budget.reserveAsync(1), () -> this.time, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(299))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((taken) -> {
				assertThat(taken.waitNanos()).isZero();
				assertThat(taken.from()).isNotSameAs(this.budget);
			})
			.verifyComplete();
		assertThat(this.errors).hasValue(1);
		assertThat(output.getOut()).contains(OUTAGE + " (TimeoutException: no answer within 300ms)");
	}

	@Test
	void usageBeyondTheEstimateAndUnusedReservationsAreReconciledOnTheStore() {
		this.store.answering(0L);
		this.budget.take(5);
		this.store.answering(null);
		this.budget.giveBack(7);
		assertThat(this.store.calls).containsExactly("consumeIgnoringRateLimits(5)", "addTokens(7)");
		assertThat(this.errors).hasValue(0);
	}

	@Test
	void aReconciliationTheStoreRefusesIsCountedAndOneThatSucceedsEndsTheOutage(CapturedOutput output) {
		this.store.failing(new RedisConnectionException("Connection refused"));
		this.budget.take(5);
		assertThat(this.health.down()).isTrue();
		this.budget.giveBack(5);
		assertThat(this.errors).hasValue(2);
		this.store.answering(null);
		this.budget.giveBack(5);
		assertThat(this.health.down()).isFalse();
		this.store.failing(new RedisConnectionException("Connection refused"));
		this.budget.giveBack(5);
		assertThat(this.health.down()).isTrue();
		this.store.answering(0L);
		this.budget.take(5);
		assertThat(this.health.down()).isFalse();
		assertThat(this.errors).hasValue(3);
		assertThat(output.getOut().split(RECOVERY, -1)).hasSize(3);
	}

	@Test
	void whatIsAvailableIsReadFromTheStoreOrFromTheLocalBudgetWhenItFails() {
		this.store.answering(2L);
		assertThat(this.budget.available()).isEqualTo(2);
		assertThat(this.health.down()).isFalse();
		this.store.failing(new RedisConnectionException("Connection refused"));
		assertThat(this.budget.available()).isEqualTo(3);
		assertThat(this.health.down()).isTrue();
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		this.store.answering(1L);
		assertThat(this.budget.available()).isEqualTo(1);
		assertThat(this.health.down()).isFalse();
		assertThat(this.errors).hasValue(1);
	}

	@Test
	void aReadInterruptedWhileWaitingForTheStoreKeepsTheInterrupt() {
		this.store.silent();
		Thread.currentThread().interrupt();
		assertThat(this.budget.available()).isEqualTo(3);
		assertThat(Thread.interrupted()).isTrue();
		assertThat(this.errors).hasValue(1);
	}

	@Test
	void theSynchronousReserveUsesTheLocalBudget() {
		// the call path reserves asynchronously; a synchronous reserve never blocks on the store
		assertThat(this.budget.reserve(3)).isZero();
		assertThat(this.budget.reserve(1)).isEqualTo(Duration.ofSeconds(20).toNanos());
		assertThat(this.store.calls).isEmpty();
	}

}
