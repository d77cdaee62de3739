package io.github.llmclient.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The permit pool on its own: the bound, the queue and its limit, and a permit released exactly once. */
class PermitPoolTests {

	@Test
	void rejectsImpossibleLimitsNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PermitPool(0, 0))
			.withMessage("maxConcurrent must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new PermitPool(1, -1))
			.withMessage("maxQueued must not be negative");
		PermitPool smallest = new PermitPool(1, 0);
		assertThat(smallest.maxConcurrent()).isEqualTo(1);
		assertThat(smallest.maxQueued()).isZero();
		PermitPool pool = new PermitPool(3, 7);
		assertThat(pool.maxConcurrent()).isEqualTo(3);
		assertThat(pool.maxQueued()).isEqualTo(7);
	}

	@Test
	void holdsAtMostMaxConcurrentAndQueuesTheRestInArrivalOrder() {
		PermitPool pool = new PermitPool(2, 5);
		List<Sinks.Empty<Void>> gates = new ArrayList<>();
		List<String> started = new ArrayList<>();
		List<Disposable> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Sinks.Empty<Void> gate = Sinks.empty();
			gates.add(gate);
			String name = "call" + i;
			calls.add(pool.withPermit(Flux.defer(() -> {
				started.add(name);
				return gate.asMono().thenMany(Flux.just(name));
			}), (wait) -> {
			}).subscribe());
		}
		assertThat(started).containsExactly("call0", "call1");
		assertThat(pool.active()).isEqualTo(2);
		assertThat(pool.queued()).isEqualTo(2);
		gates.get(1).tryEmitEmpty();
		assertThat(started).containsExactly("call0", "call1", "call2");
		gates.get(0).tryEmitEmpty();
		assertThat(started).containsExactly("call0", "call1", "call2", "call3");
		assertThat(pool.queued()).isZero();
		gates.get(2).tryEmitEmpty();
		gates.get(3).tryEmitEmpty();
		assertThat(pool.active()).isZero();
		calls.forEach(Disposable::dispose);
	}

	@Test
	void aFullQueueRefusesTheNextRequest() {
		PermitPool pool = new PermitPool(1, 1);
		Disposable holder = pool.withPermit(Flux.never(), (wait) -> {
		}).subscribe();
		Disposable waiter = pool.withPermit(Flux.never(), (wait) -> {
		}).subscribe();
		StepVerifier.create(pool.withPermit(Flux.just("x"), (wait) -> {
		})).expectError(PoolAcquirePendingLimitException.class).verify();
		holder.dispose();
		waiter.dispose();
		assertThat(pool.active()).isZero();
		assertThat(pool.queued()).isZero();
	}

	@Test
	void releasesThePermitOnCompleteErrorAndCancel() {
		PermitPool pool = new PermitPool(1, 0);
		StepVerifier.create(pool.withPermit(Flux.just("a"), (wait) -> {
		})).expectNext("a").verifyComplete();
		assertThat(pool.active()).isZero();
		StepVerifier.create(pool.withPermit(Flux.error(new IllegalStateException("boom")), (wait) -> {
		})).expectError(IllegalStateException.class).verify();
		assertThat(pool.active()).isZero();
		Disposable cancelled = pool.withPermit(Flux.never(), (wait) -> {
		}).subscribe();
		assertThat(pool.active()).isEqualTo(1);
		cancelled.dispose();
		assertThat(pool.active()).isZero();
		StepVerifier.create(pool.withPermit(Flux.just("b"), (wait) -> {
		})).expectNext("b").verifyComplete();
	}

	@Test
	void reportsHowLongAPermitWasWaitedFor() {
		List<Duration> waits = new ArrayList<>();
		StepVerifier.withVirtualTime(() -> {
			PermitPool pool = new PermitPool(1, 1);
			Sinks.Empty<Void> gate = Sinks.empty();
			// the calls arrive 5 s into the clock, so a wait is a difference of two instants
			return reactor.core.publisher.Mono.delay(Duration.ofSeconds(5)).flatMapMany((tick) -> Flux.merge(
					pool.withPermit(gate.asMono().thenMany(Flux.just("first")), waits::add),
					pool.withPermit(Flux.just("second"), waits::add),
					reactor.core.publisher.Mono.delay(Duration.ofSeconds(3))
						.doOnNext((later) -> gate.tryEmitEmpty())
						.then(reactor.core.publisher.Mono.<String>empty())));
		}).thenAwait(Duration.ofSeconds(8)).expectNext("first", "second").verifyComplete();
		assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(3));
	}

}
