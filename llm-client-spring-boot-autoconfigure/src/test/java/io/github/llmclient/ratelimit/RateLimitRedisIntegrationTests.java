package io.github.llmclient.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import io.github.llmclient.autoconfigure.LlmMetricsAutoConfiguration;
import io.github.llmclient.autoconfigure.LlmRedisRateLimitAutoConfiguration;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.metrics.OpenAiStubs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm.rate-limit.store: redis} against a real {@code redis-server}: two application
 * contexts stand for two instances sharing one budget; Redis killed mid-run fails open.
 */
class RateLimitRedisIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private RedisServer redis;

	private final String key = "llm:test:" + UUID.randomUUID();

	@BeforeEach
	void start() {
		this.redis = RedisServer.start();
		this.wireMock.start();
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiStubs.CHAT_BODY)));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.wireMock.stop();
		if (this.redis != null) {
			this.redis.close();
		}
	}

	private ApplicationContextRunner instance(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(
					org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration.class,
					LlmRedisRateLimitAutoConfiguration.class, LlmAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class))
			.withUserConfiguration(Meters.class)
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
					"llm.api-key=" + OpenAiStubs.API_KEY, "llm.base-url=" + this.wireMock.baseUrl() + "/v1",
					"llm.model=gpt-4o-mini", "llm.max-retries=0", "llm.rate-limit.store=redis",
					"llm.rate-limit.key=" + this.key, "llm.rate-limit.store-timeout=300ms")
			.withPropertyValues(properties);
	}

	@Test
	void twoInstancesShareOneBudget() {
		List<Object> outcomes = new ArrayList<>();
		instance("llm.rate-limit.requests-per-minute=3", "llm.rate-limit.max-wait=1s").run((first) -> {
			assertThat(first).hasNotFailed();
			instance("llm.rate-limit.requests-per-minute=3", "llm.rate-limit.max-wait=1s").run((second) -> {
				LlmTemplate a = first.getBean(LlmTemplate.class);
				LlmTemplate b = second.getBean(LlmTemplate.class);
				for (LlmTemplate template : List.of(a, b, a, b, a)) {
					outcomes.add(template.chat("Hi").map(Object.class::cast)
						.onErrorResume(LlmRateLimitException.class, (ex) -> reactor.core.publisher.Mono.just(ex))
						.block(WAIT));
				}
			});
		});
		assertThat(outcomes).filteredOn("Hello!"::equals).hasSize(3);
		assertThat(outcomes).filteredOn(LlmRateLimitException.class::isInstance).hasSize(2);
		this.wireMock.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aPauseOneInstanceReadInTheHeadersHoldsTheOtherInstanceToo() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiStubs.CHAT_BODY)
			.withHeader("x-ratelimit-remaining-requests", "0")
			.withHeader("x-ratelimit-reset-requests", "6m0s")));
		instance("llm.rate-limit.requests-per-minute=100", "llm.rate-limit.max-wait=1s").run((first) -> {
			instance("llm.rate-limit.requests-per-minute=100", "llm.rate-limit.max-wait=1s").run((second) -> {
				assertThat(first.getBean(LlmTemplate.class).chat("Hi").block(WAIT)).isEqualTo("Hello!");
				org.springframework.data.redis.core.ReactiveStringRedisTemplate redis = new org.springframework.data.redis.core.ReactiveStringRedisTemplate(
						second.getBean(LettuceConnectionFactory.class));
				org.awaitility.Awaitility.await()
					.atMost(WAIT)
					.until(() -> Boolean.TRUE.equals(redis.hasKey(this.key + ":pause").block(WAIT)));
				reactor.test.StepVerifier.create(second.getBean(LlmTemplate.class).chat("Hi"))
					.expectErrorSatisfies((ex) -> assertThat(((LlmRateLimitException) ex).retryAfter())
						.hasValueSatisfying((wait) -> assertThat(wait).isGreaterThan(Duration.ofMinutes(5))))
					.verify(WAIT);
			});
		});
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void whenRedisDiesCallsGoOnUnderTheLocalBudgetAndTheOutageIsCounted() throws InterruptedException {
		RedisServer server = this.redis;
		instance("llm.rate-limit.requests-per-minute=100").run((context) -> {
			LlmTemplate template = context.getBean(LlmTemplate.class);
			assertThat(template.chat("before").block(WAIT)).isEqualTo("Hello!");
			server.kill();
			long start = System.nanoTime();
			assertThat(template.chat("during").block(WAIT)).isEqualTo("Hello!");
			assertThat(template.chat("during").block(WAIT)).isEqualTo("Hello!");
			// each call waited at most the store timeout, never Lettuce's own 60s
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(LlmMetricNames.RATE_LIMIT_STORE_ERRORS).counter().count()).isGreaterThanOrEqualTo(1);
			server.startProcess();
			org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
				double errors = registry.get(LlmMetricNames.RATE_LIMIT_STORE_ERRORS).counter().count();
				assertThat(template.chat("after").block(WAIT)).isEqualTo("Hello!");
				assertThat(registry.get(LlmMetricNames.RATE_LIMIT_STORE_ERRORS).counter().count()).isEqualTo(errors);
			});
		});
		this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void theRedisStoreWithoutSpringDataRedisFailsAtStartupNamingTheProperty() {
		instance().withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("llm.rate-limit.store");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
