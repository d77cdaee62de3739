/** Embeddings: {@code POST /api/similar} ranks sentences by their similarity to a query. */
@NullMarked
package io.github.llmclient.sample.similar;

import org.jspecify.annotations.NullMarked;
