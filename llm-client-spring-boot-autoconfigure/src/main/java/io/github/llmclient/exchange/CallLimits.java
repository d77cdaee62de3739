package io.github.llmclient.exchange;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.limit.PermitPool;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.pool.PoolAcquirePendingLimitException;

/**
 * The limits one attempt of a call runs under: the client-side rate limit of
 * {@code llm.rate-limit.*} (its wait holds nothing), then a permit of {@code llm.max-concurrent}.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class CallLimits {

	private final ClientConfig config;

	private final PermitPool permits;

	private final @Nullable RateLimiter rateLimiter;

	private final ErrorMapper errors;

	/** Creates the limits of one client's attempts. */
	public CallLimits(ClientConfig config, PermitPool permits, @Nullable RateLimiter rateLimiter, ErrorMapper errors) {
		this.config = config;
		this.permits = permits;
		this.rateLimiter = rateLimiter;
		this.errors = errors;
	}

	/** One attempt of a chat or stream call, its output tokens estimated from the request. */
	public <T> Flux<T> rateLimited(Flux<T> attempt, CallContext call, ProviderRequest http, ChatRequest request) {
		return rateLimited(attempt, call, http, outputTokens(request));
	}

	/**
	 * One attempt of a chat, stream or embed call: it waits for the rate limit's budget (holding
	 * nothing), then runs while holding a permit. Without a budget or an announced pause, it is
	 * just the permit.
	 */
	public <T> Flux<T> rateLimited(Flux<T> attempt, CallContext call, ProviderRequest http,
			@Nullable Integer outputTokens) {
		Flux<T> permitted = limited(attempt, call);
		RateLimiter limiter = this.rateLimiter;
		if (limiter == null || !limiter.limiting()) {
			return permitted;
		}
		byte[] body = http.body();
		long tokens = limiter.estimateTokens((body != null) ? body.length : 0, outputTokens);
		return limiter.limit(permitted, tokens, call.clientRequestId());
	}

	/** One attempt, run while holding a permit of the concurrency limit. */
	public <T> Flux<T> limited(Flux<T> attempt, CallContext call) {
		return this.permits.withPermit(attempt, call.observer()::onQueueWait)
			.onErrorMap(PoolAcquirePendingLimitException.class, (ex) -> this.errors.fromThrowable(ex, call));
	}

	/** The output a chat call may generate, or null for {@code llm.rate-limit.default-output-tokens}. */
	private @Nullable Integer outputTokens(ChatRequest request) {
		return (request.maxTokens() != null) ? request.maxTokens() : this.config.maxTokens();
	}

}
