package io.github.llmclient.autoconfigure;

import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.ratelimit.RateLimiterFactory;
import io.github.llmclient.ratelimit.RedisRateLimiters;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Budgets shared through Redis ({@code llm.rate-limit.store: redis}) on Spring Boot's own Lettuce
 * connection ({@code spring.data.redis.*}); active only when the application has
 * {@code spring-boot-starter-data-redis} (and Bucket4j's Lettuce module) on its classpath.
 */
@AutoConfiguration(before = LlmAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ LettuceConnectionFactory.class, Bucket4jLettuce.class })
public final class LlmRedisRateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(LettuceConnectionFactory.class)
	RateLimiterFactory llmRedisRateLimiterFactory(LettuceConnectionFactory connectionFactory,
			ObjectProvider<LlmMetrics> metrics) {
		LlmMetrics recorder = metrics.getIfUnique(() -> LlmMetrics.NOOP);
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(connectionFactory);
		return new RedisRateLimiters(connectionFactory::getRequiredNativeClient, recorder::storeErrorCounter)
			.sharingPauses((key, timeout) -> new RedisSharedPause(redis, key, timeout));
	}

}
