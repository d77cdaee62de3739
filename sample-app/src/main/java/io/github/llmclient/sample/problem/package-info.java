/** Turns the starter's exceptions into HTTP statuses and RFC 9457 problem bodies. */
@NullMarked
package io.github.llmclient.sample.problem;

import org.jspecify.annotations.NullMarked;
