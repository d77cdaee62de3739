/** Typed answers: {@code POST /api/extract} reads a contact out of a text as a Java record. */
@NullMarked
package io.github.llmclient.sample.extract;

import org.jspecify.annotations.NullMarked;
