package io.github.llmclient.transport;

import io.github.llmclient.ClientConfig;
import io.netty.handler.codec.http2.Http2Exception;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP/2 side of {@link HttpClients} ({@code llm.http-version: http2}): h2 over TLS with ALPN
 * for {@code https} base URLs, h2c with prior knowledge for {@code http} ones. Exchanges share a
 * few multiplexed connections instead of one connection each; the client's permits
 * ({@code llm.max-concurrent}) still bound how many run at once.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class Http2Transport {

	/**
	 * Streams one connection is expected to carry: what most servers advertise in
	 * {@code SETTINGS_MAX_CONCURRENT_STREAMS} (Google 100, nginx 128, Cloudflare 256). A connection
	 * is added per this many permits; the server's own limit always wins.
	 */
	static final int STREAMS_PER_CONNECTION = 100;

	/** The most connections one client opens, whatever its {@code max-concurrent}. */
	static final int MAX_CONNECTIONS = 10;

	private Http2Transport() {
	}

	/**
	 * The HTTP/2 pool: a few connections, each multiplexing up to the server's stream limit.
	 * @param connections the pool builder, already given the idle and lifetime settings
	 * @param config the client's configuration
	 * @return the pool
	 */
	static ConnectionProvider connections(ConnectionProvider.Builder connections, ClientConfig config) {
		return connections.allocationStrategy(Http2AllocationStrategy.builder()
			.minConnections(1)
			.maxConnections(connectionsFor(config.maxConcurrent()))
			.build()).build();
	}

	/**
	 * The connections a client of {@code maxConcurrent} permits may open.
	 * @param maxConcurrent the client's permits
	 * @return between 1 and {@link #MAX_CONNECTIONS}
	 */
	static int connectionsFor(int maxConcurrent) {
		int connections = (maxConcurrent + STREAMS_PER_CONNECTION - 1) / STREAMS_PER_CONNECTION;
		return Math.max(1, Math.min(MAX_CONNECTIONS, connections));
	}

	/**
	 * Whether a failure says the server does not speak HTTP/2: an HTTP/1.1 server answering the h2c
	 * preface with an HTTP/1.1 response (so its first bytes are no SETTINGS frame), or a TLS server
	 * whose ALPN does not select {@code h2}. Such a failure cannot heal by retrying.
	 * @param failure the failure
	 * @return whether it means "HTTP/2 refused"
	 */
	public static boolean refused(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = cause.getMessage();
			if (message == null) {
				continue;
			}
			if (cause instanceof Http2Exception && message.startsWith("First received frame was not SETTINGS")) {
				return true;
			}
			if (message.contains("application-level protocol") || message.startsWith("unknown protocol")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Makes the client speak HTTP/2 only: h2 (TLS, ALPN) or h2c (prior knowledge) by the base
	 * URL's scheme, never falling back to HTTP/1.1 in silence.
	 * @param client the client
	 * @param config the client's configuration
	 * @return the client speaking HTTP/2
	 */
	static HttpClient protocol(HttpClient client, ClientConfig config) {
		boolean tls = "https".equalsIgnoreCase(config.baseUrl().getScheme());
		return client.protocol(tls ? HttpProtocol.H2 : HttpProtocol.H2C);
	}

}
