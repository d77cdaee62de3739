/** The non-blocking concurrency limit: a FIFO pool of permits. */
@NullMarked
package io.github.llmclient.limit;

import org.jspecify.annotations.NullMarked;
