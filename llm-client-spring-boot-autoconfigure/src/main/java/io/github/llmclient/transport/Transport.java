package io.github.llmclient.transport;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmHttpClientCustomizer;
import io.github.llmclient.ProxySettings;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Applies what lies between a client and its server to its Reactor Netty client: the proxy
 * ({@code llm.proxy.*}), the trust and key material of an SSL bundle ({@code llm.ssl.bundle}),
 * then the {@link LlmHttpClientCustomizer}s, last.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class Transport {

	private Transport() {
	}

	/** The client with the proxy, the SSL bundle and the customizers applied, in that order. */
	public static HttpClient apply(HttpClient httpClient, ClientConfig config, @Nullable SslBundle sslBundle,
			List<LlmHttpClientCustomizer> customizers) {
		HttpClient client = proxy(httpClient, config);
		if (sslBundle != null) {
			client = secure(client, sslBundle);
		}
		for (LlmHttpClientCustomizer customizer : customizers) {
			client = customizer.customize(config.name(), client);
		}
		return client;
	}

	private static HttpClient proxy(HttpClient client, ClientConfig config) {
		ProxySettings proxy = config.proxy();
		if (proxy.useSystemProperties()) {
			return client.proxyWithSystemProperties();
		}
		String host = proxy.host();
		if (host == null) {
			return client;
		}
		return client.proxy((spec) -> {
			ProxyProvider.Builder builder = spec
				.type((proxy.type() == ProxySettings.Type.SOCKS5) ? ProxyProvider.Proxy.SOCKS5
						: ProxyProvider.Proxy.HTTP)
				.host(host)
				.port(proxy.port())
				.connectTimeoutMillis(config.connectTimeout().toMillis());
			String password = proxy.password();
			if (proxy.username() != null && password != null) {
				builder.username(proxy.username()).password((username) -> password);
			}
			if (proxy.nonProxyHosts() != null && !proxy.nonProxyHosts().isBlank()) {
				builder.nonProxyHosts(nonProxyHostsPattern(proxy.nonProxyHosts()));
			}
		});
	}

	/**
	 * Translates Java's {@code http.nonProxyHosts} syntax ({@code localhost|*.internal}) into the
	 * regular expression Reactor Netty matches host names against.
	 * @param hosts the hosts, separated by {@code |}, each possibly with {@code *} wildcards
	 * @return the regular expression
	 */
	static String nonProxyHostsPattern(String hosts) {
		return Arrays.stream(hosts.split("\\|"))
			.map(String::strip)
			.filter((host) -> !host.isEmpty())
			.map((host) -> Arrays.stream(host.split("\\*", -1))
				.map((literal) -> literal.isEmpty() ? "" : Pattern.quote(literal))
				.collect(Collectors.joining(".*")))
			.collect(Collectors.joining("|"));
	}

	/** As Boot's own Reactor client builder does, but keeping ALPN when HTTP/2 is configured. */
	private static HttpClient secure(HttpClient client, SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		Consumer<SslContextBuilder> material = (builder) -> {
			builder.keyManager(managers.getKeyManagerFactory());
			builder.trustManager(managers.getTrustManagerFactory());
			if (options.getCiphers() != null) {
				builder.ciphers(SslOptions.asSet(options.getCiphers()));
			}
			if (options.getEnabledProtocols() != null) {
				builder.protocols(options.getEnabledProtocols());
			}
		};
		boolean http2 = Arrays.asList(client.configuration().protocols()).contains(HttpProtocol.H2);
		SslProvider.ProtocolSslContextSpec spec = http2 ? Http2SslContextSpec.forClient().configure(material)
				: Http11SslContextSpec.forClient().configure(material);
		return client.secure((ssl) -> ssl.sslContext(spec));
	}

}
