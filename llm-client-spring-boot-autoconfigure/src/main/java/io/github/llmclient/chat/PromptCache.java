package io.github.llmclient.chat;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Asks the provider to cache the stable prefix of a request (tools, system prompt and every
 * message but the last) so that repeated prefixes are billed at the cache price: Anthropic
 * {@code cache_control} breakpoints, Bedrock {@code cachePoint} blocks, OpenAI
 * {@code prompt_cache_key} (OpenAI caches prefixes by itself).
 *
 * <pre class="code">
 * ChatRequest.builder().system(longManual).user(question).cache(PromptCache.prefix()).build();
 * </pre>
 *
 * @param cachesPrefix whether to mark the stable prefix as cacheable
 * @param ttl how long the provider should keep the prefix (Anthropic: 5 minutes or 1 hour), or
 * null for the provider's default
 * @param key a cache key that routes requests sharing a prefix together (OpenAI
 * {@code prompt_cache_key}), or null
 */
public record PromptCache(boolean cachesPrefix, @Nullable Duration ttl, @Nullable String key) {

	public PromptCache {
		if (ttl != null && !ttl.equals(Duration.ofMinutes(5)) && !ttl.equals(Duration.ofHours(1))) {
			throw new IllegalArgumentException("A prompt cache's time to live is 5 minutes or 1 hour, was " + ttl);
		}
		if (key != null && key.isBlank()) {
			throw new IllegalArgumentException("A prompt cache key must not be blank");
		}
	}

	/**
	 * Marks the stable prefix as cacheable, for the provider's default time.
	 * @return the setting
	 */
	public static PromptCache prefix() {
		return new PromptCache(true, null, null);
	}

	/**
	 * Marks the stable prefix as cacheable for the given time.
	 * @param ttl 5 minutes or 1 hour
	 * @return the setting
	 * @throws IllegalArgumentException for another duration
	 */
	public static PromptCache prefix(Duration ttl) {
		return new PromptCache(true, ttl, null);
	}

	/**
	 * Names a prompt cache key (OpenAI {@code prompt_cache_key}).
	 * @param key the key
	 * @return the setting
	 */
	public static PromptCache key(String key) {
		return new PromptCache(false, null, key);
	}

	/**
	 * This setting with a cache key as well.
	 * @param key the key
	 * @return a copy with the key
	 */
	public PromptCache withKey(String key) {
		return new PromptCache(this.cachesPrefix, this.ttl, key);
	}

}
