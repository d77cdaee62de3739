/**
 * Spring AI's {@code ChatClient} on the starter's transport: {@code POST /api/spring-ai/ask}, a
 * {@code @Tool} method run by ChatClient and a typed answer, over the auto-configured
 * {@code LlmChatModel}.
 */
@NullMarked
package io.github.llmclient.sample.springai;

import org.jspecify.annotations.NullMarked;
