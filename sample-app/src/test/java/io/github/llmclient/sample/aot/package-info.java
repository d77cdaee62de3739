/** The sample application processed ahead of time and started from the generated code. */
@NullMarked
package io.github.llmclient.sample.aot;

import org.jspecify.annotations.NullMarked;
