package io.github.llmclient.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmRateLimitException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits whose budgets live in a real {@code redis-server}: each {@link RedisRateLimiters}
 * on its own Lettuce client stands for one application instance. Budgets are shared by key,
 * reconciled there, built lazily, and an unreachable Redis at startup leaves the client on an
 * in-process budget. Fast: no Spring context, one server for the class.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisRateLimitersTests {

	private static RedisServer server;

	private final List<AbstractRedisClient> clients = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

	private final String key = "llm:test:" + UUID.randomUUID();

	@BeforeAll
	static void startRedis() {
		server = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(AbstractRedisClient::shutdown);
	}

	@Test
	void twoInstancesWithTheSameKeyShareOneRequestBudget() {
		RateLimiter first = instance().create(config("first", settings(3, null, this.key)));
		RateLimiter second = instance().create(config("second", settings(3, null, this.key)));
		assertThat(send(first, "a")).isEqualTo("a");
		assertThat(send(first, "b")).isEqualTo("b");
		assertThat(second.availableRequests()).isEqualTo(1);
		assertThat(second.availableTokens()).isEqualTo(-1);
		assertThat(send(second, "c")).isEqualTo("c");
		assertThat(first.availableRequests()).isZero();
		// the fourth call of the minute would wait for the next refill (20s): refused at once, unsent
		StepVerifier.create(first.limit(Flux.just("d"), 1, "id-d")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmRateLimitException.class);
			assertThat(((LlmRateLimitException) ex).retryAfter()).hasValueSatisfying(
					(wait) -> assertThat(wait).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(20)));
		}).verify(Duration.ofSeconds(10));
		// and it gave its reservation back to the shared budget
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> second.availableRequests() == 0);
		// another key is another budget
		RateLimiter other = instance().create(config("first", settings(3, null, this.key + ":other")));
		assertThat(other.availableRequests()).isEqualTo(3);
		assertThat(redisKeys()).contains(this.key + ":requests").doesNotContain(this.key + ":tokens");
		assertThat(this.errors.values()).allSatisfy((count) -> assertThat(count).hasValue(0));
	}

	@Test
	void tokensAreReservedOnTheSharedBudgetAndReconciledThereWithTheReportedUsage() {
		// 600 a minute: Redis' clock is real, so each figure may have refilled by 10 a second since
		// (the bounds allow a few seconds of a loaded machine)
		RateLimiter first = instance().create(config("first", settings(null, 600, this.key)));
		RateLimiter second = instance().create(config("second", settings(null, 600, this.key)));
		ChatResponse small = new ChatResponse("r", "gpt", "Hi", "stop", new Usage(30, 20, 50));
		StepVerifier.create(first.limit(Flux.just(small).doOnNext((r) -> {
			// while the call runs, the other instance sees its estimate taken
			assertThat(second.availableTokens()).isBetween(300L, 400L);
		}), 300, "id")).expectNext(small).verifyComplete();
		// the unused part of the estimate goes back to the shared budget
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> second.availableTokens() >= 550);
		ChatResponse large = new ChatResponse("r", "gpt", "Hi", "stop", new Usage(300, 150, 450));
		StepVerifier.create(second.limit(Flux.just(large), 200, "id")).expectNext(large).verifyComplete();
		// usage beyond the estimate is taken from it too: 600 - 50 - 450
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> first.availableTokens() <= 200);
		assertThat(first.availableTokens()).isGreaterThanOrEqualTo(100);
		assertThat(first.availableRequests()).isEqualTo(-1);
		assertThat(redisKeys()).contains(this.key + ":tokens").doesNotContain(this.key + ":requests");
		// a call whose estimate the shared budget cannot cover within max-wait is refused
		StepVerifier.create(first.limit(Flux.just(small), 2_000, "id")).verifyError(LlmRateLimitException.class);
	}

	@Test
	void withoutAKeyTheBudgetIsKeptUnderTheClientsName() {
		String name = "client-" + UUID.randomUUID();
		RateLimiter limiter = instance().create(config(name, settings(5, 5_000, null)));
		assertThat(send(limiter, "a")).isEqualTo("a");
		assertThat(redisKeys()).contains("llm:" + name + ":requests", "llm:" + name + ":tokens");
		assertThat(limiter.availableRequests()).isEqualTo(4);
		assertThat(limiter.availableTokens()).isBetween(0L, 5_000L);
	}

	@Test
	void redisIsAskedForOnlyOnceAndOnlyForAClientWithABudgetOnTheRedisStore() {
		AtomicInteger asked = new AtomicInteger();
		RedisRateLimiters factory = new RedisRateLimiters(() -> {
			asked.incrementAndGet();
			return client(server.port());
		}, this::errorCounter);
		assertThat(factory.create(config("local", new RateLimitSettings(3, null, RateLimitStore.LOCAL, null,
				Duration.ofSeconds(1), Duration.ofMillis(500), 1024, true))))
			.isNull();
		// no budget: only the provider's headers limit it, in process
		RateLimiter headersOnly = factory.create(config("headers", settings(null, null, this.key)));
		assertThat(headersOnly).isNotNull();
		assertThat(headersOnly.headerReader()).isNotNull();
		assertThat(headersOnly.limiting()).isFalse();
		assertThat(asked).hasValue(0);
		factory.create(config("first", settings(3, null, this.key)));
		factory.create(config("second", settings(3, null, this.key)));
		assertThat(asked).hasValue(1);
	}

	@Test
	void aRedisUnreachableAtStartupLeavesTheClientOnAnInProcessBudget(CapturedOutput output) {
		RedisRateLimiters factory = new RedisRateLimiters(() -> client(closedPort()), this::errorCounter);
		RateLimiter limiter = factory.create(config("down", settings(2, null, this.key)));
		assertThat(limiter).isNotNull();
		assertThat(limiter.availableRequests()).isEqualTo(2);
		assertThat(send(limiter, "a")).isEqualTo("a");
		assertThat(limiter.availableRequests()).isEqualTo(1);
		assertThat(this.errors.get("down")).hasValue(1);
		assertThat(output.getOut()).contains("LLM client 'down': Redis is unreachable at startup; this instance keeps "
				+ "an in-process budget until it restarts");
		assertThat(output.getOut()).contains("LLM client 'down': the shared rate-limit store failed");
	}

	@Test
	void aPauseOneInstanceReadInTheHeadersIsPublishedAndHoldsTheOthers() {
		RecordingPause pause = new RecordingPause(Duration.ofSeconds(5));
		RedisRateLimiters factory = instance().sharingPauses(pause);
		RateLimiter limiter = factory.create(config("first", new RateLimitSettings(100, null, RateLimitStore.REDIS,
				this.key, Duration.ofSeconds(1), Duration.ofMillis(250), 1024, true)));
		assertThat(pause.key).isEqualTo(this.key + ":pause");
		assertThat(pause.timeout).isEqualTo(Duration.ofMillis(250));
		// another instance announced a pause of 5s, longer than max-wait: refused, unsent
		StepVerifier.create(limiter.limit(Flux.just("a"), 1, "id"))
			.expectErrorSatisfies((ex) -> assertThat(((LlmRateLimitException) ex).retryAfter())
				.hasValueSatisfying((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5))))
			.verify(Duration.ofSeconds(10));
		limiter.headerReader().accept(headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s"));
		assertThat(pause.published).containsExactly(Duration.ofMinutes(6));
	}

	@Test
	void withFromHeadersOffASharedPauseIsNeitherReadNorPublished() {
		RecordingPause pause = new RecordingPause(Duration.ofSeconds(5));
		RateLimiter limiter = instance().sharingPauses(pause)
			.create(config("first", new RateLimitSettings(100, null, RateLimitStore.REDIS, this.key,
					Duration.ofSeconds(1), Duration.ofMillis(250), 1024, false)));
		assertThat(send(limiter, "a")).isEqualTo("a");
		assertThat(limiter.headerReader()).isNull();
		limiter.headers().accept(headers("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s"));
		assertThat(pause.asked).hasValue(0);
		assertThat(pause.published).isEmpty();
	}

	@Test
	void anAnthropicClientReadsAnthropicsHeaders() {
		RateLimiter limiter = instance().create(ClientConfig.builder(Provider.ANTHROPIC)
			.name("claude")
			.apiKey("test-key")
			.rateLimit(settings(3, null, this.key))
			.build());
		limiter.headerReader().accept(headers("anthropic-ratelimit-requests-remaining", "7"));
		assertThat(limiter.headers().remainingRequests()).isEqualTo(7);
	}

	private RedisRateLimiters instance() {
		RedisClient client = client(server.port());
		return new RedisRateLimiters(() -> client, this::errorCounter);
	}

	private Runnable errorCounter(String client) {
		AtomicInteger count = this.errors.computeIfAbsent(client, (name) -> new AtomicInteger());
		return count::incrementAndGet;
	}

	private RedisClient client(int port) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		client.setDefaultTimeout(Duration.ofSeconds(5));
		this.clients.add(client);
		return client;
	}

	private List<String> redisKeys() {
		try (StatefulRedisConnection<String, String> connection = client(server.port()).connect()) {
			return connection.sync().keys("*");
		}
	}

	private static String send(RateLimiter limiter, String value) {
		return limiter.limit(Flux.just(value), 1, "id-" + value).blockLast(Duration.ofSeconds(10));
	}

	private static ClientConfig config(String name, RateLimitSettings settings) {
		return ClientConfig.builder(Provider.OPENAI).name(name).apiKey("test-key").rateLimit(settings).build();
	}

	private static RateLimitSettings settings(@Nullable Integer rpm, @Nullable Integer tpm, @Nullable String key) {
		return new RateLimitSettings(rpm, tpm, RateLimitStore.REDIS, key, Duration.ofSeconds(1),
				Duration.ofSeconds(2), 1024, true);
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A shared pause another instance announced, recording what this one publishes. */
	private static final class RecordingPause implements SharedPause, java.util.function.BiFunction<String, Duration, SharedPause> {

		private final Duration remaining;

		final List<Duration> published = new CopyOnWriteArrayList<>();

		final AtomicInteger asked = new AtomicInteger();

		volatile String key;

		volatile Duration timeout;

		RecordingPause(Duration remaining) {
			this.remaining = remaining;
		}

		@Override
		public SharedPause apply(String key, Duration timeout) {
			this.key = key;
			this.timeout = timeout;
			return this;
		}

		@Override
		public void publish(Duration wait) {
			this.published.add(wait);
		}

		@Override
		public Mono<Duration> remaining() {
			return Mono.fromSupplier(() -> {
				this.asked.incrementAndGet();
				return this.remaining;
			});
		}

	}

}
