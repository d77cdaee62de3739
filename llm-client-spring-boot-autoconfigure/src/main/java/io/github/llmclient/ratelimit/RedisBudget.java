package io.github.llmclient.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.bucket4j.distributed.AsyncBucketProxy;
import reactor.core.publisher.Mono;

/**
 * A budget kept in Redis by Bucket4j's Lettuce proxy, shared by every instance using the same
 * key. Fails open: an operation that fails or takes longer than {@code store-timeout} goes to an
 * in-process budget of the same size instead, and the outage is reported once.
 */
final class RedisBudget implements Budget {

	private final AsyncBucketProxy bucket;

	private final LocalBudget fallback;

	private final StoreHealth health;

	private final Duration timeout;

	RedisBudget(AsyncBucketProxy bucket, long perMinute, StoreHealth health, Duration timeout) {
		this.bucket = bucket;
		this.fallback = new LocalBudget(perMinute);
		this.health = health;
		this.timeout = timeout;
	}

	@Override
	public Mono<Taken> reserveAsync(long amount) {
		return Mono.fromFuture(() -> this.bucket.consumeIgnoringRateLimits(amount))
			// an explicit error: Reactor's own timeout message describes the whole operator chain
			.timeout(this.timeout,
					Mono.error(() -> new TimeoutException("no answer within " + this.timeout.toMillis() + "ms")))
			.map((wait) -> {
				this.health.ok();
				return new Taken(wait, (Budget) this);
			})
			.onErrorResume((ex) -> {
				this.health.failed(ex);
				return Mono.just(new Taken(this.fallback.reserve(amount), this.fallback));
			});
	}

	@Override
	public boolean shared() {
		return true;
	}

	/** Not used on the call path (which reserves asynchronously): reserves from the local fallback. */
	@Override
	public long reserve(long amount) {
		return this.fallback.reserve(amount);
	}

	@Override
	public void take(long amount) {
		this.bucket.consumeIgnoringRateLimits(amount)
			.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.whenComplete((wait, ex) -> report(ex));
	}

	@Override
	public void giveBack(long amount) {
		this.bucket.addTokens(amount)
			.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.whenComplete((done, ex) -> report(ex));
	}

	/** Blocks for at most {@code store-timeout}: for diagnostics and tests, not the call path. */
	@Override
	public long available() {
		try {
			long available = this.bucket.getAvailableTokens().get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.health.ok();
			return available;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			this.health.failed(ex);
			return this.fallback.available();
		}
	}

	private void report(Throwable ex) {
		if (ex != null) {
			this.health.failed(ex);
		}
		else {
			this.health.ok();
		}
	}

}
