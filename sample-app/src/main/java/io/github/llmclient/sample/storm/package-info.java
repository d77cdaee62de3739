/** The page's "storm" button: {@code POST /api/storm} sends many prompts at once. */
@NullMarked
package io.github.llmclient.sample.storm;

import org.jspecify.annotations.NullMarked;
