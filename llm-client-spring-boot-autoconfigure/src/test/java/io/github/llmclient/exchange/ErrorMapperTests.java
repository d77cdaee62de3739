package io.github.llmclient.exchange;

import java.io.IOException;
import java.net.ConnectException;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.ProxySettings;
import io.github.llmclient.TestClients;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMapperTests {

	private final ClientConfig config = TestClients.openAi("https://llm.example.com/v1").build();

	private final ErrorMapper mapper = new ErrorMapper(this.config);

	private final CallContext call = new CallContext("chat", io.github.llmclient.metrics.CallObserver.NOOP);

	@Test
	void aConnectTimeoutIsARetryableTimeoutOfTheConnectPhase() {
		LlmException error = this.mapper.fromThrowable(wrapped(new ConnectTimeoutException("connection timed out: llm.example.com")), this.call);
		assertThat(error).isInstanceOf(LlmTimeoutException.class).hasMessageContaining("llm.connect-timeout");
		assertThat(((LlmTimeoutException) error).phase()).isEqualTo(LlmTimeoutException.Phase.CONNECT);
		assertThat(error.isRetryable()).isTrue();
		assertThat(error.clientRequestId()).isEqualTo(this.call.clientRequestId());
	}

	@Test
	void connectionFailuresAreRetryableTransportErrors() {
		for (Throwable failure : new Throwable[] { new ConnectException("Connection refused"), new IOException("Connection reset by peer") }) {
			LlmException error = this.mapper.fromThrowable(wrapped(failure), this.call);
			assertThat(error).isInstanceOf(LlmTransportException.class);
			assertThat(error.isRetryable()).isTrue();
			assertThat(error.statusCode()).isZero();
		}
	}

	@Test
	void inStreamErrorTypesDecideRetryability() {
		assertThat(this.mapper.fromStreamError(200, HttpHeaders.EMPTY, new io.github.llmclient.provider.ProviderError("Overloaded", "overloaded_error"), this.call)
			.isRetryable()).isTrue();
		assertThat(this.mapper.fromStreamError(200, HttpHeaders.EMPTY, new io.github.llmclient.provider.ProviderError("slow down", "rate_limit_error"), this.call))
			.isInstanceOf(io.github.llmclient.error.LlmRateLimitException.class);
		assertThat(this.mapper.fromStreamError(200, HttpHeaders.EMPTY, new io.github.llmclient.provider.ProviderError("bad", "invalid_request_error"), this.call)
			.isRetryable()).isFalse();
	}

	@Test
	void neverShowsTheProxyPassword() {
		ProxySettings proxy = ProxySettings.http("proxy.corp", 3128).withCredentials("svc-llm", "hunter2-Secret");
		ClientConfig config = TestClients.openAi("http://localhost:1/v1").proxy(proxy).build();
		assertThat(proxy.toString()).doesNotContain("hunter2-Secret").contains("svc-llm").contains("******");
		assertThat(config.toString()).doesNotContain("hunter2-Secret").contains("proxy.corp");
		assertThat(ErrorMapper.redact(config, "echo hunter2-Secret and " + TestClients.SECRET_KEY))
			.isEqualTo("echo ****** and ******");
	}

	private static WebClientRequestException wrapped(Throwable failure) {
		return new WebClientRequestException(failure, HttpMethod.POST, java.net.URI.create("https://llm.example.com/v1/chat/completions"), HttpHeaders.EMPTY);
	}

}
