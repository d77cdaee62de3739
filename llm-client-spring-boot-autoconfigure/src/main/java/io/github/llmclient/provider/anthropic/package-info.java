/** Anthropic's native Messages API: requests, responses, stream events and model listing. */
@NullMarked
package io.github.llmclient.provider.anthropic;

import org.jspecify.annotations.NullMarked;
