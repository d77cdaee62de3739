package io.github.llmclient.ratelimit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One token bucket of a client (requests or tokens): reservations are taken at once, even beyond
 * what is available, and tell how long their taker must wait, so that waiters are served in the
 * order they reserved.
 */
interface Budget {

	/**
	 * Takes the given amount, letting the bucket go negative.
	 * @param amount how much to take, at least 1
	 * @return nanoseconds until the bucket has refilled enough to cover it, 0 when it already does
	 */
	long reserve(long amount);

	/**
	 * Takes more than was reserved, without waiting (usage beyond the estimate).
	 * @param amount how much, at least 1
	 */
	void take(long amount);

	/**
	 * Reserves without blocking, for budgets in a shared store.
	 * @param amount how much to take
	 * @return the wait and the budget actually taken from (a fallback when the store failed)
	 */
	default Mono<Taken> reserveAsync(long amount) {
		return Mono.just(new Taken(reserve(amount), this));
	}

	/**
	 * Whether the budget lives in a shared store (and must be reserved with {@link #reserveAsync}).
	 * @return false for an in-process budget
	 */
	default boolean shared() {
		return false;
	}

	/**
	 * Gives back an amount reserved but not used.
	 * @param amount how much, at least 1
	 */
	void giveBack(long amount);

	/**
	 * What is available now (negative while reservations wait).
	 * @return the amount
	 */
	long available();

	/**
	 * A reservation's wait and where it was taken.
	 * @param waitNanos how long to wait
	 * @param from the budget to reconcile with or give back to, or null for none
	 */
	record Taken(long waitNanos, @Nullable Budget from) {

		static final Mono<Taken> NOTHING = Mono.just(new Taken(0, null));

	}

}
