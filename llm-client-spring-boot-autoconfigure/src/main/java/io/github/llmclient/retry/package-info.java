/** Retries driven by a Spring {@code RetryPolicy}, applied to Reactor pipelines with timers, honouring Retry-After. */
@NullMarked
package io.github.llmclient.retry;

import org.jspecify.annotations.NullMarked;
