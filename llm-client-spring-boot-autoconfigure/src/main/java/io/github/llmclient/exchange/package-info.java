/**
 * One attempt on the wire, and the call it belongs to: the HTTP exchange through the WebClient
 * ({@link io.github.llmclient.exchange.Exchange}), the reading of its event stream and its idle
 * timer, the limits an attempt runs under (rate limit, then a permit), and the mapping of every
 * failure to the {@code LlmException} hierarchy. Internal: not an API.
 */
@NullMarked
package io.github.llmclient.exchange;

import org.jspecify.annotations.NullMarked;
