package io.github.llmclient.transport;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A Reactor Netty server speaking h2c only (HTTP/2 over cleartext, prior knowledge), answering
 * every request with a scripted handler, and counting the TCP connections and the streams (HTTP/2
 * requests) it accepted.
 */
final class H2cServer implements AutoCloseable {

	final AtomicInteger connections = new AtomicInteger();

	final AtomicInteger streams = new AtomicInteger();

	private final DisposableServer server;

	H2cServer(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.H2C)
			// called for the TCP connection, not for its streams
			.doOnChannelInit((observer, channel, address) -> this.connections.incrementAndGet())
			.handle((request, response) -> {
				this.streams.incrementAndGet();
				return handler.apply(request, response);
			})
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
