package io.github.llmclient.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.HttpVersion;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.TestClients;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code llm.http-version: http2} against a local h2c server: calls and streams share one
 * connection, cancelling a stream resets only that stream, timeouts, retries and the permits work as
 * on HTTP/1.1, many streams ride few connections, and an HTTP/1.1-only server gives an error naming
 * the property.
 */
class Http2IntegrationTests {

	private static final String CHAT = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,\
			"message":{"role":"assistant","content":"Hello over h2"},"finish_reason":"stop"}],\
			"usage":{"prompt_tokens":1,"completion_tokens":3,"total_tokens":4}}""";

	private static final String CHUNK = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"}}]}\n\n";

	private static final String DONE = "data: [DONE]\n\n";

	private H2cServer server;

	private LlmTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void chatsOverH2c() {
		List<String> versions = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.server = new H2cServer((request, response) -> {
			versions.add(request.version().text());
			return request.receive().then().then(response.header("Content-Type", "application/json").sendString(Mono.just(CHAT)).then());
		});
		this.template = template(TestClients.openAi(this.server.baseUrl()));
		assertThat(this.template.chat("hi").block(Duration.ofSeconds(10))).isEqualTo("Hello over h2");
		assertThat(this.template.chat("again").block(Duration.ofSeconds(10))).isEqualTo("Hello over h2");
		assertThat(versions).containsExactly("HTTP/2.0", "HTTP/2.0");
		assertThat(this.server.connections).as("TCP connections").hasValue(1);
	}

	@Test
	void streamsOverH2c() {
		this.server = streaming(Flux.just(chunk("Hel"), chunk("lo"), DONE), Duration.ZERO);
		this.template = template(TestClients.openAi(this.server.baseUrl()));
		StepVerifier.create(this.template.stream("hi")).expectNext("Hel", "lo").expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void cancellingAStreamResetsOnlyThatStreamWhileTheOthersOnTheConnectionComplete() throws Exception {
		AtomicInteger cancelledAtServer = new AtomicInteger();
		CountDownLatch reset = new CountDownLatch(1);
		AtomicInteger tcpClosed = new AtomicInteger();
		this.server = new H2cServer((request, response) -> request.receive()
			.then()
			.then(response.header("Content-Type", "text/event-stream")
				.sendString(Flux.interval(Duration.ofMillis(20)).take(40).map((i) -> chunk("t"))
					.concatWith(Flux.just(DONE))
					.doOnCancel(() -> {
						cancelledAtServer.incrementAndGet();
						reset.countDown();
					}))
				.then()));
		this.template = template(TestClients.openAi(this.server.baseUrl()));
		// Warm the connection so that the three streams share it.
		this.template.stream("warm").blockLast(Duration.ofSeconds(10));
		Mono<Long> first = this.template.stream("a").count();
		Mono<Long> second = this.template.stream("b").count();
		Mono<Long> cancelled = this.template.stream("c").take(2).count();
		List<Long> counts = Flux.merge(first, second, cancelled).collectList().block(Duration.ofSeconds(10));
		assertThat(counts).containsExactlyInAnyOrder(2L, 40L, 40L);
		assertThat(reset.await(5, TimeUnit.SECONDS)).as("the server saw the stream reset").isTrue();
		assertThat(cancelledAtServer).hasValue(1);
		assertThat(this.server.connections).as("TCP connections: the reset did not close the connection").hasValue(1);
		// The connection still carries new streams.
		assertThat(this.template.stream("after").count().block(Duration.ofSeconds(10))).isEqualTo(40L);
		assertThat(this.server.connections).hasValue(1);
	}

	@Test
	void failsWithTheFirstChunkTimeout() {
		this.server = new H2cServer((request, response) -> request.receive()
			.then()
			.then(response.header("Content-Type", "text/event-stream").sendString(Flux.never()).then()));
		this.template = template(TestClients.openAi(this.server.baseUrl())
			.retry(TestClients.fastRetries(0))
			.firstChunkTimeout(Duration.ofMillis(300)));
		StepVerifier.create(this.template.stream("hi"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.FIRST_CHUNK)))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsWithTheIdleTimeoutWhenAStreamGoesSilent() {
		this.server = streaming(Flux.just(chunk("a")).concatWith(Flux.never()), Duration.ZERO);
		this.template = template(TestClients.openAi(this.server.baseUrl())
			.retry(TestClients.fastRetries(0))
			.streamIdleTimeout(Duration.ofMillis(300)));
		StepVerifier.create(this.template.stream("hi"))
			.expectNext("a")
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LlmTimeoutException.class,
					(timeout) -> assertThat(timeout.phase()).isEqualTo(LlmTimeoutException.Phase.STREAM_IDLE)))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void retriesA429ThenSucceedsOnTheSameConnection() {
		AtomicInteger calls = new AtomicInteger();
		this.server = new H2cServer((request, response) -> request.receive().then().then((calls.getAndIncrement() == 0)
				? response.status(429).header("Content-Type", "application/json")
					.sendString(Mono.just("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")).then()
				: response.header("Content-Type", "application/json").sendString(Mono.just(CHAT)).then()));
		this.template = template(TestClients.openAi(this.server.baseUrl()));
		assertThat(this.template.chat("hi").block(Duration.ofSeconds(10))).isEqualTo("Hello over h2");
		assertThat(this.server.streams).as("attempts").hasValue(2);
		assertThat(this.server.connections).hasValue(1);
	}

	@Test
	void exhaustedRetriesOfA429FailAsOnHttp11() {
		this.server = new H2cServer((request, response) -> request.receive().then().then(response.status(429)
			.header("Content-Type", "application/json")
			.sendString(Mono.just("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")).then()));
		this.template = template(TestClients.openAi(this.server.baseUrl()).retry(TestClients.fastRetries(2)));
		StepVerifier.create(this.template.chat("hi"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmRateLimitException.class).hasMessageContaining("429"))
			.verify(Duration.ofSeconds(10));
		assertThat(this.server.streams).hasValue(3);
	}

	@Test
	void carriesManyConcurrentStreamsOverFewConnections() {
		this.server = streaming(Flux.range(0, 10).map((i) -> chunk("t")).concatWith(Flux.just(DONE)), Duration.ofMillis(20));
		this.template = template(TestClients.openAi(this.server.baseUrl()).maxConcurrent(200));
		List<Long> counts = Flux.range(0, 200)
			.flatMap((i) -> this.template.stream("q" + i).count(), 200)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(counts).hasSize(200).containsOnly(10L);
		assertThat(this.server.streams).hasValue(200);
		assertThat(this.server.connections.get()).as("TCP connections for 200 streams")
			.isBetween(1, Http2Transport.connectionsFor(200));
	}

	@Test
	void thePermitsStillBoundTheExchangesInFlight() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		this.server = new H2cServer((request, response) -> request.receive().then().then(Mono.defer(() -> {
			peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			return response.header("Content-Type", "text/event-stream")
				.sendString(Flux.interval(Duration.ofMillis(10)).take(5).map((i) -> chunk("t")).concatWith(Flux.just(DONE)))
				.then()
				.doFinally((signal) -> inFlight.decrementAndGet());
		})));
		this.template = template(TestClients.openAi(this.server.baseUrl()).maxConcurrent(5));
		List<Long> counts = Flux.range(0, 40)
			.flatMap((i) -> this.template.stream("q" + i).count(), 40)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(counts).hasSize(40).containsOnly(5L);
		assertThat(peak.get()).as("streams in flight at the server").isBetween(1, 5);
		assertThat(this.server.connections).hasValue(1);
	}

	@Test
	void failsClearlyNamingThePropertyWhenTheServerSpeaksOnlyHttp11() {
		AtomicInteger connections = new AtomicInteger();
		DisposableServer http11 = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
			.handle((request, response) -> response.sendString(Mono.just(CHAT)))
			.bindNow();
		try {
			this.template = template(TestClients.openAi("http://127.0.0.1:" + http11.port() + "/v1"));
			StepVerifier.create(this.template.chat("hi"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmTransportException.class)
					.hasMessageContaining("did not speak HTTP/2")
					.hasMessageContaining("llm.http-version=http1.1")
					.satisfies((e) -> assertThat(((LlmTransportException) e).details().retryable()).isFalse()))
				.verify(Duration.ofSeconds(10));
			assertThat(connections).as("attempts: a refusal is not retried").hasValue(1);
		}
		finally {
			http11.disposeNow();
		}
	}

	@Test
	void theRefusalOfANamedClientNamesItsProperty() {
		DisposableServer http11 = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendString(Mono.just(CHAT)))
			.bindNow();
		try {
			this.template = template(TestClients.openAi("http://127.0.0.1:" + http11.port() + "/v1").name("fast"));
			StepVerifier.create(this.template.stream("hi"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(LlmTransportException.class)
					.hasMessageContaining("llm.clients.fast.http-version=http1.1"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			http11.disposeNow();
		}
	}

	private static LlmTemplate template(ClientConfig.Builder config) {
		return LlmTemplate.builder(config.httpVersion(HttpVersion.HTTP2).build()).build();
	}

	private static H2cServer streaming(Flux<String> events, Duration delay) {
		return new H2cServer((request, response) -> request.receive()
			.then()
			.then(response.header("Content-Type", "text/event-stream")
				.sendString(delay.isZero() ? events : events.delayElements(delay))
				.then()));
	}

	private static String chunk(String text) {
		return CHUNK.formatted(text);
	}

}
