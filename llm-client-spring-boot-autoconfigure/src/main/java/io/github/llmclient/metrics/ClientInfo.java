package io.github.llmclient.metrics;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a call is made by and to: the client's name, the provider's OpenTelemetry name and the
 * server's address. Fixed for the life of an {@code LlmTemplate}; every value is low-cardinality.
 *
 * @param name the client's name ({@code llm.client} tag; {@code default} for {@code llm.*})
 * @param providerName the OpenTelemetry {@code gen_ai.provider.name} ({@code openai},
 * {@code anthropic}, {@code azure.ai.openai})
 * @param serverAddress the host of the API root ({@code server.address})
 * @param serverPort the port of the API root, the scheme's default when the URL has none
 * ({@code server.port})
 */
public record ClientInfo(String name, String providerName, String serverAddress, int serverPort) {

	public ClientInfo {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(providerName, "providerName must not be null");
		Objects.requireNonNull(serverAddress, "serverAddress must not be null");
	}

	/**
	 * The information of a client whose API root is the given URL.
	 * @param name the client's name
	 * @param providerName the OpenTelemetry provider name
	 * @param baseUrl the API root
	 * @return the information
	 */
	public static ClientInfo of(String name, String providerName, URI baseUrl) {
		String host = (baseUrl.getHost() != null) ? baseUrl.getHost() : "unknown";
		int port = baseUrl.getPort();
		if (port < 0) {
			String scheme = (baseUrl.getScheme() != null) ? baseUrl.getScheme().toLowerCase(Locale.ROOT) : "https";
			port = scheme.equals("http") ? 80 : 443;
		}
		return new ClientInfo(name, providerName, host, port);
	}

}
