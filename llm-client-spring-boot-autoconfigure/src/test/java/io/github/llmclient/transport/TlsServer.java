package io.github.llmclient.transport;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.metrics.OpenAiStubs;
import io.netty.handler.ssl.ClientAuth;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * A local HTTPS server answering OpenAI chat requests (a JSON completion, or an SSE stream when
 * the request asks for one) with a certificate of {@link TestCertificates}, optionally requiring
 * a client certificate signed by the test CA. Counts the TCP connections it accepts, so a test
 * can tell one handshake attempt from retried ones.
 */
final class TlsServer implements AutoCloseable {

	private final DisposableServer server;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	/** The HTTP versions the requests came in ({@code HTTP/1.1}, {@code HTTP/2.0}). */
	private final Set<String> versions = ConcurrentHashMap.newKeySet();

	private TlsServer(TestCertificates certificates, TestCertificates.Issued identity, boolean requireClientCertificate,
			boolean http2) {
		HttpServer base = HttpServer.create().host("127.0.0.1").port(0);
		if (http2) {
			// h2 only, negotiated by ALPN
			Http2SslContextSpec spec = Http2SslContextSpec.forServer(identity.key(), identity.certificate())
				.configure((builder) -> builder.trustManager(certificates.ca.certificate())
					.clientAuth(requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.NONE));
			base = base.protocol(HttpProtocol.H2).secure((ssl) -> ssl.sslContext(spec));
		}
		else {
			Http11SslContextSpec spec = Http11SslContextSpec.forServer(identity.key(), identity.certificate())
				.configure((builder) -> builder.trustManager(certificates.ca.certificate())
					.clientAuth(requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.NONE));
			base = base.secure((ssl) -> ssl.sslContext(spec));
		}
		this.server = base
			.doOnChannelInit((observer, channel, address) -> this.connections.incrementAndGet())
			.route((routes) -> routes.post(OpenAiStubs.CHAT_PATH, (request, response) -> request.receive()
				.aggregate()
				.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((body) -> {
					this.requests.incrementAndGet();
					this.versions.add(request.version().text());
					boolean stream = body.contains("\"stream\":true");
					return response.header("Content-Type", stream ? "text/event-stream" : "application/json")
						.sendString(Mono.just(stream ? OpenAiStubs.STREAM_BODY : OpenAiStubs.CHAT_BODY))
						.then();
				})))
			.bindNow();
	}

	static TlsServer start(TestCertificates certificates, TestCertificates.Issued identity,
			boolean requireClientCertificate) {
		return new TlsServer(certificates, identity, requireClientCertificate, false);
	}

	/** The same server speaking only HTTP/2 over TLS (h2, chosen by ALPN). */
	static TlsServer startHttp2(TestCertificates certificates, TestCertificates.Issued identity) {
		return new TlsServer(certificates, identity, false, true);
	}

	/** The HTTP versions requests arrived in. */
	Set<String> versions() {
		return Set.copyOf(this.versions);
	}

	int port() {
		return this.server.port();
	}

	/** TCP connections accepted (each one a TLS handshake attempt). */
	int connections() {
		return this.connections.get();
	}

	/** Chat requests answered. */
	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
