/** Hooks the pipeline calls as a call progresses, and their Micrometer implementation. */
@NullMarked
package io.github.llmclient.metrics;

import org.jspecify.annotations.NullMarked;
