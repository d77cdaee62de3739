package io.github.llmclient;

import java.time.Duration;

import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.retry.RetrySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The response timeout of a non-streaming call, against a server that never answers. */
class CallTimeoutIntegrationTests {

	private DisposableServer server;

	private LlmTemplate template;

	@AfterEach
	void stop() {
		this.template.close();
		this.server.disposeNow();
	}

	@Test
	void failsWithResponseTimeoutWhenNoAnswerArrives() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().then().then(Mono.never()))
			.bindNow();
		RetrySettings noRetries = new RetrySettings(0, Duration.ofMillis(10), 2.0, Duration.ofMillis(10),
				Duration.ZERO, RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(1), Duration.ofSeconds(5));
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.OPENAI)
			.baseUrl("http://127.0.0.1:" + this.server.port() + "/v1")
			.model("m")
			.timeout(Duration.ofMillis(500))
			.retry(noRetries)
			.build()).build();
		StepVerifier.create(this.template.chat("q"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.RESPONSE)))
			.verify(Duration.ofSeconds(10));
	}

}
