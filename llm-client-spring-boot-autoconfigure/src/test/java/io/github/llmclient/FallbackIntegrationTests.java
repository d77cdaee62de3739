package io.github.llmclient;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.LlmMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class FallbackIntegrationTests {

	private static final String BACKUP_ANSWER = "{\"id\":\"b\",\"model\":\"backup-model\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"from backup\"},\"finish_reason\":\"stop\"}]}";

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final java.util.List<String> fallbacks = new java.util.concurrent.CopyOnWriteArrayList<>();

	private LlmTemplate primary;

	private LlmTemplate backup;

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.backup = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/backup").name("backup").model("backup-model").build()).build();
		LlmMetrics metrics = (info) -> new CallObserver() {
			@Override
			public void onFallback(String toClient) {
				FallbackIntegrationTests.this.fallbacks.add(toClient);
			}
		};
		this.primary = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/primary").retry(TestClients.fastRetries(1)).fallback("backup").build())
			.fallback(() -> this.backup)
			.metrics(metrics)
			.build();
		this.wireMock.stubFor(post("/backup/chat/completions").willReturn(okJson(BACKUP_ANSWER)));
	}

	@AfterEach
	void stop() {
		this.primary.close();
		this.backup.close();
		this.wireMock.stop();
	}

	@Test
	void fallsBackWhenRetriesOfAServerErrorAreExhausted() {
		this.wireMock.stubFor(post("/primary/chat/completions").willReturn(aResponse().withStatus(503)));
		StepVerifier.create(this.primary.chat(ChatRequest.builder().model("gpt-4o").user("Hi").build()))
			.assertNext((response) -> assertThat(response.content()).isEqualTo("from backup"))
			.verifyComplete();
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/primary/chat/completions")));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/backup/chat/completions"))
			.withRequestBody(matchingJsonPath("$.model", equalTo("backup-model"))));
		assertThat(this.fallbacks).containsExactly("backup");
	}

	@Test
	void fallsBackOnARateLimitThatIsNotWaitedFor() {
		this.wireMock.stubFor(post("/primary/chat/completions").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
		StepVerifier.create(this.primary.chat("Hi")).expectNext("from backup").verifyComplete();
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/primary/chat/completions")));
	}

	@Test
	void doesNotFallBackOnABadRequest() {
		this.wireMock.stubFor(post("/primary/chat/completions").willReturn(aResponse().withStatus(400)));
		StepVerifier.create(this.primary.chat("Hi")).expectErrorMatches((error) -> error.getMessage().startsWith("HTTP 400")).verify();
		this.wireMock.verify(0, postRequestedFor(urlEqualTo("/backup/chat/completions")));
		assertThat(this.fallbacks).isEmpty();
	}

	@Test
	void aStreamFallsBackBeforeItsFirstChunkOnly() {
		this.wireMock.stubFor(post("/backup/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"backup\"}}]}\n\ndata: [DONE]\n\n")));
		this.wireMock.stubFor(post("/primary/chat/completions").willReturn(aResponse().withStatus(502)));
		StepVerifier.create(this.primary.stream("Hi")).expectNext("backup").verifyComplete();
		this.wireMock.resetRequests();
		this.wireMock.stubFor(post("/primary/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"primary\"}}]}\n\n")));
		StepVerifier.create(this.primary.stream("Hi")).expectNext("primary").expectError().verify();
		this.wireMock.verify(0, postRequestedFor(urlEqualTo("/backup/chat/completions")));
	}

	@Test
	void theErrorOfTheLastClientInTheChainIsDelivered() {
		this.wireMock.stubFor(post("/primary/chat/completions").willReturn(aResponse().withStatus(503)));
		this.wireMock.stubFor(post("/backup/chat/completions").willReturn(aResponse().withStatus(500)));
		StepVerifier.create(this.primary.chat("Hi"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmServerException.class).hasMessageStartingWith("HTTP 500"))
			.verify(Duration.ofSeconds(20));
		assertThat(Map.of("fallbacks", this.fallbacks)).isEqualTo(Map.of("fallbacks", java.util.List.of("backup")));
	}

}
