package io.github.llmclient;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A Reactor Netty server that answers every request with fixed bytes, written and flushed in
 * chunks of a chosen size, or an endless stream, and records when a client closes the connection.
 */
final class DribbleServer implements AutoCloseable {

	private final DisposableServer server;

	final CountDownLatch connectionClosed = new CountDownLatch(1);

	final AtomicInteger requests = new AtomicInteger();

	private DribbleServer(DisposableServer server) {
		this.server = server;
	}

	/** Serves the body in chunks of {@code chunkSize} bytes, each flushed on its own. */
	static DribbleServer serving(byte[] body, int chunkSize, String contentType) {
		DribbleServer[] holder = new DribbleServer[1];
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				holder[0].requests.incrementAndGet();
				Flux<ByteBuf> chunks = Flux.range(0, (body.length + chunkSize - 1) / chunkSize)
					.map((i) -> Unpooled.wrappedBuffer(body, i * chunkSize, Math.min(chunkSize, body.length - i * chunkSize)));
				return request.receive()
					.then()
					.then(response.header("Content-Type", contentType).send(chunks, (b) -> true).then());
			})
			.bindNow();
		holder[0] = new DribbleServer(server);
		return holder[0];
	}

	/** Sends one event every millisecond forever, recording when the client disconnects. */
	static DribbleServer endless() {
		DribbleServer[] holder = new DribbleServer[1];
		byte[] event = ("data: {\"id\":\"x\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick \"}}]}\n\n")
			.getBytes(StandardCharsets.UTF_8);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				holder[0].requests.incrementAndGet();
				response.withConnection((connection) -> connection.onDispose(holder[0].connectionClosed::countDown));
				Flux<ByteBuf> events = Flux.interval(java.time.Duration.ofMillis(1))
					.onBackpressureDrop()
					.map((i) -> Unpooled.wrappedBuffer(event));
				return request.receive()
					.then()
					.then(response.header("Content-Type", "text/event-stream").send(events, (b) -> true).then());
			})
			.bindNow();
		holder[0] = new DribbleServer(server);
		return holder[0];
	}

	/** Sends the given bytes, then keeps the response open and silent. */
	static DribbleServer stalling(String first) {
		byte[] bytes = first.getBytes(StandardCharsets.UTF_8);
		return streaming((response) -> response.send(Flux.concat(Flux.just(Unpooled.wrappedBuffer(bytes)), Flux.never()),
				(b) -> true).then());
	}

	/** Sends a keep-alive comment every 20 ms forever, and never an event. */
	static DribbleServer commentsOnly() {
		byte[] comment = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
		return streaming((response) -> response.send(Flux.interval(java.time.Duration.ofMillis(20))
			.onBackpressureDrop()
			.map((i) -> Unpooled.wrappedBuffer(comment)), (b) -> true).then());
	}

	/** Reads the request and never answers: not even the status line. */
	static DribbleServer silent() {
		DribbleServer[] holder = new DribbleServer[1];
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				holder[0].requests.incrementAndGet();
				return request.receive().then().then(reactor.core.publisher.Mono.never());
			})
			.bindNow();
		holder[0] = new DribbleServer(server);
		return holder[0];
	}

	/** Sends the given bytes, then closes the connection without ending the response. */
	static DribbleServer closingAfter(String first) {
		byte[] bytes = first.getBytes(StandardCharsets.UTF_8);
		return streaming((response) -> response.sendObject(Unpooled.wrappedBuffer(bytes))
			.then()
			.then(reactor.core.publisher.Mono.fromRunnable(() -> response.withConnection((c) -> c.channel().close()))));
	}

	private static DribbleServer streaming(java.util.function.Function<reactor.netty.http.server.HttpServerResponse, reactor.core.publisher.Mono<Void>> handler) {
		DribbleServer[] holder = new DribbleServer[1];
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				holder[0].requests.incrementAndGet();
				return request.receive().then().then(handler.apply(response.header("Content-Type", "text/event-stream")));
			})
			.bindNow();
		holder[0] = new DribbleServer(server);
		return holder[0];
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
