package io.github.llmclient.benchmarks;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Reactor Netty client of the raw and WebClient contenders, pooled exactly as
 * {@code LlmTemplate} pools its own (one connection per permit, unbounded pending acquires, 20 s
 * idle eviction), so all three hold the same number of connections.
 */
final class Connections {

	private Connections() {
	}

	static HttpClient httpClient(String name, int connections) {
		ConnectionProvider provider = ConnectionProvider.builder("bench-" + name)
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(20))
			.maxLifeTime(Duration.ofMinutes(5))
			.evictInBackground(Duration.ofSeconds(10))
			.build();
		return HttpClient.create(provider);
	}

	static void dispose(HttpClient client) {
		client.configuration().connectionProvider().disposeLater().block(Duration.ofSeconds(5));
	}

}
