package io.github.llmclient.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Retry settings ({@code llm.retry.*}). */
public class RetryProperties {

	/** First backoff delay. Default: 500ms. */
	private @Nullable Duration initialBackoff;

	/** Exponential factor applied to each further backoff delay (at least 1). Default: 2.0. */
	private @Nullable Double multiplier;

	/** Cap on one backoff delay. Default: 30s. */
	private @Nullable Duration maxBackoff;

	/** Random spread applied to each backoff delay (0 disables). Default: 250ms. */
	private @Nullable Duration jitter;

	/** HTTP statuses that are retried. Default: 408, 409, 429, 500, 502, 503, 504, 529. */
	private @Nullable List<Integer> statusCodes;

	/** Longest server-requested wait (Retry-After, retry-after-ms) that is honoured; a longer one fails the call at once. Default: 60s. */
	private @Nullable Duration maxRetryAfter;

	/** Retry budget of one logical call: no retry starts whose delay would end past this time since the call began. Default: 2m. */
	private @Nullable Duration maxElapsed;

	/** The client-wide retry quota, which bounds retries when many calls fail at once. */
	private final Quota quota = new Quota();

	public @Nullable Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(@Nullable Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public @Nullable Double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(@Nullable Double multiplier) {
		this.multiplier = multiplier;
	}

	public @Nullable Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(@Nullable Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public @Nullable Duration getJitter() {
		return this.jitter;
	}

	public void setJitter(@Nullable Duration jitter) {
		this.jitter = jitter;
	}

	public @Nullable List<Integer> getStatusCodes() {
		return this.statusCodes;
	}

	public void setStatusCodes(@Nullable List<Integer> statusCodes) {
		this.statusCodes = statusCodes;
	}

	public @Nullable Duration getMaxRetryAfter() {
		return this.maxRetryAfter;
	}

	public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
		this.maxRetryAfter = maxRetryAfter;
	}

	public @Nullable Duration getMaxElapsed() {
		return this.maxElapsed;
	}

	public void setMaxElapsed(@Nullable Duration maxElapsed) {
		this.maxElapsed = maxElapsed;
	}

	public Quota getQuota() {
		return this.quota;
	}

	/** The client-wide retry quota ({@code llm.retry.quota.*}), as the AWS SDKs' standard retry mode has it. */
	public static class Quota {

		/** Whether retries are paid from a quota shared by every call of the client, so a failing provider or a starved client is not met with a storm of retries. Default: true. */
		private @Nullable Boolean enabled;

		/** Tokens of a full quota; it starts full and never holds more. Default: 500. */
		private @Nullable Integer capacity;

		/** Tokens a retry takes (after a retryable status or in-stream error; a Retry-After wait costs the same). Default: 5. */
		private @Nullable Integer retryCost;

		/** Tokens a retry after a timeout or a connection failure takes. Default: 10. */
		private @Nullable Integer timeoutCost;

		/** Tokens put back by each call that succeeds on its first attempt (a retry that succeeds gives back its own cost). Default: 1. */
		private @Nullable Integer successRefund;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Integer getCapacity() {
			return this.capacity;
		}

		public void setCapacity(@Nullable Integer capacity) {
			this.capacity = capacity;
		}

		public @Nullable Integer getRetryCost() {
			return this.retryCost;
		}

		public void setRetryCost(@Nullable Integer retryCost) {
			this.retryCost = retryCost;
		}

		public @Nullable Integer getTimeoutCost() {
			return this.timeoutCost;
		}

		public void setTimeoutCost(@Nullable Integer timeoutCost) {
			this.timeoutCost = timeoutCost;
		}

		public @Nullable Integer getSuccessRefund() {
			return this.successRefund;
		}

		public void setSuccessRefund(@Nullable Integer successRefund) {
			this.successRefund = successRefund;
		}

	}

}
