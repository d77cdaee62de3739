/** The offline demo model: a small OpenAI-compatible server with deterministic answers and failures on request. */
@NullMarked
package io.github.llmclient.sample.demo;

import org.jspecify.annotations.NullMarked;
