package io.github.llmclient.sample.demo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code demo.*} properties of the offline demo model.
 *
 * @param enabled whether the application serves the demo model under /demo/v1 (the openai and
 * anthropic profiles turn it off)
 * @param model the one chat model id the demo model answers to
 * @param embeddingModel the one embedding model id it answers to on {@code /embeddings}
 * @param wordDelay pause before each streamed word, so streaming is visible
 * @param slowDelay how long the demo model waits before answering a prompt with #slow, longer than
 * the client's timeouts
 */
@ConfigurationProperties("demo")
public record DemoModelProperties(@DefaultValue("true") boolean enabled, @DefaultValue("demo-echo") String model,
		@DefaultValue("demo-embed") String embeddingModel, @DefaultValue("50ms") Duration wordDelay,
		@DefaultValue("10s") Duration slowDelay) {

}
