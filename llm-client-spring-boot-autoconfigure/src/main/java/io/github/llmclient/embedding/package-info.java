/** Embedding value types: what to embed ({@link EmbeddingRequest}) and the vectors that come back ({@link EmbeddingResponse}). */
@NullMarked
package io.github.llmclient.embedding;

import org.jspecify.annotations.NullMarked;
