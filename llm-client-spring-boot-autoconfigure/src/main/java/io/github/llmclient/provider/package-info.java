/**
 * The contract each provider implements: how to build its requests and read its responses,
 * errors and stream events. Retries, permits and meters know nothing of wire formats.
 */
@NullMarked
package io.github.llmclient.provider;

import org.jspecify.annotations.NullMarked;
