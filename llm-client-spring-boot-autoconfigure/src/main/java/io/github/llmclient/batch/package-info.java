/**
 * Batch jobs: many chat requests answered asynchronously by the provider at a discount
 * (OpenAI's Batch API, Anthropic's Message Batches), from {@code LlmTemplate.batchJobs()}.
 */
@NullMarked
package io.github.llmclient.batch;

import org.jspecify.annotations.NullMarked;
