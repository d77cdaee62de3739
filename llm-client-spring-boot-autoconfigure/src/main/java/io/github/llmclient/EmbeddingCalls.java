package io.github.llmclient;

import java.util.List;
import java.util.Objects;

import io.github.llmclient.batching.EmbeddingBatches;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.exchange.CallLimits;
import io.github.llmclient.route.Fallback;
import reactor.core.publisher.Mono;

/**
 * The embed calls of one client: one operation, measured once, however many batched requests
 * ({@link EmbeddingBatches}) it takes; a failure the fallback takes sends all inputs to the
 * fallback client with its own embedding model.
 */
final class EmbeddingCalls {

	private final ClientRoad road;

	private final EmbeddingBatches batches;

	EmbeddingCalls(ClientRoad road) {
		this.road = road;
		CallLimits limits = road.limits();
		this.batches = new EmbeddingBatches(road.config(), road.adapter(), road.exchange(), road.retry(),
				(attempt, call, request) -> limits.rateLimited(attempt, call, request, 0));
	}

	Mono<EmbeddingResponse> embed(EmbeddingRequest request) {
		Fallback fallback = this.road.fallback();
		return Mono.defer(() -> {
			EmbeddingRequest resolved = this.batches.resolve(request);
			String model = Objects.requireNonNull(resolved.model());
			if (resolved.inputs().isEmpty()) {
				return Mono.just(new EmbeddingResponse(List.of(), model, Usage.of(0, 0)));
			}
			// built before the call's observation opens: a request the adapter refuses fails unsent
			List<EmbeddingBatches.Batch> batches = this.batches.batches(resolved);
			CallContext started = this.road.startCall("embeddings", model, false);
			// the batches run concurrently: their signals reach the call's observer one at a time
			CallContext call = started.withObserver(SerializedCallObserver.of(started.observer()));
			return ClientRoad.observe(call,
					this.road.circuit()
						.protect(this.batches.send(batches, model, call))
						.doOnNext(call.observer()::onEmbeddings))
				.onErrorResume((ex) -> fallback.shouldTake(ex), (ex) -> {
					LlmTemplate target = fallback.take(call, ex);
					return target.embed(EmbeddingBatches.forFallback(request, target.config()));
				});
		});
	}

}
