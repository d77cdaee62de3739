package io.github.llmclient;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/** Each client has its own concurrency limit, connection pool and meters. */
class ClientIsolationIntegrationTests {

	@Test
	void aBusyClientDoesNotHoldUpAnotherAndMetersAreTaggedPerClient() throws InterruptedException {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerLlmMetrics metrics = new MicrometerLlmMetrics(registry);
		try (DribbleServer slow = DribbleServer.endless();
				StubServer fast = new StubServer(Duration.ZERO, 0);
				LlmTemplate a = LlmTemplate.builder(TestClients.openAi(slow.baseUrl()).name("a").maxConcurrent(1).build())
					.metrics(metrics)
					.build();
				LlmTemplate b = LlmTemplate.builder(TestClients.openAi(fast.baseUrl()).name("b").maxConcurrent(1).build())
					.metrics(metrics)
					.build()) {
			CountDownLatch streaming = new CountDownLatch(3);
			Disposable busy = a.stream("tick").subscribe((text) -> streaming.countDown());
			assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(a.activeRequests()).isEqualTo(1);
			assertThat(b.chat("Hi").block(Duration.ofSeconds(10))).isEqualTo("Hello there!");
			assertThat(b.activeRequests()).isZero();
			assertThat(registry.get("llm.client.active").tag("llm.client", "a").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get("llm.client.active").tag("llm.client", "b").gauge().value()).isZero();
			busy.dispose();
			assertThat(registry.get("llm.client.requests").tag("llm.client", "b").counter().count()).isEqualTo(1.0);
			assertThat(registry.find("llm.client.requests").tag("llm.client", "a").tag("status", "200").counter()).isNotNull();
			assertThat(registry.get("gen_ai.client.operation.duration").tag("llm.client", "b").tag("llm.stream", "false").timer().count())
				.isEqualTo(1);
		}
	}

}
