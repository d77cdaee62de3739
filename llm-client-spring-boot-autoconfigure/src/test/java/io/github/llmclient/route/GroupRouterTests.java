package io.github.llmclient.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.GroupStrategy;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LogCapture;
import io.github.llmclient.TestClients;
import io.github.llmclient.circuit.CircuitBreakerSettings;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmServerException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The group router's own decisions: the configuration a group reports, the order members are
 * tried in, the WARN line of a moved call, and the error when every member is open.
 */
class GroupRouterTests {

	@RegisterExtension
	static WireMockExtension failing = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension healthy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** The members here have no circuit breaker: none refuses a call. */
	private static final Predicate<LlmTemplate> NO_BREAKER = (member) -> false;

	private final List<LlmTemplate> templates = new ArrayList<>();

	@RegisterExtension
	final LogCapture logs = LogCapture.of(GroupRouter.class);

	@AfterEach
	void close() {
		this.templates.forEach(LlmTemplate::close);
	}

	@Test
	void aGroupNeedsAMember() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GroupRouter("pool", GroupStrategy.ROUND_ROBIN, List.of(), NO_BREAKER))
			.withMessage("A group needs at least one member");
	}

	@Test
	void reportsItsFirstMembersConfigurationUnderItsNameWithTheMembersSummedConcurrency() {
		LlmTemplate first = member("a", "http://localhost:1/v1", 3);
		LlmTemplate second = member("b", "http://localhost:2/v1", 5);
		GroupRouter router = new GroupRouter("pool", GroupStrategy.ROUND_ROBIN, List.of(first, second), NO_BREAKER);
		ClientConfig config = router.config();
		assertThat(config.name()).isEqualTo("pool");
		assertThat(config.maxConcurrent()).isEqualTo(8);
		assertThat(config.model()).isEqualTo(first.config().model());
		assertThat(config.baseUrl()).isEqualTo(first.config().baseUrl());
		assertThat(config.fallback()).isNull();
		assertThat(config.circuitBreaker().enabled()).isFalse();
		assertThat(router.memberNames()).isEqualTo("a, b");
		assertThat(router.memberList()).containsExactly("a", "b");
		assertThat(router.members()).containsExactly(first, second);
		assertThat(router.name()).isEqualTo("pool");
		assertThat(router.strategy()).isEqualTo(GroupStrategy.ROUND_ROBIN);
	}

	@Test
	void roundRobinStartsEachCallOneMemberFurtherAndWrapsAround() {
		LlmTemplate a = member("a", "http://localhost:1/v1", 1);
		LlmTemplate b = member("b", "http://localhost:2/v1", 1);
		LlmTemplate c = member("c", "http://localhost:3/v1", 1);
		GroupRouter router = new GroupRouter("pool", GroupStrategy.ROUND_ROBIN, List.of(a, b, c), NO_BREAKER);
		assertThat(router.order()).containsExactly(a, b, c);
		assertThat(router.order()).containsExactly(b, c, a);
		assertThat(router.order()).containsExactly(c, a, b);
		assertThat(router.order()).containsExactly(a, b, c);
	}

	@Test
	void aMovedCallIsLoggedNamingTheGroupTheMemberAndTheReason() {
		failing.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503)));
		healthy.stubFor(post("/v1/chat/completions").willReturn(okJson(
				"{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}")));
		LlmTemplate group = LlmTemplate.group("pool", GroupStrategy.ROUND_ROBIN,
				List.of(member("down", failing.baseUrl() + "/v1", 1), member("up", healthy.baseUrl() + "/v1", 1)));
		StepVerifier.create(group.chat("Hi")).expectNext("hi").expectComplete().verify(Duration.ofSeconds(30));
		assertThat(this.logs.messages(Level.WARN)).containsExactly("LLM group 'pool': client 'down' failed (503), moving the call to the next member");
	}

	@Test
	void whenTheLastMemberFailsTooItsErrorIsDeliveredWithoutAnnouncingAMove() {
		failing.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503)));
		LlmTemplate group = LlmTemplate.group("pool", GroupStrategy.ROUND_ROBIN, List
			.of(member("first", failing.baseUrl() + "/v1", 1), member("last", failing.baseUrl() + "/v1", 1)));
		StepVerifier.create(group.chat("Hi"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmServerException.class))
			.verify(Duration.ofSeconds(30));
		assertThat(this.logs.messages(Level.WARN)).containsExactly("LLM group 'pool': client 'first' failed (503), moving the call to the next member");
	}

	@Test
	void leastBusyCountsQueuedCallsAsWellAsThoseInFlight() {
		failing.stubFor(post("/v1/chat/completions").willReturn(okJson("{}").withFixedDelay(30_000)));
		// a: one call in flight and one waiting for its only permit; b: one call in flight
		LlmTemplate a = member("a", failing.baseUrl() + "/v1", 1);
		LlmTemplate b = member("b", failing.baseUrl() + "/v1", 2);
		GroupRouter router = new GroupRouter("pool", GroupStrategy.LEAST_BUSY, List.of(a, b), NO_BREAKER);
		List<Disposable> calls = List.of(a.chat("slow").subscribe(), a.chat("slow").subscribe(),
				b.chat("slow").subscribe());
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> a.activeRequests() == 1 && a.queuedRequests() == 1 && b.activeRequests() == 1);
			assertThat(router.activeRequests()).isEqualTo(2);
			assertThat(router.queuedRequests()).isEqualTo(1);
			assertThat(router.order()).containsExactly(b, a);
			assertThat(router.order()).containsExactly(b, a);
		}
		finally {
			calls.forEach(Disposable::dispose);
		}
	}

	@Test
	void whenEveryMemberIsOpenTheErrorNamesTheGroupAndItsMembers() {
		CircuitBreakerSettings breaker = new CircuitBreakerSettings(true, 50, 1, Duration.ofSeconds(60),
				Duration.ofMinutes(5));
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		LlmTemplate a = LlmTemplate.builder(TestClients.openAi("http://localhost:1/v1").name("a").circuitBreaker(breaker).build())
			.circuitBreakerRegistry(registry)
			.build();
		LlmTemplate b = LlmTemplate.builder(TestClients.openAi("http://localhost:2/v1").name("b").circuitBreaker(breaker).build())
			.circuitBreakerRegistry(registry)
			.build();
		this.templates.add(a);
		this.templates.add(b);
		registry.circuitBreaker("a").transitionToOpenState();
		registry.circuitBreaker("b").transitionToOpenState();
		LlmTemplate group = LlmTemplate.group("pool", GroupStrategy.ROUND_ROBIN, List.of(a, b));
		StepVerifier.create(group.chat("Hi")).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(LlmCircuitOpenException.class)
				.hasMessage("Every member of LLM group 'pool' has an open circuit (a, b); not sent");
			LlmCircuitOpenException open = (LlmCircuitOpenException) error;
			assertThat(open.errorType()).isEqualTo("circuit_open");
			assertThat(open.isRetryable()).isFalse();
			assertThat(open.statusCode()).isZero();
			assertThat(open.provider()).isEqualTo("openai");
		}).verify(Duration.ofSeconds(30));
	}

	private LlmTemplate member(String name, String baseUrl, int maxConcurrent) {
		LlmTemplate template = LlmTemplate.builder(TestClients.openAi(baseUrl)
			.name(name)
			.model("model-" + name)
			.maxConcurrent(maxConcurrent)
			.retry(TestClients.fastRetries(0))
			.build()).build();
		this.templates.add(template);
		return template;
	}

}
