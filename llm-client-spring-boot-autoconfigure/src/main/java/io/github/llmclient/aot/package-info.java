/**
 * What a GraalVM native image needs to know about the starter: runtime hints for the types it
 * reads and writes with Jackson and for the schema generator, registered through
 * {@code META-INF/spring/aot.factories}.
 */
@NullMarked
package io.github.llmclient.aot;

import org.jspecify.annotations.NullMarked;
