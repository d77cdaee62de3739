/** The application's chat API: a JSON endpoint and a server-sent event stream over the starter's {@code LlmTemplate}. */
@NullMarked
package io.github.llmclient.sample.chat;

import org.jspecify.annotations.NullMarked;
