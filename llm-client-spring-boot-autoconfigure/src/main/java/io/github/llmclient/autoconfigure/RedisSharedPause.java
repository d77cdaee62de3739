package io.github.llmclient.autoconfigure;

import java.time.Duration;

import io.github.llmclient.ratelimit.SharedPause;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * A header-announced pause kept in Redis as the time it ends (epoch milliseconds), expiring with
 * it. Fails open: a Redis error or timeout reads as no pause and loses a publication.
 */
final class RedisSharedPause implements SharedPause {

	private final ReactiveStringRedisTemplate redis;

	private final String key;

	private final Duration timeout;

	RedisSharedPause(ReactiveStringRedisTemplate redis, String key, Duration timeout) {
		this.redis = redis;
		this.key = key;
		this.timeout = timeout;
	}

	@Override
	public void publish(Duration wait) {
		long until = System.currentTimeMillis() + wait.toMillis();
		this.redis.opsForValue()
			.set(this.key, Long.toString(until), wait)
			.timeout(this.timeout, Mono.just(false))
			.onErrorResume((ex) -> Mono.just(false))
			.subscribe();
	}

	@Override
	public Mono<Duration> remaining() {
		return this.redis.opsForValue()
			.get(this.key)
			.map((until) -> Duration.ofMillis(Math.max(0, Long.parseLong(until) - System.currentTimeMillis())))
			.timeout(this.timeout, Mono.just(Duration.ZERO))
			.defaultIfEmpty(Duration.ZERO)
			.onErrorReturn(Duration.ZERO);
	}

}
