/** Immutable value types of a chat exchange: requests, messages, responses, stream chunks and usage. */
@NullMarked
package io.github.llmclient.chat;

import org.jspecify.annotations.NullMarked;
