/** Circuit breakers of clients ({@code llm.circuit-breaker.*}): their settings and states. */
@NullMarked
package io.github.llmclient.circuit;

import org.jspecify.annotations.NullMarked;
