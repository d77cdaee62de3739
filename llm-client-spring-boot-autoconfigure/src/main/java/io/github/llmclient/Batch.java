package io.github.llmclient;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs a batch of chat requests with bounded concurrency, keeping input order and every outcome. */
final class Batch {

	private static final Log logger = LogFactory.getLog(Batch.class);

	private Batch() {
	}

	static Mono<List<BatchResult>> run(List<ChatRequest> requests, int maxConcurrent,
			@Nullable BiConsumer<Integer, Integer> progress, Function<ChatRequest, Mono<ChatResponse>> chat) {
		return Mono.defer(() -> {
			AtomicInteger completed = new AtomicInteger();
			int total = requests.size();
			// flatMapSequential runs up to maxConcurrent at once and emits in input order
			return Flux.range(0, total)
				.flatMapSequential((index) -> chat.apply(requests.get(index))
					.map((response) -> BatchResult.success(index, requests.get(index), response))
					.onErrorResume((error) -> Mono.just(BatchResult.failure(index, requests.get(index), error)))
					.doOnNext((result) -> report(progress, completed.incrementAndGet(), total)), maxConcurrent)
				.collectList();
		});
	}

	private static void report(@Nullable BiConsumer<Integer, Integer> progress, int completed, int total) {
		if (progress == null) {
			return;
		}
		try {
			progress.accept(completed, total);
		}
		catch (RuntimeException ex) {
			logger.warn("Batch progress callback failed", ex);
		}
	}

}
