package io.github.llmclient;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.retry.RetrySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a stream ends: at the provider's end marker, with the rest of the response read so the
 * connection is reused, a bounded wait when the server leaves the response open, and the failures
 * that must still surface (no end marker, malformed event). Runs against a scripted Reactor Netty
 * server, which WireMock cannot imitate (a response left open after its last event).
 */
class StreamEndIntegrationTests {

	private static final String CHUNK = "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}\n\n";

	private static final String DONE = "data: [DONE]\n\n";

	private final AtomicInteger connections = new AtomicInteger();

	private DisposableServer server;

	private LlmTemplate template;

	@AfterEach
	void stop() {
		if (this.template != null) {
			this.template.close();
		}
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

	@Test
	void reusesTheConnectionAfterTheEndMarker() {
		start((response) -> response.sendString(Flux.just(chunk("a"), chunk("b"), DONE)).then());
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(this.template.stream("q")).expectNext("a", "b").verifyComplete();
		}
		assertThat(this.connections).hasValue(1);
	}

	@Test
	void completesSoonAfterTheEndMarkerWhenTheServerLeavesTheResponseOpen() {
		start((response) -> response.sendString(Flux.just(chunk("a"), DONE).concatWith(Flux.never())).then());
		long started = System.nanoTime();
		StepVerifier.create(this.template.stream("q")).expectNext("a").expectComplete().verify(Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void completesWhenTheServerKeepsSendingAfterTheEndMarker() {
		start((response) -> response.sendString(Flux.just(chunk("a"), DONE)
			.concatWith(Flux.interval(Duration.ofMillis(100)).map((i) -> chunk("late"))))
			.then());
		StepVerifier.create(this.template.stream("q")).expectNext("a").expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void ignoresWhatFollowsTheEndMarker() {
		start((response) -> response.sendString(Flux.just(chunk("a"), DONE, chunk("after"), "data: {broken\n\n"))
			.then());
		StepVerifier.create(this.template.stream("q")).expectNext("a").verifyComplete();
	}

	@Test
	void completesWhenTheConnectionDropsAfterTheEndMarker() {
		start((response) -> response.sendString(Flux.just(chunk("a"), DONE))
			.then()
			.then(Mono.fromRunnable(() -> response.withConnection((connection) -> connection.channel().close())))
			.then(Mono.never()));
		StepVerifier.create(this.template.stream("q")).expectNext("a").expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void failsAfterItsChunksWhenTheEndMarkerIsMissing() {
		start((response) -> response.sendString(Flux.just(chunk("a"), chunk("b"))).then());
		StepVerifier.create(this.template.stream("q"))
			.expectNext("a", "b")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("ended before completion"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsAfterItsChunksOnAMalformedEvent() {
		start((response) -> response.sendString(Flux.just(chunk("a") + "data: {\"choices\":[\n\n" + chunk("b"), DONE))
			.then());
		StepVerifier.create(this.template.stream(io.github.llmclient.chat.ChatRequest.of("q")).map(ChatChunk::content))
			.expectNext("a")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmProtocolException.class)
				.hasMessageContaining("Malformed event"))
			.verify(Duration.ofSeconds(10));
	}

	private void start(Function<HttpServerResponse, org.reactivestreams.Publisher<Void>> stream) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> this.connections.incrementAndGet())
			.handle((request, response) -> request.receive()
				.then()
				.thenMany(stream.apply(response.header("Content-Type", "text/event-stream"))))
			.bindNow();
		RetrySettings noRetries = new RetrySettings(0, Duration.ofMillis(10), 2.0, Duration.ofMillis(10),
				Duration.ZERO, RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(1), Duration.ofSeconds(5));
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.OPENAI)
			.baseUrl("http://127.0.0.1:" + this.server.port() + "/v1")
			.model("m")
			// One pooled connection at most: the next call waits for it to come back to the pool
			// rather than racing its release, so a count above 1 means a connection was closed.
			.maxConcurrent(1)
			.streamIdleTimeout(Duration.ofSeconds(30))
			.retry(noRetries)
			.build()).build();
	}

	private static String chunk(String content) {
		return String.format(CHUNK, content);
	}

}
