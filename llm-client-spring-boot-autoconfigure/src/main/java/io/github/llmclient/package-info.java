/**
 * The public entry point: {@link io.github.llmclient.LlmTemplate}, its configuration and the
 * providers. The road its calls travel has rooms of its own: {@code exchange} (one attempt on the
 * wire), {@code transport} (the HTTP client), {@code circuit}, {@code route} (groups and fallback)
 * and {@code batching} (calls of many requests).
 */
@NullMarked
package io.github.llmclient;

import org.jspecify.annotations.NullMarked;
