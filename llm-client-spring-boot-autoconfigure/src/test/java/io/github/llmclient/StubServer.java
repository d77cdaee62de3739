package io.github.llmclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A fast Reactor Netty stub of the chat endpoint that records how many exchanges are in flight at
 * once, can delay each answer and can fail a share of requests with 503.
 */
final class StubServer implements AutoCloseable {

	private static final byte[] COMPLETION = OpenAiChatIntegrationTests.COMPLETION.getBytes(StandardCharsets.UTF_8);

	final AtomicInteger inFlight = new AtomicInteger();

	final AtomicInteger maxInFlight = new AtomicInteger();

	final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server;

	StubServer(Duration delay, double failureRate) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.requests.incrementAndGet();
			int now = this.inFlight.incrementAndGet();
			this.maxInFlight.accumulateAndGet(now, Math::max);
			boolean fail = failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate;
			Mono<Void> answer = fail ? response.status(HttpResponseStatus.SERVICE_UNAVAILABLE).send()
					: response.header("Content-Type", "application/json").sendByteArray(Mono.just(COMPLETION)).then();
			// an exchange stops counting before its answer is written: the client may start its next
			// request as soon as it has read this answer, before this handler's own completion runs
			AtomicBoolean counted = new AtomicBoolean(true);
			Runnable leave = () -> {
				if (counted.getAndSet(false)) {
					this.inFlight.decrementAndGet();
				}
			};
			Mono<Void> delayed = delay.isZero() ? Mono.empty() : Mono.delay(delay).then();
			return request.receive().then().then(delayed).then(Mono.fromRunnable(leave)).then(answer)
				.doFinally((signal) -> leave.run());
		}).bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
