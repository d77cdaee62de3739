/** A stand-in wire format for the ahead-of-time tests. */
@NullMarked
package io.github.llmclient.provider.aotfixture;

import org.jspecify.annotations.NullMarked;
