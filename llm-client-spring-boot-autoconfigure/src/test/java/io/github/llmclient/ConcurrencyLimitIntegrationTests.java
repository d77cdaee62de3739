package io.github.llmclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.retry.RetrySettings;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The concurrency limit: bounded in flight, FIFO queue without threads, permits never leaked. */
class ConcurrencyLimitIntegrationTests {

	@Test
	void theServerNeverSeesMoreThanMaxConcurrentExchanges() {
		try (StubServer server = new StubServer(Duration.ofMillis(30), 0);
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).maxConcurrent(3).build()).build()) {
			List<String> answers = Flux.range(0, 40)
				.flatMap((i) -> template.chat("Hi " + i), 40)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(answers).hasSize(40).containsOnly("Hello there!");
			assertThat(server.maxInFlight.get()).isEqualTo(3);
			assertThat(template.activeRequests()).isZero();
			assertThat(template.queuedRequests()).isZero();
		}
	}

	@Test
	void waitingRequestsAreServedInArrivalOrder() {
		try (StubServer server = new StubServer(Duration.ofMillis(20), 0);
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).maxConcurrent(1).build()).build()) {
			List<Integer> completed = new CopyOnWriteArrayList<>();
			Flux.range(0, 8)
				.flatMap((i) -> template.chat("Hi").doOnNext((answer) -> completed.add(i)), 8)
				.blockLast(Duration.ofSeconds(30));
			assertThat(completed).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
		}
	}

	@Test
	void aStreamHoldsItsPermitUntilItEndsAndReleasesItOnCancel() throws InterruptedException {
		try (DribbleServer server = DribbleServer.endless();
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).maxConcurrent(1).build()).build()) {
			java.util.concurrent.CountDownLatch streaming = new java.util.concurrent.CountDownLatch(5);
			reactor.core.Disposable stream = template.stream("tick").subscribe((text) -> streaming.countDown());
			assertThat(streaming.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(template.activeRequests()).isEqualTo(1);
			reactor.core.Disposable waiting = template.models().subscribe();
			assertThat(template.queuedRequests()).isEqualTo(1);
			waiting.dispose();
			assertThat(template.queuedRequests()).isZero();
			stream.dispose();
			assertThat(server.connectionClosed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(template.activeRequests()).isZero();
		}
	}

	@Test
	void failsAtOnceWhenTheQueueIsFull() {
		try (StubServer server = new StubServer(Duration.ofMillis(500), 0);
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).maxConcurrent(1).maxQueued(1).build()).build()) {
			Mono<String> first = template.chat("1").cache();
			Mono<String> second = template.chat("2").cache();
			first.subscribe();
			second.subscribe();
			StepVerifier.create(template.chat("3"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmException.class)
					.hasMessageContaining("llm.max-queued")
					.hasMessageContaining("1 already queued"))
				.verify(Duration.ofMillis(400));
			assertThat(first.block(Duration.ofSeconds(5))).isEqualTo("Hello there!");
			assertThat(second.block(Duration.ofSeconds(5))).isEqualTo("Hello there!");
		}
	}

	@Test
	void aBackoffWaitHoldsNoPermit() {
		WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		wireMock.start();
		try {
			wireMock.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.model", equalTo("a")))
				.atPriority(1).inScenario("a").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("retried")
				.willReturn(aResponse().withStatus(503)));
			wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiChatIntegrationTests.COMPLETION)));
			RetrySettings slowBackoff = new RetrySettings(1, Duration.ofMillis(800), 2.0, Duration.ofSeconds(1), Duration.ZERO,
					RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofMinutes(1));
			try (LlmTemplate template = LlmTemplate.builder(TestClients.openAi(wireMock.baseUrl() + "/v1").maxConcurrent(1).retry(slowBackoff).build()).build()) {
				List<String> order = new CopyOnWriteArrayList<>();
				Mono<Void> a = template.chat(ChatRequest.builder().model("a").user("Hi").build()).doOnNext((r) -> order.add("a")).then();
				Mono<Void> b = Mono.delay(Duration.ofMillis(200)).then(template.chat(ChatRequest.builder().model("b").user("Hi").build()))
					.doOnNext((r) -> order.add("b")).then();
				Mono.when(a, b).block(Duration.ofSeconds(10));
				assertThat(order).as("b ran while a was backing off").containsExactly("b", "a");
			}
		}
		finally {
			wireMock.stop();
		}
	}

	@Test
	void noPermitLeaksUnderFailuresRetriesAndCancellations() {
		try (StubServer server = new StubServer(Duration.ZERO, 0.2);
				LlmTemplate template = LlmTemplate.builder(TestClients.openAi(server.baseUrl())
					.maxConcurrent(16)
					.maxQueued(10_000)
					.retry(TestClients.fastRetries(2))
					.build()).build()) {
			long outcomes = Flux.range(0, 10_000)
				.flatMap((i) -> {
					Mono<String> call = template.chat("Hi " + i);
					if (i % 7 == 0) {
						// cancelled midway: while queued, in flight or backing off
						call = call.timeout(Duration.ofMillis(i % 5), Schedulers.parallel());
					}
					return call.onErrorResume((error) -> Mono.just("failed"));
				}, 256)
				.count()
				.block(Duration.ofMinutes(2));
			assertThat(outcomes).isEqualTo(10_000);
			assertThat(template.activeRequests()).as("in flight").isZero();
			assertThat(template.queuedRequests()).as("queued").isZero();
			assertThat(server.maxInFlight.get()).isLessThanOrEqualTo(16);
		}
	}

}
