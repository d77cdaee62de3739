package io.github.llmclient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.github.llmclient.metrics.OpenAiStubs;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.ratelimit.RateLimitStore;
import io.github.llmclient.ratelimit.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.rate-limit.*} against a WireMock server that counts what it receives. */
class RateLimitIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final List<LlmTemplate> templates = new ArrayList<>();

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiStubs.CHAT_BODY)));
	}

	@AfterEach
	void stop() {
		this.templates.forEach(LlmTemplate::close);
		this.wireMock.stop();
		VirtualTimeScheduler.reset();
	}

	/** Stops the buckets' refill (their clock is the parallel scheduler), so that counts are exact. */
	private static void freezeTime() {
		VirtualTimeScheduler.getOrSet();
	}

	@Test
	void aRequestBudgetHoldsAtTheServerAndWaitersHoldNoPermit() throws InterruptedException {
		RateLimiter limiter = limiter(settings(3, null, Duration.ofMinutes(1), true));
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1").maxConcurrent(1), limiter);
		CountDownLatch answered = new CountDownLatch(3);
		List<Disposable> calls = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			calls.add(template.chat("Hi " + i).subscribe((answer) -> answered.countDown()));
		}
		assertThat(answered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		this.wireMock.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
		// the two waiting for budget hold neither a permit nor a place in the permit queue
		assertThat(template.activeRequests()).isZero();
		assertThat(template.queuedRequests()).isZero();
		assertThat(limiter.availableRequests()).isEqualTo(-2);
		calls.forEach(Disposable::dispose);
		assertThat(limiter.availableRequests()).isZero();
		this.wireMock.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aCallBeyondMaxWaitFailsUnsent() {
		RateLimiter limiter = limiter(settings(1, null, Duration.ofSeconds(5), true));
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1"), limiter);
		assertThat(template.chat("first").block(WAIT)).isEqualTo("Hello!");
		StepVerifier.create(template.chat("second")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(LlmRateLimitException.class);
			LlmRateLimitException limit = (LlmRateLimitException) ex;
			assertThat(limit.statusCode()).isZero();
			assertThat(limit.retryAfter()).hasValueSatisfying((wait) -> assertThat(wait)
				.isGreaterThan(Duration.ofSeconds(50)));
		}).verify(WAIT);
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aChatReservesItsEstimateAndIsReconciledWithItsUsage() {
		freezeTime();
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofSeconds(5), true));
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1"), limiter);
		template.chat(ChatRequest.builder().user("Hi").maxTokens(100).build()).block(WAIT);
		// CHAT_BODY reports 17 tokens
		assertThat(limiter.availableTokens()).isEqualTo(10_000 - 17);
	}

	@Test
	void aStreamIsReconciledWithItsUsageChunk() {
		freezeTime();
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(
				aResponse().withHeader("Content-Type", "text/event-stream").withBody(OpenAiStubs.STREAM_BODY)));
		RateLimiter limiter = limiter(settings(null, 10_000, Duration.ofSeconds(5), true));
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1"), limiter);
		List<ChatChunk> chunks = template.stream(ChatRequest.builder().user("Hi").maxTokens(500).build())
			.collectList()
			.block(WAIT);
		assertThat(chunks).isNotEmpty();
		assertThat(limiter.availableTokens()).isEqualTo(10_000 - 10);
	}

	@Test
	void embeddingsCountTheirInputTokens() {
		freezeTime();
		this.wireMock.stubFor(post("/v1/embeddings")
			.willReturn(okJson(EmbeddingStubs.base64Response("e", List.of("a", "b", "c")))));
		RateLimiter limiter = limiter(settings(5, 10_000, Duration.ofSeconds(5), true));
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1").embeddingModel("e"),
				limiter);
		assertThat(template.embed(List.of("a", "b", "c")).block(WAIT)).hasSize(3);
		assertThat(limiter.availableTokens()).isEqualTo(10_000 - 3);
		assertThat(limiter.availableRequests()).isEqualTo(4);
	}

	@Test
	void openAiHeadersAnnouncingNoRequestsLeftPauseNewCalls() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiStubs.CHAT_BODY)
			.withHeader("x-ratelimit-remaining-requests", "0")
			.withHeader("x-ratelimit-reset-requests", "6m0s")
			.withHeader("x-ratelimit-remaining-tokens", "39000")
			.withHeader("x-ratelimit-reset-tokens", "1.5s")));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		LlmTemplate template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build())
			.metrics(new MicrometerLlmMetrics(registry))
			.build();
		this.templates.add(template);
		assertThat(template.chat("first").block(WAIT)).isEqualTo("Hello!");
		assertThat(registry.get(LlmMetricNames.RATE_LIMIT_REMAINING).tag("kind", "requests").gauge().value()).isZero();
		assertThat(registry.get(LlmMetricNames.RATE_LIMIT_REMAINING).tag("kind", "tokens").gauge().value())
			.isEqualTo(39000);
		StepVerifier.create(template.chat("second"))
			.expectErrorSatisfies((ex) -> assertThat(((LlmRateLimitException) ex).retryAfter()).hasValueSatisfying(
					(wait) -> assertThat(wait).isGreaterThan(Duration.ofMinutes(5))))
			.verify(WAIT);
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void aShortAnnouncedPauseIsWaitedAndRecorded() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiStubs.CHAT_BODY)
			.withHeader("x-ratelimit-remaining-tokens", "0")
			.withHeader("x-ratelimit-reset-tokens", "200ms")));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		LlmTemplate template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build())
			.metrics(new MicrometerLlmMetrics(registry))
			.build();
		this.templates.add(template);
		template.chat("first").block(WAIT);
		assertThat(template.chat("second").block(WAIT)).isEqualTo("Hello!");
		// Timed at the server, which a loaded machine cannot shorten: the pause runs from the first
		// response's arrival, after the first request was logged (at millisecond precision).
		List<Long> sent = this.wireMock.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1) - sent.get(0)).isGreaterThanOrEqualTo(199L);
		assertThat(registry.get(LlmMetricNames.RATE_LIMIT_WAIT).timer().count()).isEqualTo(1);
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void anthropicHeadersAnnouncingNoTokensLeftPauseNewCalls() {
		this.wireMock.stubFor(post("/v1/messages").willReturn(okJson("""
				{"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
				 "content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn",
				 "usage":{"input_tokens":10,"output_tokens":7}}""")
			.withHeader("anthropic-ratelimit-tokens-remaining", "0")
			.withHeader("anthropic-ratelimit-tokens-reset",
					Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString())
			.withHeader("anthropic-ratelimit-requests-remaining", "49")
			.withHeader("anthropic-ratelimit-requests-reset", Instant.now().toString())));
		LlmTemplate template = template(ClientConfig.builder(Provider.ANTHROPIC)
			.baseUrl(this.wireMock.baseUrl() + "/v1")
			.apiKey(TestClients.SECRET_KEY)
			.model("claude-x")
			.retry(TestClients.fastRetries(0)), null);
		assertThat(template.chat("first").block(WAIT)).isEqualTo("Hello");
		StepVerifier.create(template.chat("second")).verifyError(LlmRateLimitException.class);
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
	}

	@Test
	void headersAreIgnoredWhenFromHeadersIsOff() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiStubs.CHAT_BODY)
			.withHeader("x-ratelimit-remaining-requests", "0")
			.withHeader("x-ratelimit-reset-requests", "6m0s")));
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
			.rateLimit(settings(null, null, Duration.ofSeconds(1), false)), null);
		template.chat("first").block(WAIT);
		assertThat(template.chat("second").block(WAIT)).isEqualTo("Hello!");
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void theConfiguredBudgetIsBuiltFromTheClientConfig() throws InterruptedException {
		LlmTemplate template = template(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
			.rateLimit(settings(2, null, Duration.ofSeconds(1), true)), null);
		template.chat("1").block(WAIT);
		template.chat("2").block(WAIT);
		StepVerifier.create(template.chat("3")).verifyError(LlmRateLimitException.class);
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	private LlmTemplate template(ClientConfig.Builder config, RateLimiter limiter) {
		LlmTemplate.Builder builder = LlmTemplate.builder(config.build());
		if (limiter != null) {
			builder.rateLimiter(limiter);
		}
		LlmTemplate template = builder.build();
		this.templates.add(template);
		return template;
	}

	private static RateLimiter limiter(RateLimitSettings settings) {
		return RateLimiter.local("test", "openai", settings);
	}

	private static RateLimitSettings settings(Integer rpm, Integer tpm, Duration maxWait, boolean fromHeaders) {
		return new RateLimitSettings(rpm, tpm, RateLimitStore.LOCAL, null, maxWait, Duration.ofMillis(500), 1024,
				fromHeaders);
	}

}
