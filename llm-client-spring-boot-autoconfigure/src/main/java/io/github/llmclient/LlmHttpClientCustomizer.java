package io.github.llmclient;

import reactor.netty.http.client.HttpClient;

/**
 * Customizes the Reactor Netty {@link HttpClient} of a client, for what the {@code llm.*}
 * properties do not cover (a proxy chosen per request, wiretap, socket options, extra headers).
 * The auto-configuration applies every bean of this type, in {@code @Order}, to every client's
 * transport after the proxy ({@code llm.proxy.*}) and TLS ({@code llm.ssl.bundle}) settings, so a
 * customizer sees, and may override, them.
 *
 * <pre class="code">
 * &#64;Bean
 * LlmHttpClientCustomizer wiretap() {
 *     return (clientName, httpClient) -&gt; httpClient.wiretap(clientName.equals("local"));
 * }
 * </pre>
 */
@FunctionalInterface
public interface LlmHttpClientCustomizer {

	/**
	 * Customizes one client's transport.
	 * @param clientName the client's name ({@code default} for the top-level {@code llm.*}
	 * client, otherwise the key of {@code llm.clients.<name>})
	 * @param httpClient the client's transport as configured so far
	 * @return the transport to use (Reactor Netty's client is immutable: return the customized
	 * copy)
	 */
	HttpClient customize(String clientName, HttpClient httpClient);

}
