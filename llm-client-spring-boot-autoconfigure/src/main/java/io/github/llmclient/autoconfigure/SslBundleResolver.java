package io.github.llmclient.autoconfigure;

import io.github.llmclient.ClientConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Finds the SSL bundle a client names in {@code llm.ssl.bundle} (a named client inherits it
 * unless it sets {@code llm.clients.<name>.ssl.bundle}), failing at startup for an unknown one.
 */
final class SslBundleResolver {

	private SslBundleResolver() {
	}

	static @Nullable SslBundle resolve(String client, LlmProperties properties, ObjectProvider<SslBundles> bundles) {
		String property = "llm.ssl.bundle";
		String name = properties.getSsl().getBundle();
		ClientProperties own = ClientConfig.DEFAULT_NAME.equals(client) ? null : properties.getClients().get(client);
		if (own != null && own.getSsl().getBundle() != null) {
			property = "llm.clients." + client + ".ssl.bundle";
			name = own.getSsl().getBundle();
		}
		if (name == null || name.isBlank()) {
			return null;
		}
		SslBundles registry = bundles.getIfAvailable();
		if (registry == null) {
			throw new LlmConfigurationException(property,
					"names SSL bundle '" + name + "' but the application has no SslBundles (SslAutoConfiguration)",
					"Let Spring Boot's SSL auto-configuration run and define spring.ssl.bundle.pem." + name
							+ ".* or spring.ssl.bundle.jks." + name + ".*");
		}
		try {
			return registry.getBundle(name.strip());
		}
		catch (NoSuchSslBundleException ex) {
			throw new LlmConfigurationException(property, "there is no SSL bundle named '" + name + "'",
					"Define it with spring.ssl.bundle.pem." + name + ".truststore.certificate (a private CA) and, "
							+ "for mutual TLS, spring.ssl.bundle.pem." + name + ".keystore.certificate and "
							+ ".private-key, or set " + property + " to one of the configured bundles");
		}
	}

}
