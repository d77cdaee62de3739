package io.github.llmclient;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.retry.RetrySettings;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-chunk and idle timeouts of a stream, against a scripted Reactor Netty server: the idle
 * time counts from the last complete line (keep-alive comments included), fires however many reads
 * came before, and is not held off by a server that trickles the bytes of a line it never ends.
 */
class StreamTimeoutIntegrationTests {

	private static final String CHUNK = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"}}]}\n\n";

	private static final String DONE = "data: [DONE]\n\n";

	private DisposableServer server;

	private LlmTemplate template;

	@AfterEach
	void stop() {
		this.template.close();
		this.server.disposeNow();
	}

	@Test
	void failsWithIdleTimeoutWhenReadsStop() {
		start((response) -> response.sendString(Flux.just(chunk("a"), chunk("b")).concatWith(Flux.never())));
		StepVerifier.create(this.template.stream("q"))
			.expectNext("a", "b")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.STREAM_IDLE)))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsWithIdleTimeoutAfterManyReads() {
		start((response) -> response.sendString(Flux.interval(Duration.ofMillis(20))
			.take(30)
			.map((i) -> chunk("x"))
			.concatWith(Flux.never())));
		StepVerifier.create(this.template.stream("q").count())
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.STREAM_IDLE)))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void keepsStreamingWhileReadsArriveWithinTheIdleTime() {
		start((response) -> response.sendString(Flux.interval(Duration.ofMillis(100))
			.take(12)
			.map((i) -> (i % 2 == 0) ? ": keep-alive\n\n" : chunk("x"))
			.concatWith(Flux.just(DONE))));
		StepVerifier.create(this.template.stream("q").count())
			.expectNext(6L)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsWithIdleTimeoutWhenALineNeverEndsThoughBytesKeepComing() {
		// One byte every 50 ms, 10 times faster than the idle timeout, but never a whole line.
		start((response) -> response.sendString(Flux.just(chunk("a"), "data: {\"choices\":[")
			.concatWith(Flux.interval(Duration.ofMillis(50)).map((i) -> " "))));
		StepVerifier.create(this.template.stream("q"))
			.expectNext("a")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.STREAM_IDLE)))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsWithIdleTimeoutBeforeTheFirstEventWhenBytesTrickleWithoutALine() {
		// The first-chunk timeout (5 s) would end it much later: the idle time (0.5 s) ends it first.
		start((response) -> response.sendString(Flux.just("data: {")
			.concatWith(Flux.interval(Duration.ofMillis(50)).map((i) -> " "))));
		StepVerifier.create(this.template.stream("q"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.STREAM_IDLE)))
			.verify(Duration.ofSeconds(4));
	}

	@Test
	void keepsStreamingEventsSplitAcrossReadsWhileLinesEndWithinTheIdleTime() {
		// Every event comes in two reads 100 ms apart: its lines end every 200 ms.
		String event = chunk("x");
		int half = event.indexOf("content");
		start((response) -> response.sendString(Flux.interval(Duration.ofMillis(100))
			.take(12)
			.map((i) -> (i % 2 == 0) ? event.substring(0, half) : event.substring(half))
			.concatWith(Flux.just(DONE))));
		StepVerifier.create(this.template.stream("q").count())
			.expectNext(6L)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void keepsStreamingWhenTheClientsOwnEventLoopIsBusyLongerThanTheIdleTime() {
		// The server sends an event every 50 ms; after the second, the event loop reading the stream
		// runs other work for three idle times (as on a machine starved of CPU, where the loop serves
		// thousands of streams). The events sent meanwhile wait in the socket: the server was never
		// silent, so the stream must not time out.
		start((response) -> response.sendString(Flux.interval(Duration.ofMillis(50))
			.take(40)
			.map((i) -> chunk("x"))
			.concatWith(Flux.just(DONE))));
		AtomicInteger seen = new AtomicInteger();
		StepVerifier.create(this.template.stream("q").doOnNext((text) -> {
			if (seen.incrementAndGet() == 2) {
				EventExecutor loop = ThreadExecutorMap.currentExecutor();
				assertThat(loop).as("the stream is read on a Netty event loop").isNotNull();
				loop.execute(() -> busy(Duration.ofMillis(1500)));
			}
		}).count()).expectNext(40L).expectComplete().verify(Duration.ofSeconds(15));
	}

	/** Keeps the calling thread (here the client's event loop) running other work, without yielding it. */
	private static void busy(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		assertThat(spins).isPositive();
	}

	@Test
	void failsWithFirstChunkTimeoutWhenNoBodyArrives() {
		start((response) -> response.sendHeaders().then().thenMany(Flux.<Void>never()), Duration.ofMillis(400));
		StepVerifier.create(this.template.stream("q"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.FIRST_CHUNK)))
			.verify(Duration.ofSeconds(10));
	}

	private void start(Function<HttpServerResponse, Publisher<Void>> stream) {
		// A generous first-chunk timeout: the first exchange of a cold JVM can be slow.
		start(stream, Duration.ofSeconds(5));
	}

	private void start(Function<HttpServerResponse, Publisher<Void>> stream, Duration firstChunkTimeout) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.then()
				.thenMany(stream.apply(response.header("Content-Type", "text/event-stream"))))
			.bindNow();
		RetrySettings noRetries = new RetrySettings(0, Duration.ofMillis(10), 2.0, Duration.ofMillis(10),
				Duration.ZERO, RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(1), Duration.ofSeconds(5));
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.OPENAI)
			.baseUrl("http://127.0.0.1:" + this.server.port() + "/v1")
			.model("m")
			.firstChunkTimeout(firstChunkTimeout)
			.streamIdleTimeout(Duration.ofMillis(500))
			.retry(noRetries)
			.build()).build();
	}

	private static String chunk(String content) {
		return String.format(CHUNK, content);
	}

}
