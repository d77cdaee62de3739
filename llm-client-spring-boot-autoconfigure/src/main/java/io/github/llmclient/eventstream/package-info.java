/** A decoder of AWS's binary event stream ({@code application/vnd.amazon.eventstream}), beside the SSE one. */
@NullMarked
package io.github.llmclient.eventstream;

import org.jspecify.annotations.NullMarked;
