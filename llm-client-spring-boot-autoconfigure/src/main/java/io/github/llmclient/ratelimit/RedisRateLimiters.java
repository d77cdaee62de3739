package io.github.llmclient.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.github.llmclient.ClientConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds rate limits whose budgets live in Redis ({@code llm.rate-limit.store: redis}), through
 * Bucket4j's Lettuce proxy manager on the application's own Lettuce client, so that every
 * instance with the same {@code key} shares one budget. The budget of key K is kept under
 * {@code K:requests} and {@code K:tokens}, expiring once it would be full again.
 */
public final class RedisRateLimiters implements RateLimiterFactory {

	private static final Log logger = LogFactory.getLog(RedisRateLimiters.class);

	private final Supplier<AbstractRedisClient> client;

	/** Built on first use, so that an application with Redis but no redis-store client never connects for us. */
	private volatile @Nullable AsyncProxyManager<byte[]> buckets;

	private final java.util.function.Function<String, Runnable> errorCounters;

	private final java.util.function.@Nullable BiFunction<String, Duration, SharedPause> pauses;

	/**
	 * Creates the factory on a Lettuce client (for example Spring Boot's, from
	 * {@code LettuceConnectionFactory.getNativeClient()}).
	 * @param client supplies a {@link RedisClient} or {@link RedisClusterClient}, asked on first use
	 * @param errorCounters gives the counter of failed store operations of a client, by name
	 */
	public RedisRateLimiters(Supplier<AbstractRedisClient> client,
			java.util.function.Function<String, Runnable> errorCounters) {
		this(client, errorCounters, null);
	}

	RedisRateLimiters(Supplier<AbstractRedisClient> client, java.util.function.Function<String, Runnable> errorCounters,
			java.util.function.@Nullable BiFunction<String, Duration, SharedPause> pauses) {
		this.client = client;
		this.errorCounters = errorCounters;
		this.pauses = pauses;
	}

	/**
	 * Also shares header-announced pauses through Redis, each kept under the key's
	 * {@code K:pause}.
	 * @param pauses gives the shared pause of a key with the store timeout, failing open
	 * @return a factory that shares pauses too
	 */
	public RedisRateLimiters sharingPauses(java.util.function.BiFunction<String, Duration, SharedPause> pauses) {
		return new RedisRateLimiters(this.client, this.errorCounters, pauses);
	}

	private synchronized AsyncProxyManager<byte[]> buckets() {
		AsyncProxyManager<byte[]> buckets = this.buckets;
		if (buckets == null) {
			ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
				.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1));
			AbstractRedisClient redis = this.client.get();
			buckets = (redis instanceof RedisClusterClient cluster)
					? Bucket4jLettuce.casBasedBuilder(cluster).expirationAfterWrite(expiry).build().asAsync()
					: Bucket4jLettuce.casBasedBuilder((RedisClient) redis)
						.expirationAfterWrite(expiry)
						.build()
						.asAsync();
			this.buckets = buckets;
		}
		return buckets;
	}

	@Override
	public @Nullable RateLimiter create(ClientConfig config) {
		RateLimitSettings settings = config.rateLimit();
		if (settings.store() != RateLimitStore.REDIS) {
			return null;
		}
		String provider = config.provider().propertyValue();
		if (!settings.hasBudget()) {
			return RateLimiter.local(config.name(), provider, settings);
		}
		StoreHealth health = new StoreHealth(config.name());
		health.countErrorsWith(this.errorCounters.apply(config.name()));
		AsyncProxyManager<byte[]> buckets;
		try {
			buckets = buckets();
		}
		catch (RuntimeException ex) {
			// fail open at startup too: the application starts, under in-process budgets
			health.failed(ex);
			logger.warn("LLM client '" + config.name() + "': Redis is unreachable at startup; this instance keeps "
					+ "an in-process budget until it restarts");
			return RateLimiter.local(config.name(), provider, settings);
		}
		String key = settings.keyFor(config.name());
		Budget requests = (settings.requestsPerMinute() != null)
				? budget(buckets, key + ":requests", settings.requestsPerMinute(), health, settings.storeTimeout())
				: null;
		Budget tokens = (settings.tokensPerMinute() != null)
				? budget(buckets, key + ":tokens", settings.tokensPerMinute(), health, settings.storeTimeout()) : null;
		SharedPause pause = (this.pauses != null) ? this.pauses.apply(key + ":pause", settings.storeTimeout()) : null;
		return new RateLimiter(config.name(), provider, settings, requests, tokens, RateLimiter.headersOf(provider),
				pause);
	}

	private static Budget budget(AsyncProxyManager<byte[]> buckets, String key, long perMinute, StoreHealth health,
			Duration timeout) {
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(LocalBudget.bandwidth(perMinute))
			.build();
		AsyncBucketProxy bucket = buckets.builder().build(key.getBytes(StandardCharsets.UTF_8), configuration);
		return new RedisBudget(bucket, perMinute, health, timeout);
	}

}
