package io.github.llmclient.autoconfigure;

import io.github.llmclient.ProxySettings;
import org.jspecify.annotations.Nullable;

/**
 * Outbound proxy settings ({@code llm.proxy.*}). A named client that sets any of its own
 * {@code llm.clients.<name>.proxy.*} properties uses those alone; otherwise it inherits
 * {@code llm.proxy.*} as a whole.
 */
public class ProxyProperties {

	/** Host of the proxy every connection of this client goes through. Default: none (direct connections). */
	private @Nullable String host;

	/** Port of the proxy; required with host. */
	private @Nullable Integer port;

	/** Kind of proxy: http (tunnels with CONNECT, also to http URLs) or socks5. Default: http. */
	private ProxySettings.@Nullable Type type;

	/** User name for the proxy's authentication (HTTP basic, or SOCKS5 user/password); requires password. */
	private @Nullable String username;

	/** Password for the proxy's authentication; requires username. Never logged. */
	private @Nullable String password;

	/** Hosts reached directly, in Java's http.nonProxyHosts syntax, e.g. localhost|*.internal. */
	private @Nullable String nonProxyHosts;

	/** Whether to follow the JVM's proxy system properties (https.proxyHost, http.proxyHost, socksProxyHost, http.nonProxyHosts) instead of host/port. Default: false. */
	private @Nullable Boolean useSystemProperties;

	/**
	 * Whether any property of this group is set.
	 * @return true when at least one is
	 */
	boolean isSet() {
		return this.host != null || this.port != null || this.type != null || this.username != null
				|| this.password != null || this.nonProxyHosts != null || this.useSystemProperties != null;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public ProxySettings.@Nullable Type getType() {
		return this.type;
	}

	public void setType(ProxySettings.@Nullable Type type) {
		this.type = type;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getNonProxyHosts() {
		return this.nonProxyHosts;
	}

	public void setNonProxyHosts(@Nullable String nonProxyHosts) {
		this.nonProxyHosts = nonProxyHosts;
	}

	public @Nullable Boolean getUseSystemProperties() {
		return this.useSystemProperties;
	}

	public void setUseSystemProperties(@Nullable Boolean useSystemProperties) {
		this.useSystemProperties = useSystemProperties;
	}

	@Override
	public String toString() {
		return "ProxyProperties[host=" + this.host + ", port=" + this.port + ", type=" + this.type + ", username="
				+ this.username + ", password=" + ((this.password != null) ? "******" : "none") + ", nonProxyHosts="
				+ this.nonProxyHosts + ", useSystemProperties=" + this.useSystemProperties + "]";
	}

}
