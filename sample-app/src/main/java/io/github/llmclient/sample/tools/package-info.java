/** A tool the model can call — a clock — and the tool loop that runs it: {@code POST /api/tools/ask}. */
@NullMarked
package io.github.llmclient.sample.tools;

import org.jspecify.annotations.NullMarked;
