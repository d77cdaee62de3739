package io.github.llmclient.autoconfigure;

import org.jspecify.annotations.Nullable;

/** TLS settings ({@code llm.ssl.*}); a named client inherits them unless it sets its own. */
public class SslProperties {

	/** Name of a Spring Boot SSL bundle (spring.ssl.bundle.pem.* or jks.*) whose trust material (a private CA) and key material (a client certificate for mutual TLS) this client's TLS connections use. Default: the JVM's trust store, no client certificate. */
	private @Nullable String bundle;

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

}
