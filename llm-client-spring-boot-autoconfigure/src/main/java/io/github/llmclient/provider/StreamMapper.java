package io.github.llmclient.provider;

import io.github.llmclient.sse.SseEvent;

/**
 * Maps the events of one stream to {@link StreamEvent}s. Stateful (it remembers the response id
 * and model, and merges usage reported in separate events): one instance per HTTP exchange.
 */
@FunctionalInterface
public interface StreamMapper {

	/**
	 * Maps one decoded event.
	 * @param event the event
	 * @return what it means
	 * @throws RuntimeException when the event's JSON is malformed (the caller turns it into an
	 * {@link io.github.llmclient.error.LlmProtocolException})
	 */
	StreamEvent map(SseEvent event);

}
