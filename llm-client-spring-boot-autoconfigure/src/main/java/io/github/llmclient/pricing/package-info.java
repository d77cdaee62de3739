/**
 * Model prices ({@code llm.pricing.*}) and what a call's usage costs at them.
 */
@NullMarked
package io.github.llmclient.pricing;

import org.jspecify.annotations.NullMarked;
