package io.github.llmclient;

/**
 * The HTTP version a client speaks ({@code llm.http-version}): {@code http1.1} or {@code http2}.
 * The property values bind to these constants through Spring Boot's relaxed enum binding.
 */
public enum HttpVersion {

	/** HTTP/1.1: one connection per exchange in flight ({@code http1.1}, the default). */
	HTTP1_1("http1.1"),

	/**
	 * HTTP/2 ({@code http2}): over TLS with ALPN for {@code https} base URLs, cleartext with prior
	 * knowledge (h2c) for {@code http} ones; exchanges share a few multiplexed connections.
	 */
	HTTP2("http2");

	private final String propertyValue;

	HttpVersion(String propertyValue) {
		this.propertyValue = propertyValue;
	}

	/**
	 * The value of {@code llm.http-version} that selects this version.
	 * @return {@code http1.1} or {@code http2}
	 */
	public String propertyValue() {
		return this.propertyValue;
	}

}
