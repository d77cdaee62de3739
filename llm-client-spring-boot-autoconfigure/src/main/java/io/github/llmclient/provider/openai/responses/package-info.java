/** OpenAI's Responses API ({@code POST {base}/responses}), a wire format of its own for OpenAI and Azure's v1 route. */
@NullMarked
package io.github.llmclient.provider.openai.responses;

import org.jspecify.annotations.NullMarked;
