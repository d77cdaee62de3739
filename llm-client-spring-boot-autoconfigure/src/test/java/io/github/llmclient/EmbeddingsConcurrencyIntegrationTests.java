package io.github.llmclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batches of one {@code embed} call run concurrently, but never more than
 * {@code llm.max-concurrent} at once, and each answer lands at its inputs' place. The stub answers
 * in reverse order of arrival: the later a batch starts, the sooner it answers.
 */
class EmbeddingsConcurrencyIntegrationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
		.route((routes) -> routes.post("/v1/embeddings", (request, response) -> request.receive().aggregate().asString()
			.flatMap((body) -> {
				int now = this.inFlight.incrementAndGet();
				this.maxInFlight.accumulateAndGet(now, Math::max);
				int arrival = this.requests.incrementAndGet();
				List<String> inputs = new ArrayList<>();
				this.json.readTree(body).path("input").forEach((input) -> inputs.add(input.asString()));
				byte[] answer = EmbeddingStubs.base64Response("m", inputs).getBytes(StandardCharsets.UTF_8);
				return Mono.delay(Duration.ofMillis(Math.max(10, 200 - 30 * arrival))).then(Mono.fromRunnable(this.inFlight::decrementAndGet)).thenReturn(answer);
			})
			.flatMap((answer) -> response.header("Content-Type", "application/json").sendByteArray(Mono.just(answer)).then())))
		.bindNow();

	@AfterEach
	void stop() {
		this.server.disposeNow();
	}

	@Test
	void runsAtMostMaxConcurrentBatchesAtOnceAndKeepsInputOrder() {
		List<String> texts = IntStream.range(0, 12).mapToObj((i) -> "text " + "x".repeat(i)).toList();
		try (LlmTemplate template = LlmTemplate.builder(TestClients.openAi("http://127.0.0.1:" + this.server.port() + "/v1")
			.embeddingModel("m")
			.embeddingBatchSize(2)
			.maxConcurrent(3)
			.build()).build()) {
			List<float[]> vectors = template.embed(texts).block(Duration.ofSeconds(20));
			assertThat(vectors).containsExactly(texts.stream().map(EmbeddingStubs::vectorOf).toArray(float[][]::new));
			assertThat(template.activeRequests()).isZero();
		}
		assertThat(this.requests.get()).isEqualTo(6);
		assertThat(this.maxInFlight.get()).isEqualTo(3);
	}
}
