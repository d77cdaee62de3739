package io.github.llmclient.autoconfigure;

import io.github.llmclient.ProxySettings;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code llm.proxy.*} (or a named client's own {@code proxy.*}) into validated
 * {@link ProxySettings}, failing with the property at fault for a half-configured proxy.
 */
final class ProxySettingsFactory {

	private ProxySettingsFactory() {
	}

	static ProxySettings create(String prefix, ProxyProperties own, @Nullable ProxyProperties parent) {
		boolean inherited = !own.isSet() && parent != null;
		ProxyProperties proxy = inherited ? parent : own;
		String p = (inherited ? "llm." : prefix) + "proxy.";
		String host = blankToNull(proxy.getHost());
		Integer port = proxy.getPort();
		boolean system = Boolean.TRUE.equals(proxy.getUseSystemProperties());
		String username = blankToNull(proxy.getUsername());
		String password = (proxy.getPassword() == null || proxy.getPassword().isEmpty()) ? null : proxy.getPassword();
		if (system && host != null) {
			throw new LlmConfigurationException(p + "use-system-properties",
					"is true while " + p + "host is set too; the two exclude each other",
					"Remove " + p + "host and " + p + "port to follow the JVM's proxy system properties, or set "
							+ p + "use-system-properties to false");
		}
		if (port != null && host == null) {
			throw new LlmConfigurationException(p + "host", "is missing while " + p + "port is set",
					"Set " + p + "host to the proxy's host name, e.g. proxy.example.com, or remove " + p + "port");
		}
		if (host != null && port == null) {
			throw new LlmConfigurationException(p + "port", "is missing while " + p + "host is set",
					"Set " + p + "port to the proxy's port, e.g. 3128 (http) or 1080 (socks5)");
		}
		if (port != null && (port < 1 || port > 65535)) {
			throw new LlmConfigurationException(p + "port", "must be between 1 and 65535, was " + port,
					"Set " + p + "port to the proxy's port, e.g. 3128");
		}
		if (username != null && password == null) {
			throw new LlmConfigurationException(p + "password", "is missing while " + p + "username is set",
					"Set " + p + "password (from an environment variable, e.g. ${PROXY_PASSWORD}), or remove " + p
							+ "username");
		}
		if (password != null && username == null) {
			throw new LlmConfigurationException(p + "username", "is missing while " + p + "password is set",
					"Set " + p + "username, or remove " + p + "password");
		}
		if (username != null && host == null) {
			throw new LlmConfigurationException(p + "host", "is missing while " + p + "username is set",
					"Set " + p + "host and " + p + "port; credentials apply to an explicit proxy only");
		}
		if (system) {
			return ProxySettings.systemProperties();
		}
		if (host == null) {
			return ProxySettings.none();
		}
		ProxySettings settings = (proxy.getType() == ProxySettings.Type.SOCKS5) ? ProxySettings.socks5(host, port)
				: ProxySettings.http(host, port);
		if (username != null) {
			settings = settings.withCredentials(username, password);
		}
		return settings.withNonProxyHosts(blankToNull(proxy.getNonProxyHosts()));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
