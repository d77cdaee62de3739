/** A WHATWG-exact Server-Sent Events decoder working on bytes, shared by every provider. */
@NullMarked
package io.github.llmclient.sse;

import org.jspecify.annotations.NullMarked;
