/** The application's chat API: a JSON endpoint and an event stream over the starter's {@code LlmTemplate}. */
@NullMarked
package io.github.llmclient.sample.chat;

import org.jspecify.annotations.NullMarked;
