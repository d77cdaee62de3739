package io.github.llmclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch job's result file is read as a stream: a server that sends the first line of a large
 * output file and holds the rest back until the test has received the first result (a client
 * that read the file whole would never deliver it, and the test would time out).
 */
class BatchResultsStreamingTests {

	private static final int LINES = 20_000;

	private final Sinks.Empty<Void> firstResultSeen = Sinks.empty();

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

	@Test
	void deliversTheFirstResultBeforeTheLastLineHasArrived() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.get("/v1/batches/batch_abc",
						(request, response) -> response.header("Content-Type", "application/json")
							.sendString(Mono.just(OpenAiBatchJobsIntegrationTests.batch("completed", LINES, LINES, 0,
									"file-out", null))))
				.get("/v1/files/file-out/content", (request, response) -> response
					.header("Content-Type", "application/octet-stream")
					.send(Flux.concat(Flux.just(line(0)), this.firstResultSeen.asMono().thenMany(
							Flux.range(1, LINES - 1).buffer(500).map(BatchResultsStreamingTests::lines))),
							(buffer) -> true)))
			.bindNow();
		try (LlmTemplate template = LlmTemplate
			.builder(TestClients.openAi("http://127.0.0.1:" + this.server.port() + "/v1").build())
			.build()) {
			StepVerifier.create(template.batchJobs().results("batch_abc"))
				.assertNext((result) -> {
					assertThat(result.index()).isZero();
					assertThat(result.response().content()).isEqualTo("Answer 0");
				})
				.then(this.firstResultSeen::tryEmitEmpty)
				.expectNextCount(LINES - 2)
				.assertNext((result) -> assertThat(result.response().content()).isEqualTo("Answer " + (LINES - 1)))
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		}
	}

	private static ByteBuf lines(java.util.List<Integer> indexes) {
		StringBuilder text = new StringBuilder();
		for (int index : indexes) {
			text.append(text(index));
		}
		return Unpooled.wrappedBuffer(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static ByteBuf line(int index) {
		return Unpooled.wrappedBuffer(text(index).getBytes(StandardCharsets.UTF_8));
	}

	private static String text(int index) {
		return "{\"id\":\"batch_req_" + index + "\",\"custom_id\":\"" + index
				+ "\",\"response\":{\"status_code\":200,\"request_id\":\"r\",\"body\":{\"id\":\"c" + index
				+ "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
				+ "\"message\":{\"role\":\"assistant\",\"content\":\"Answer " + index + "\"},\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}},\"error\":null}\n";
	}

}
