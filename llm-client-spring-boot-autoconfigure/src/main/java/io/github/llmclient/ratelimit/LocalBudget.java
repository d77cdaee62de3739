package io.github.llmclient.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import reactor.core.scheduler.Schedulers;

/**
 * An in-process Bucket4j bucket of capacity N refilled greedily with N per minute. Its clock is
 * Reactor's parallel scheduler, the one the waits run on (so virtual-time tests see it pass).
 */
final class LocalBudget implements Budget {

	static final TimeMeter REACTOR_TIME = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	private final Bucket bucket;

	LocalBudget(long perMinute) {
		this.bucket = Bucket.builder()
			.addLimit(bandwidth(perMinute))
			.withCustomTimePrecision(REACTOR_TIME)
			.build();
	}

	static Bandwidth bandwidth(long perMinute) {
		return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
	}

	@Override
	public long reserve(long amount) {
		return this.bucket.consumeIgnoringRateLimits(amount);
	}

	@Override
	public void take(long amount) {
		this.bucket.consumeIgnoringRateLimits(amount);
	}

	@Override
	public void giveBack(long amount) {
		this.bucket.addTokens(amount);
	}

	@Override
	public long available() {
		return this.bucket.getAvailableTokens();
	}

}
