package io.github.llmclient.transport;

import java.time.Duration;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.HttpVersion;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Creates the Reactor Netty client of one LLM client, its pool sized to the concurrency limit (for
 * HTTP/2, see {@link Http2Transport}).
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class HttpClients {

	/**
	 * Idle pooled connections are closed after this long: below common load-balancer and proxy idle
	 * timeouts (AWS ALB 60s, nginx 75s, Azure Load Balancer 4min, many corporate proxies 30s), so a
	 * request never picks a connection the far side has silently dropped.
	 */
	static final Duration MAX_IDLE_TIME = Duration.ofSeconds(20);

	/** Connections are renewed after this long, so DNS changes are eventually followed. */
	static final Duration MAX_LIFE_TIME = Duration.ofMinutes(5);

	/** How often idle connections are looked for in the background. */
	static final Duration EVICTION_INTERVAL = Duration.ofSeconds(10);

	private HttpClients() {
	}

	/** The Reactor Netty client of one LLM client, with a pool of its own. */
	public static HttpClient create(ClientConfig config) {
		boolean http2 = config.httpVersion() == HttpVersion.HTTP2;
		ConnectionProvider.Builder pool = ConnectionProvider.builder("llm-" + config.name())
			// The permits bound in-flight exchanges; one connection per permit is enough.
			.maxConnections(config.maxConcurrent())
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(MAX_IDLE_TIME)
			.maxLifeTime(MAX_LIFE_TIME)
			.evictInBackground(EVICTION_INTERVAL);
		ConnectionProvider connections = http2 ? Http2Transport.connections(pool, config) : pool.build();
		HttpClient client = HttpClient.create(connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
		return http2 ? Http2Transport.protocol(client, config) : client;
	}

}
