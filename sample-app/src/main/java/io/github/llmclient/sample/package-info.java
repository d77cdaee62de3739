/** The sample application's entry point. */
@NullMarked
package io.github.llmclient.sample;

import org.jspecify.annotations.NullMarked;
