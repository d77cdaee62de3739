package io.github.llmclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmServerException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client group spreads calls over its members and moves a failed call to the next one. */
class GroupRoutingIntegrationTests {

	private static final String PATH = "/v1/chat/completions";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final List<WireMockServer> servers = new ArrayList<>();

	private final List<LlmTemplate> members = new ArrayList<>();

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

	@BeforeEach
	void start() {
		for (int i = 0; i < 3; i++) {
			WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
			server.start();
			server.stubFor(post(PATH).willReturn(okJson(answer("from " + i))));
			this.servers.add(server);
		}
	}

	@AfterEach
	void stop() {
		this.members.forEach(LlmTemplate::close);
		this.servers.forEach(WireMockServer::stop);
	}

	private static String answer(String text) {
		return "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"" + text
				+ "\"},\"finish_reason\":\"stop\"}]}";
	}

	private static String sse(String... texts) {
		StringBuilder body = new StringBuilder();
		for (String text : texts) {
			body.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(text).append("\"}}]}\n\n");
		}
		return body.toString();
	}

	/** A group over the first {@code count} servers, members with one retry and a breaker opening after 2 calls. */
	private LlmTemplate group(GroupStrategy strategy, int count) {
		for (int i = 0; i < count; i++) {
			ClientConfig config = TestClients.openAi(this.servers.get(i).baseUrl() + "/v1")
				.name("m" + i)
				.model("model-" + i)
				.retry(TestClients.fastRetries(1))
				.circuitBreaker(CircuitBreakerIntegrationTests.breaker(2, Duration.ofSeconds(30)))
				.build();
			this.members.add(LlmTemplate.builder(config).circuitBreakerRegistry(this.breakers).build());
		}
		return LlmTemplate.group("pool", strategy, this.members);
	}

	private int requests(int server) {
		return this.servers.get(server).countRequestsMatching(postRequestedFor(urlEqualTo(PATH)).build()).getCount();
	}

	@Test
	void roundRobinSendsCallsToEachMemberInTurn() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 3);
		for (int i = 0; i < 9; i++) {
			assertThat(pool.chat("Hi").block(WAIT)).startsWith("from ");
		}
		assertThat(List.of(requests(0), requests(1), requests(2))).containsExactly(3, 3, 3);
	}

	@Test
	void leastBusySendsCallsToTheMemberWithFewestInFlight() {
		LlmTemplate pool = group(GroupStrategy.LEAST_BUSY, 2);
		for (WireMockServer server : this.servers) {
			server.stubFor(post(PATH).withRequestBody(containing("slow")).willReturn(okJson(answer("slow")).withFixedDelay(10_000)));
		}
		Disposable slow = pool.chat("slow").subscribe();
		await().atMost(WAIT).until(() -> pool.activeRequests() == 1);
		int busy = (this.members.get(0).activeRequests() == 1) ? 0 : 1;
		for (int i = 0; i < 4; i++) {
			assertThat(pool.chat("fast").block(WAIT)).isEqualTo("from " + (1 - busy));
		}
		slow.dispose();
		assertThat(requests(1 - busy)).isEqualTo(4);
		assertThat(requests(busy)).isEqualTo(1);
	}

	@Test
	void leastBusySharesCallsBetweenIdleMembers() {
		LlmTemplate pool = group(GroupStrategy.LEAST_BUSY, 2);
		for (int i = 0; i < 6; i++) {
			pool.chat("Hi").block(WAIT);
		}
		assertThat(List.of(requests(0), requests(1))).containsExactly(3, 3);
	}

	@Test
	void aServerErrorMovesTheCallToTheNextMemberWithItsOwnModel() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		this.servers.get(0).stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(pool.chat(ChatRequest.builder().model("gpt-4o").user("Hi").build()))
				.assertNext((response) -> assertThat(response.content()).isEqualTo("from 1"))
				.verifyComplete();
		}
		// the call that started at m0 paid m0's retry (2 requests), then went to m1
		assertThat(requests(0)).isEqualTo(2);
		this.servers.get(1).verify(2, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.model", equalTo("model-1"))));
	}

	@Test
	void aBadRequestIsDeliveredWithoutTryingAnotherMember() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		this.servers.forEach((server) -> server.stubFor(post(PATH).willReturn(aResponse().withStatus(400))));
		StepVerifier.create(pool.chat("Hi")).expectError(LlmBadRequestException.class).verify(WAIT);
		assertThat(requests(0) + requests(1)).isEqualTo(1);
	}

	@Test
	void whenEveryMemberFailsTheLastErrorIsDelivered() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		this.servers.get(0).stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		this.servers.get(1).stubFor(post(PATH).willReturn(aResponse().withStatus(500)));
		StepVerifier.create(pool.chat("Hi"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmServerException.class).hasMessageStartingWith("HTTP 500"))
			.verify(WAIT);
	}

	@Test
	void anOpenMemberIsSkippedWithoutARequest() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		this.servers.get(0).stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
		// two calls start at m0 (its breaker judges after 2 calls), both end at m1
		for (int i = 0; i < 4; i++) {
			assertThat(pool.chat("Hi").block(WAIT)).isEqualTo("from 1");
		}
		assertThat(this.members.get(0).circuitState()).isEqualTo(CircuitState.OPEN);
		int before = requests(0);
		for (int i = 0; i < 6; i++) {
			assertThat(pool.chat("Hi").block(WAIT)).isEqualTo("from 1");
		}
		assertThat(requests(0)).isEqualTo(before);
		assertThat(pool.circuitState()).isEqualTo(CircuitState.DISABLED);
	}

	@Test
	void whenEveryMemberIsOpenTheCallFailsUnsent() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		this.breakers.circuitBreaker("m0").transitionToOpenState();
		this.breakers.circuitBreaker("m1").transitionToOpenState();
		StepVerifier.create(pool.chat("Hi"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmCircuitOpenException.class)
				.hasMessageContaining("'pool'")
				.hasMessageContaining("m0, m1"))
			.verify(WAIT);
		assertThat(requests(0) + requests(1)).isZero();
	}

	@Test
	void aStreamMovesToTheNextMemberBeforeItsFirstChunkOnly() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		this.servers.get(0).stubFor(post(PATH).willReturn(aResponse().withStatus(502)));
		this.servers.get(1).stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(sse("one", "two") + "data: [DONE]\n\n")));
		StepVerifier.create(pool.stream("Hi")).expectNext("one", "two").verifyComplete();
		// a stream that breaks after its first chunk (no end marker) ends with the error, on its member only
		this.servers.forEach((server) -> {
			server.stubFor(post(PATH).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse("partial"))));
			server.resetRequests();
		});
		AtomicReference<Throwable> error = new AtomicReference<>();
		StepVerifier.create(pool.stream("Hi")).expectNext("partial").expectErrorSatisfies(error::set).verify(WAIT);
		assertThat(error.get()).isNotNull();
		assertThat(requests(0) + requests(1)).isEqualTo(1);
	}

	@Test
	void theWholeApiGoesThroughTheGroup() {
		LlmTemplate pool = group(GroupStrategy.ROUND_ROBIN, 2);
		record Answer(String text) {
		}
		this.servers.forEach((server) -> server.stubFor(post(PATH).withRequestBody(containing("response_format"))
			.willReturn(okJson(answer("{\\\"text\\\":\\\"typed\\\"}")))));
		assertThat(pool.chat(ChatRequest.of("Hi"), Answer.class).block(WAIT)).isEqualTo(new Answer("typed"));
		List<BatchResult> results = pool.batch(List.of(ChatRequest.of("a"), ChatRequest.of("b"))).block(WAIT);
		assertThat(results).extracting(BatchResult::response).extracting(ChatResponse::content).allMatch((text) -> text.startsWith("from "));
		this.servers.forEach((server) -> server.stubFor(post("/v1/embeddings")
			.willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[0.5,0.25]}],\"model\":\"e\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}"))));
		this.members.clear();
		LlmTemplate embedding = LlmTemplate.group("embed", GroupStrategy.ROUND_ROBIN, List.of(
				LlmTemplate.builder(TestClients.openAi(this.servers.get(0).baseUrl() + "/v1").name("e0").embeddingModel("e").build()).build(),
				LlmTemplate.builder(TestClients.openAi(this.servers.get(1).baseUrl() + "/v1").name("e1").embeddingModel("e").build()).build()));
		assertThat(embedding.embed("text").block(WAIT)).containsExactly(0.5f, 0.25f);
		assertThat(pool.toString()).contains("pool").contains("m0, m1");
		assertThat(pool.config().name()).isEqualTo("pool");
	}

}
