/** The public entry point: {@link io.github.llmclient.LlmTemplate}, its configuration and the providers. */
@NullMarked
package io.github.llmclient;

import org.jspecify.annotations.NullMarked;
