package io.github.llmclient.benchmarks;

/**
 * How E1 embeds its texts: at most {@code batchSize} texts per request, {@code dimensions} floats
 * per vector, at most {@code concurrency} requests in flight (LlmTemplate: its
 * {@code embedding-batch-size} and {@code max-concurrent}).
 *
 * @param batchSize the most texts per request
 * @param dimensions the vector length asked for
 * @param concurrency the most requests at once
 */
record EmbedShape(int batchSize, int dimensions, int concurrency) {
}
