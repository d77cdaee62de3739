/** OpenAI's Chat Completions wire format, spoken by OpenAI and every OpenAI-compatible server. */
@NullMarked
package io.github.llmclient.provider.openai;

import org.jspecify.annotations.NullMarked;
