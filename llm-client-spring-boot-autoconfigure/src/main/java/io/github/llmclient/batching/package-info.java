/**
 * Calls made of many HTTP requests: an {@code embed} call split into requests of
 * {@code llm.embedding-batch-size}, and a provider's batch jobs (files and job endpoints, their
 * results put back in submission order), each request travelling the client's road. Internal:
 * not an API.
 */
@NullMarked
package io.github.llmclient.batching;

import org.jspecify.annotations.NullMarked;
