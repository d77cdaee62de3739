/**
 * The HTTP transport of a client: its Reactor Netty client and connection pool (HTTP/1.1 or
 * HTTP/2), the proxy, the SSL bundle and the {@code LlmHttpClientCustomizer}s. Internal: not an
 * API.
 */
@NullMarked
package io.github.llmclient.transport;

import org.jspecify.annotations.NullMarked;
