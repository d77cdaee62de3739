/**
 * The batch-job API of the sample app: submit prompts as a batch job, follow its progress, read
 * its results.
 */
@NullMarked
package io.github.llmclient.sample.batch;

import org.jspecify.annotations.NullMarked;
