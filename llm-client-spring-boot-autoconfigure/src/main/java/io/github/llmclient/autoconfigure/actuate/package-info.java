/** The Actuator view of the clients: the endpoint {@code llm} and the health contributor {@code llm}. */
@NullMarked
package io.github.llmclient.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
