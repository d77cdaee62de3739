/** The benchmark harness: a stub OpenAI-compatible server and three clients, each in its own JVM. */
package io.github.llmclient.benchmarks;
