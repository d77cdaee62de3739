/**
 * AWS Bedrock's Converse API: request writer, response reader, stream mapper, error reader,
 * embeddings ({@code invoke}) and the AWS Signature V4 of each attempt.
 */
@NullMarked
package io.github.llmclient.provider.bedrock;

import org.jspecify.annotations.NullMarked;
