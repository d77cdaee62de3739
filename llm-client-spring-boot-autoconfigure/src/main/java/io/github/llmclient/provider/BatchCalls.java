package io.github.llmclient.provider;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How a {@link BatchFormat} sends its HTTP calls: through the client's ordinary road (retries,
 * the concurrency limit, meters), which the pipeline supplies. A format never sends by itself.
 */
public interface BatchCalls {

	/**
	 * Sends a request and reads its whole (small) answer.
	 * @param <T> what the answer is read as
	 * @param request the request
	 * @param reader reads a successful body; a non-2xx answer is an error read with the adapter
	 * @return what the reader made of the body
	 */
	<T> Mono<T> call(ProviderRequest request, Function<byte[], T> reader);

	/**
	 * Sends a request and streams its answer as lines of text (a JSONL file), read as they arrive
	 * and never held whole. Retried like a stream: until its first line was delivered.
	 * @param request the request
	 * @return the lines, without their line ends; blank lines left out
	 */
	Flux<String> lines(ProviderRequest request);

}
