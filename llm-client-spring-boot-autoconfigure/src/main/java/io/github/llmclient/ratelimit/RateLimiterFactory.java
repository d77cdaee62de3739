package io.github.llmclient.ratelimit;

import io.github.llmclient.ClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * Builds the rate limit of a client whose {@code llm.rate-limit.store} is not {@code local}.
 * The starter provides one for {@code redis} when Spring Data Redis (Lettuce) is present.
 */
@FunctionalInterface
public interface RateLimiterFactory {

	/**
	 * The rate limit of the given client.
	 * @param config the client's configuration
	 * @return its rate limit, or null when this factory does not serve its store
	 */
	@Nullable RateLimiter create(ClientConfig config);

}
