package io.github.llmclient.limit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolBuilder;

/**
 * The concurrency limit of one client: {@code max-concurrent} permits, waiting requests served in
 * arrival order without holding a thread, at most {@code max-queued} of them. Built on
 * reactor-pool, whose {@code withPoolable} releases a permit exactly once whether the work
 * completes, fails or is cancelled.
 */
public final class PermitPool {

	private static final Object PERMIT = new Object();

	private final InstrumentedPool<Object> pool;

	private final int maxConcurrent;

	private final int maxQueued;

	/**
	 * Creates the pool.
	 * @param maxConcurrent permits, at least 1
	 * @param maxQueued waiting requests allowed, at least 0
	 */
	public PermitPool(int maxConcurrent, int maxQueued) {
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("maxConcurrent must be at least 1");
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("maxQueued must not be negative");
		}
		this.maxConcurrent = maxConcurrent;
		this.maxQueued = maxQueued;
		this.pool = PoolBuilder.from(Mono.just(PERMIT))
			.sizeBetween(0, maxConcurrent)
			.maxPendingAcquire(maxQueued)
			.buildPool();
	}

	/**
	 * Runs work while holding a permit; the permit is taken at subscription and released when the
	 * work terminates or is cancelled. When {@code max-queued} requests already wait, the returned
	 * flux fails with {@link reactor.pool.PoolAcquirePendingLimitException}.
	 * @param <T> the element type
	 * @param work the work
	 * @param queueWait receives how long the permit was waited for
	 * @return the work, limited
	 */
	public <T> Flux<T> withPermit(Flux<T> work, Consumer<Duration> queueWait) {
		return Flux.defer(() -> {
			long queuedAt = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
			return this.pool.withPoolable((permit) -> {
				queueWait.accept(Duration.ofNanos(Schedulers.parallel().now(TimeUnit.NANOSECONDS) - queuedAt));
				return work;
			});
		});
	}

	/**
	 * Requests holding a permit now.
	 * @return the count
	 */
	public int active() {
		return this.pool.metrics().acquiredSize();
	}

	/**
	 * Requests waiting for a permit now.
	 * @return the count
	 */
	public int queued() {
		return this.pool.metrics().pendingAcquireSize();
	}

	/**
	 * The number of permits.
	 * @return {@code max-concurrent}
	 */
	public int maxConcurrent() {
		return this.maxConcurrent;
	}

	/**
	 * The number of waiting requests allowed.
	 * @return {@code max-queued}
	 */
	public int maxQueued() {
		return this.maxQueued;
	}

}
