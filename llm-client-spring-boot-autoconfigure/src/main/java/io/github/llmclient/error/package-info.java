/** The unchecked exceptions every failed call ends with, all under {@link io.github.llmclient.error.LlmException}. */
@NullMarked
package io.github.llmclient.error;

import org.jspecify.annotations.NullMarked;
