package io.github.llmclient.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.LlmTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Actuator view over HTTP for a client configured with secrets — an API key, a base URL whose
 * query holds a key, a custom header — against a WireMock provider that announces rate limits:
 * neither {@code /actuator/llm} nor {@code /actuator/health/llm} shows any of the three, and the
 * endpoint shows the figures the provider's headers announced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ActuatorSecretsIntegrationTests {

	private static final String API_KEY = "sk-secret-actuator-5f1e2d";

	private static final String QUERY_SECRET = "qsecret-actuator-77";

	private static final String HEADER_SECRET = "hsecret-actuator-99";

	private static final WireMockServer provider = startProvider();

	@LocalServerPort
	private int port;

	@Autowired
	private LlmTemplates templates;

	@DynamicPropertySource
	static void secretiveClient(DynamicPropertyRegistry registry) {
		registry.add("llm.clients.secretive.base-url",
				() -> "http://localhost:" + provider.port() + "/v1?api-key=" + QUERY_SECRET);
		registry.add("llm.clients.secretive.api-key", () -> API_KEY);
		registry.add("llm.clients.secretive.model", () -> "gpt-4o-mini");
		registry.add("llm.clients.secretive.headers.X-Custom", () -> HEADER_SECRET);
	}

	@AfterAll
	static void stopProvider() {
		provider.stop();
	}

	@Test
	void neitherTheEndpointNorTheHealthShowsASecret() {
		String endpoint = body("/actuator/llm");
		assertThat(endpoint).contains("\"secretive\"").contains("\"localhost:" + provider.port() + "\"");
		assertThat(endpoint).doesNotContain(API_KEY, QUERY_SECRET, HEADER_SECRET, "api-key");
		String health = body("/actuator/health/llm");
		assertThat(health).contains("\"secretive\"");
		assertThat(health).doesNotContain(API_KEY, QUERY_SECRET, HEADER_SECRET, "api-key");
	}

	@Test
	void theEndpointShowsTheRateLimitFiguresOfTheLatestResponse() {
		assertThat(this.templates.get("secretive").chat("Hi").block(Duration.ofSeconds(10))).isEqualTo("Hello!");
		client().get()
			.uri("/actuator/llm")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.clients.secretive.provider").isEqualTo("openai")
			.jsonPath("$.clients.secretive.model").isEqualTo("gpt-4o-mini")
			.jsonPath("$.clients.secretive.rateLimit.remainingRequests").isEqualTo(4999)
			.jsonPath("$.clients.secretive.rateLimit.remainingTokens").isEqualTo(159980)
			.jsonPath("$.clients.secretive.rateLimit.resetAt").isNotEmpty()
			.jsonPath("$.clients.default.rateLimit.remainingRequests").doesNotHaveJsonPath();
		assertThat(body("/actuator/llm")).doesNotContain(API_KEY, QUERY_SECRET, HEADER_SECRET);
	}

	private String body(String path) {
		byte[] body = client().get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBodyContent();
		assertThat(body).isNotNull();
		return new String(body, StandardCharsets.UTF_8);
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	private static WireMockServer startProvider() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withHeader("x-ratelimit-remaining-requests", "4999")
				.withHeader("x-ratelimit-remaining-tokens", "159980")
				.withHeader("x-ratelimit-reset-requests", "12ms")
				.withHeader("x-ratelimit-reset-tokens", "6m0s")
				.withBody("""
						{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
						"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],
						"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""")));
		return server;
	}

}
