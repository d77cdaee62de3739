/** Circuit breakers of the clients ({@code llm.circuit-breaker.*}). */
@NullMarked
package io.github.llmclient.circuit;

import org.jspecify.annotations.NullMarked;
