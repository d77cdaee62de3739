package io.github.llmclient;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outbound proxy of one client ({@code llm.proxy.*}): none, an explicit HTTP or SOCKS5 proxy
 * (optionally with credentials and hosts that bypass it), or the JVM's proxy system properties.
 * {@link #toString()} never shows the password.
 *
 * @param type the kind of proxy
 * @param host the proxy's host, or null (no proxy, or the system properties' one)
 * @param port the proxy's port, or 0 without a host
 * @param username the user name the proxy asks for, or null
 * @param password the password the proxy asks for, or null
 * @param nonProxyHosts hosts reached directly, in Java's {@code http.nonProxyHosts} syntax
 * ({@code localhost|*.internal}), or null
 * @param useSystemProperties whether to follow the JVM's {@code https.proxyHost},
 * {@code http.proxyHost} and {@code socksProxyHost} settings instead of an explicit proxy
 */
public record ProxySettings(Type type, @Nullable String host, int port, @Nullable String username,
		@Nullable String password, @Nullable String nonProxyHosts, boolean useSystemProperties) {

	private static final ProxySettings NONE = new ProxySettings(Type.HTTP, null, 0, null, null, null, false);

	public ProxySettings {
		Objects.requireNonNull(type, "type must not be null");
		if (host != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
		}
		if (host != null && useSystemProperties) {
			throw new IllegalArgumentException("an explicit proxy host and useSystemProperties exclude each other");
		}
		if ((username == null) != (password == null)) {
			throw new IllegalArgumentException("username and password go together");
		}
		if (username != null && host == null) {
			throw new IllegalArgumentException("credentials need an explicit proxy host");
		}
	}

	/**
	 * No proxy: connections go straight to the server (the default).
	 * @return the settings
	 */
	public static ProxySettings none() {
		return NONE;
	}

	/**
	 * An HTTP proxy, reached with {@code CONNECT} for every target (also {@code http} ones).
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @return the settings
	 */
	public static ProxySettings http(String host, int port) {
		return new ProxySettings(Type.HTTP, Objects.requireNonNull(host, "host must not be null"), port, null, null,
				null, false);
	}

	/**
	 * A SOCKS5 proxy.
	 * @param host the proxy's host
	 * @param port the proxy's port
	 * @return the settings
	 */
	public static ProxySettings socks5(String host, int port) {
		return new ProxySettings(Type.SOCKS5, Objects.requireNonNull(host, "host must not be null"), port, null, null,
				null, false);
	}

	/**
	 * The proxy the JVM's system properties name ({@code https.proxyHost}, {@code http.proxyHost},
	 * {@code socksProxyHost}, {@code http.nonProxyHosts} and their ports), read when the client
	 * is built.
	 * @return the settings
	 */
	public static ProxySettings systemProperties() {
		return new ProxySettings(Type.HTTP, null, 0, null, null, null, true);
	}

	/**
	 * These settings with credentials for the proxy.
	 * @param username the user name
	 * @param password the password
	 * @return new settings
	 */
	public ProxySettings withCredentials(String username, String password) {
		return new ProxySettings(this.type, this.host, this.port, Objects.requireNonNull(username),
				Objects.requireNonNull(password), this.nonProxyHosts, this.useSystemProperties);
	}

	/**
	 * These settings with hosts that bypass the proxy.
	 * @param nonProxyHosts hosts in Java's {@code http.nonProxyHosts} syntax, e.g.
	 * {@code localhost|*.internal}
	 * @return new settings
	 */
	public ProxySettings withNonProxyHosts(@Nullable String nonProxyHosts) {
		return new ProxySettings(this.type, this.host, this.port, this.username, this.password, nonProxyHosts,
				this.useSystemProperties);
	}

	/**
	 * Whether connections go through a proxy at all.
	 * @return false for {@link #none()}
	 */
	public boolean isEnabled() {
		return this.host != null || this.useSystemProperties;
	}

	@Override
	public String toString() {
		if (this.useSystemProperties) {
			return "ProxySettings[system properties]";
		}
		if (this.host == null) {
			return "ProxySettings[none]";
		}
		return "ProxySettings[type=" + this.type.name().toLowerCase(java.util.Locale.ROOT) + ", host=" + this.host
				+ ", port=" + this.port + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : "none") + ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

	/** The kind of proxy. */
	public enum Type {

		/** An HTTP proxy, tunnelling with {@code CONNECT}. */
		HTTP,

		/** A SOCKS version 5 proxy. */
		SOCKS5

	}

}
