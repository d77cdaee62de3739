package io.github.llmclient.exchange;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LogCapture;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.metrics.OpenAiStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every log line of a call, captured at TRACE from our loggers and the HTTP client's: one DEBUG
 * line per exchange, one WARN per retry, TRACE bodies, and never the API key.
 */
class LoggingRedactionTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	final LogCapture logs = LogCapture
		.of("io.github.llmclient", "org.springframework.web.reactive.function.client", "org.springframework.http",
				"reactor.netty")
		.atLevel(Level.TRACE);

	private final LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).build()).build();

	@AfterEach
	void closeClient() {
		this.template.close();
	}

	@Test
	void retriedCallLogsEachExchangeAndTheRetryButNeverTheKey() {
		OpenAiStubs.serviceUnavailableOnce(server);

		assertThat(this.template.chat("Hi").block()).isEqualTo("Hello!");

		// the key was really sent, so its absence from the logs means something
		server.verify(2, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH)).withHeader("Authorization",
				equalTo("Bearer " + OpenAiStubs.API_KEY)));
		assertNoLineContainsTheKey();
		List<String> exchanges = lines(Level.DEBUG, "io.github.llmclient.Exchange");
		assertThat(exchanges).hasSize(2);
		assertThat(exchanges.get(0)).startsWith("POST /v1/chat/completions -> 503 in ")
			.contains("(attempt 1, client request id ")
			.contains("LlmServerException");
		assertThat(exchanges.get(1)).startsWith("POST /v1/chat/completions -> 200 in ").contains("(attempt 2, ");
		String clientRequestId = exchanges.get(0).replaceAll(".*client request id ([0-9a-f-]{36}).*", "$1");
		assertThat(exchanges.get(1)).contains(clientRequestId);
		assertThat(lines(Level.WARN, "io.github.llmclient.retry.RetryOperator")).singleElement()
			.asString()
			.contains("attempt 1/3 failed (503), retrying in 10ms")
			.contains(clientRequestId);
		List<String> traces = lines(Level.TRACE, "io.github.llmclient.Exchange");
		assertThat(traces).filteredOn((line) -> line.startsWith(">> POST "))
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("Authorization=******").contains("\"content\":\"Hi\""));
		assertThat(traces).anySatisfy((line) -> assertThat(line).startsWith("<< ").contains("overloaded"));
		assertThat(traces).anySatisfy((line) -> assertThat(line).startsWith("<< ").contains("Hello!"));
	}

	@Test
	void rejectedKeyNeverAppearsInTheExceptionOrTheLogs() {
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + OpenAiStubs.API_KEY
					+ "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));

		LlmAuthenticationException error = assertThatExceptionOfType(LlmAuthenticationException.class)
			.isThrownBy(() -> this.template.chat("Hi").block())
			.actual();

		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(OpenAiStubs.API_KEY);
			assertThat(cause.toString()).doesNotContain(OpenAiStubs.API_KEY);
		}
		assertThat(this.template.config().toString()).doesNotContain(OpenAiStubs.API_KEY);
		assertThat(lines(Level.DEBUG, "io.github.llmclient.Exchange")).singleElement()
			.asString()
			.contains("-> 401");
		assertNoLineContainsTheKey();
	}

	@Test
	void redactsEveryCredentialHeaderWhateverItsCase() {
		assertThat(List.of("Authorization", "authorization", "x-api-key", "X-Api-Key", "api-key", "API-KEY"))
			.allMatch(RequestSender::isSecret);
		assertThat(List.of("Content-Type", "anthropic-version", "X-Client-Request-Id")).noneMatch(RequestSender::isSecret);
	}

	private void assertNoLineContainsTheKey() {
		assertThat(this.logs.events()).isNotEmpty().allSatisfy((event) -> {
			assertThat(event.getFormattedMessage()).doesNotContain(OpenAiStubs.API_KEY);
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				assertThat(String.valueOf(proxy.getMessage())).doesNotContain(OpenAiStubs.API_KEY);
			}
		});
	}

	private List<String> lines(Level level, String logger) {
		return this.logs.messages(level, logger);
	}

}
