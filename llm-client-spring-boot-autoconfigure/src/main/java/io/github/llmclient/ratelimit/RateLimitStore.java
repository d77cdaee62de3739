package io.github.llmclient.ratelimit;

/** Where a client's rate-limit budget is kept ({@code llm.rate-limit.store}). */
public enum RateLimitStore {

	/** In this process only. */
	LOCAL,

	/** In Redis, shared by every instance that uses the same Redis and key. */
	REDIS

}
