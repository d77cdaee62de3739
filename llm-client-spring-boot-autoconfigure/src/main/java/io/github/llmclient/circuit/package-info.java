/**
 * Circuit breakers of clients ({@code llm.circuit-breaker.*}): their settings and states, and
 * (internal) the breaker each client's calls pass through.
 */
@NullMarked
package io.github.llmclient.circuit;

import org.jspecify.annotations.NullMarked;
