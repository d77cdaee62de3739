package io.github.llmclient;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ErrorMappingIntegrationTests {

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private LlmTemplate template;

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").retry(TestClients.fastRetries(0)).build())
			.build();
	}

	@AfterEach
	void stop() {
		this.template.close();
		this.wireMock.stop();
	}

	@ParameterizedTest
	@CsvSource({ "400, io.github.llmclient.error.LlmBadRequestException, invalid_request_error",
			"401, io.github.llmclient.error.LlmAuthenticationException, invalid_request_error",
			"403, io.github.llmclient.error.LlmAuthenticationException, permission_denied",
			"404, io.github.llmclient.error.LlmBadRequestException, invalid_request_error",
			"422, io.github.llmclient.error.LlmBadRequestException, invalid_request_error",
			"429, io.github.llmclient.error.LlmRateLimitException, requests",
			"500, io.github.llmclient.error.LlmServerException, server_error",
			"503, io.github.llmclient.error.LlmServerException, server_error" })
	void mapsEveryErrorStatusWithTheProvidersMessageTypeAndRequestId(int status, Class<?> type, String errorType) {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "req_abc123")
			.withBody("{\"error\":{\"message\":\"Something specific went wrong\",\"type\":\"" + errorType
					+ "\",\"param\":null,\"code\":null}}")));
		LlmException error = failure();
		assertThat(error).isInstanceOf(type);
		assertThat(error.statusCode()).isEqualTo(status);
		assertThat(error.errorType()).isEqualTo(errorType);
		assertThat(error.requestId()).isEqualTo("req_abc123");
		assertThat(error.clientRequestId()).matches("[0-9a-f-]{36}");
		assertThat(error.provider()).isEqualTo("openai");
		assertThat(error.getMessage()).startsWith("HTTP " + status + " ")
			.contains("from openai: Something specific went wrong")
			.contains("request id req_abc123")
			.contains(error.clientRequestId());
	}

	@Test
	void usesTheErrorCodeWhenThereIsNoType() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"The model `gpt-9` does not exist\",\"type\":null,\"code\":\"model_not_found\"}}")));
		LlmException error = failure();
		assertThat(error).isInstanceOf(LlmBadRequestException.class);
		assertThat(error.errorType()).isEqualTo("model_not_found");
		assertThat(error.getMessage()).contains("The model `gpt-9` does not exist");
	}

	@Test
	void readsNonJsonAndOtherServersErrorBodies() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
		assertThat(failure()).isInstanceOf(LlmServerException.class).hasMessageContaining("<html>Bad gateway</html>");
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"type\":\"BadRequestError\",\"code\":400}")));
		LlmException vllm = failure();
		assertThat(vllm.errorType()).isEqualTo("BadRequestError");
		assertThat(vllm.getMessage()).contains("max_tokens is too large");
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(500)));
		assertThat(failure()).isInstanceOf(LlmServerException.class).hasMessageStartingWith("HTTP 500 Internal Server Error from openai");
	}

	@Test
	void carriesRetryAfterOnAnyStatus() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
		LlmException error = failure();
		assertThat(error).isInstanceOf(LlmRateLimitException.class);
		assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
	}

	@Test
	void neverPutsTheKeyInAMessageEvenWhenTheProviderEchoesIt() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + TestClients.SECRET_KEY
					+ ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
		LlmException error = failure();
		assertThat(error).isInstanceOf(LlmAuthenticationException.class);
		assertThat(error.getMessage()).doesNotContain(TestClients.SECRET_KEY).contains("Incorrect API key provided: ******");
		assertThat(error.toString()).doesNotContain(TestClients.SECRET_KEY);
	}

	@Test
	void anUnreadableSuccessBodyIsAProtocolError() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"choices\": [")));
		assertThat(failure()).isInstanceOf(LlmProtocolException.class).hasMessageContaining("could not be read");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"status\":\"ok\"}", "{\"id\":\"c\",\"choices\":[]}", "[]" })
	void aSuccessBodyThatIsNotAChatCompletionIsAProtocolErrorNotAnEmptyAnswer(String body) {
		// e.g. a base-url that points at another JSON API, or a proxy answering on its behalf
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(body)));
		assertThat(failure()).isInstanceOf(LlmProtocolException.class).hasMessageContaining("could not be read");
	}

	@Test
	void aConnectionRefusedIsATransportError() {
		int port = this.wireMock.port();
		this.wireMock.stop();
		try (LlmTemplate closed = LlmTemplate.builder(TestClients.openAi("http://127.0.0.1:" + port + "/v1").retry(TestClients.fastRetries(0)).build()).build()) {
			LlmException error = catchThrowableOfType(LlmException.class, () -> closed.chat("Hi").block(Duration.ofSeconds(10)));
			assertThat(error).isInstanceOf(LlmTransportException.class);
			assertThat(error.statusCode()).isZero();
			assertThat(error.isRetryable()).isTrue();
			assertThat(error.getMessage()).contains("127.0.0.1").contains("connection failed");
		}
	}

	@Test
	void anInStreamJsonErrorBodyOnAStreamRequestIsMapped() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"error\":{\"message\":\"Streaming is not supported\",\"type\":\"invalid_request_error\"}}")));
		LlmException error = catchThrowableOfType(LlmException.class, () -> this.template.stream("Hi").blockLast(Duration.ofSeconds(10)));
		assertThat(error).isInstanceOf(LlmBadRequestException.class).hasMessageContaining("Streaming is not supported");
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	private LlmException failure() {
		return catchThrowableOfType(LlmException.class, () -> this.template.chat("Hi").block(Duration.ofSeconds(10)));
	}

}
