package io.github.llmclient.retry;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;

/**
 * The tokens one client may spend on retries ({@code llm.retry.quota.*}), shared by every call
 * of the client. Lock-free: a compare-and-set loop on one counter, so taking and giving back
 * never blocks a thread.
 *
 * <p>
 * Hand-written rather than a rate-limiter library's bucket: the quota does not refill with
 * time but with successes, and a retry that succeeds gives back exactly what it took, which no
 * time-based bucket models.
 */
public final class RetryQuota {

	private final RetryQuotaSettings settings;

	private final AtomicInteger available;

	/**
	 * Set by a refusal, cleared once the quota has refilled to half its capacity: one WARN line per
	 * dry spell, not per call. (Cleared by the next retry paid, a storm that keeps the quota at its
	 * edge, refusing and paying by turns, logged a WARN line every few calls.)
	 */
	private final AtomicBoolean dry = new AtomicBoolean();

	/**
	 * A full quota.
	 * @param settings its capacity, costs and refund
	 */
	public RetryQuota(RetryQuotaSettings settings) {
		this.settings = settings;
		this.available = new AtomicInteger(settings.capacity());
	}

	/**
	 * Whether retries are bounded by this quota; when not, every retry is paid for.
	 * @return the setting
	 */
	public boolean enabled() {
		return this.settings.enabled();
	}

	/**
	 * The tokens of a full quota.
	 * @return the capacity
	 */
	public int capacity() {
		return this.settings.capacity();
	}

	/**
	 * The tokens left now.
	 * @return between 0 and the capacity
	 */
	public int available() {
		return this.available.get();
	}

	/**
	 * What a retry after the failure costs: {@code timeout-cost} after a timeout or a connection
	 * failure (the failures a starved client or an overloaded network produce all at once),
	 * {@code retry-cost} otherwise, a server-requested wait (Retry-After) included.
	 * @param failure the failure to retry
	 * @return the cost
	 */
	public int costOf(Throwable failure) {
		boolean timeout = failure instanceof LlmTimeoutException || failure instanceof LlmTransportException;
		return timeout ? this.settings.timeoutCost() : this.settings.retryCost();
	}

	/**
	 * Takes the cost of a retry, if the quota holds it. A disabled quota always pays and takes
	 * nothing.
	 * @param cost the tokens to take
	 * @return whether the retry may be made
	 */
	public boolean tryAcquire(int cost) {
		if (!this.settings.enabled()) {
			return true;
		}
		int current;
		do {
			current = this.available.get();
			if (current < cost) {
				return false;
			}
		}
		while (!this.available.compareAndSet(current, current - cost));
		return true;
	}

	/**
	 * Notes that a retry was refused.
	 * @return true for the first refusal since the quota was last at least half full (the one
	 * worth a WARN line)
	 */
	boolean markRefused() {
		return !this.dry.get() && !this.dry.getAndSet(true);
	}

	/**
	 * Gives back a successful retry's cost.
	 * @param cost what the retry took
	 */
	public void refundRetry(int cost) {
		release(cost);
	}

	/** Puts back what a call that succeeded on its first attempt earns ({@code success-refund}). */
	public void refundFirstAttemptSuccess() {
		release(this.settings.successRefund());
	}

	private void release(int amount) {
		if (!this.settings.enabled() || amount <= 0) {
			return;
		}
		int capacity = this.settings.capacity();
		int current;
		int next;
		do {
			current = this.available.get();
			if (current >= capacity) {
				return;
			}
			// in long: a refund as large as an int fills the quota instead of overflowing it
			next = (int) Math.min(capacity, (long) current + amount);
		}
		while (!this.available.compareAndSet(current, next));
		// half full again: the dry spell is over, the next refusal is worth a WARN line
		if (next >= capacity - capacity / 2 && this.dry.get()) {
			this.dry.set(false);
		}
	}

	@Override
	public String toString() {
		return "RetryQuota[" + (this.settings.enabled() ? this.available.get() + "/" + this.settings.capacity()
				: "disabled") + "]";
	}

}
