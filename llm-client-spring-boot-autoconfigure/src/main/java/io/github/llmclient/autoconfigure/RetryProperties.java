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

}
