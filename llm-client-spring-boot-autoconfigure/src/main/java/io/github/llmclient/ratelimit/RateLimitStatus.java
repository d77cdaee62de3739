package io.github.llmclient.ratelimit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the provider's rate-limit headers announced last, as the Actuator endpoint {@code llm}
 * shows it: OpenAI's {@code x-ratelimit-remaining-requests|tokens} and
 * {@code x-ratelimit-reset-*}, Anthropic's {@code anthropic-ratelimit-*-remaining|reset}.
 *
 * @param remainingRequests the latest remaining request count, or null when none was announced
 * @param remainingTokens the latest remaining token count, or null when none was announced
 * @param resetAt when the announced counts are restored (the later of the requests' and the
 * tokens' reset), or null when no readable reset was announced
 */
public record RateLimitStatus(@Nullable Long remainingRequests, @Nullable Long remainingTokens,
		@Nullable Instant resetAt) {

	/** Nothing announced yet (or the client does not read the headers). */
	public static final RateLimitStatus NONE = new RateLimitStatus(null, null, null);

}
