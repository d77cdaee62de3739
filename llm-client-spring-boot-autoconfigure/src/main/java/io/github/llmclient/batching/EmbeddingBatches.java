package io.github.llmclient.batching;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.exchange.Exchange;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.retry.RetryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The road of one {@code embed} call: resolves its model, splits its inputs into requests of at
 * most {@code llm.embedding-batch-size}, sends each through its own retries (outermost) and a
 * permit, at most {@code llm.max-concurrent} at once, and joins the vectors in input order. The
 * first batch that fails after its retries fails the call (the others are cancelled): a partial
 * list is never returned.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class EmbeddingBatches {

	private final ClientConfig config;

	private final ProviderAdapter adapter;

	private final Exchange exchange;

	private final RetryOperator retry;

	private final Limiter limited;

	/**
	 * Creates the road of a client's embed calls.
	 * @param limited runs one attempt under the rate limit, then while holding a permit of the
	 * concurrency limit
	 */
	public EmbeddingBatches(ClientConfig config, ProviderAdapter adapter, Exchange exchange, RetryOperator retry,
			Limiter limited) {
		this.config = config;
		this.adapter = adapter;
		this.exchange = exchange;
		this.retry = retry;
		this.limited = limited;
	}

	/**
	 * The request with its model resolved; fails, before anything is sent, when the provider has
	 * no embeddings API or no model is known.
	 */
	public EmbeddingRequest resolve(EmbeddingRequest request) {
		this.adapter.requireEmbeddings();
		if (request.model() != null && !request.model().isBlank()) {
			return request;
		}
		if (this.config.embeddingModel() == null) {
			boolean named = !ClientConfig.DEFAULT_NAME.equals(this.config.name());
			throw new LlmBadRequestException("No embedding model to call: set llm.embedding-model"
					+ (named ? " (or llm.clients." + this.config.name() + ".embedding-model)" : "")
					+ " or pass one with EmbeddingRequest.builder().model(...); llm.model is a chat model and is not "
					+ "used for embeddings", ErrorDetails.builder(this.config.provider().propertyValue()).build(), null);
		}
		return request.withModel(this.config.embeddingModel());
	}

	/** The HTTP requests of the batches, built before the call opens so that a refused one fails unsent. */
	public List<Batch> batches(EmbeddingRequest resolved) {
		// a provider's own limit (Gemini: 100 per request; Bedrock Titan: one) wins over a larger
		// llm.embedding-batch-size
		int size = Math.min(this.config.embeddingBatchSize(),
				Math.max(1, this.adapter.maxEmbeddingBatchSize(resolved.model())));
		int total = resolved.inputs().size();
		List<Batch> batches = new ArrayList<>((total + size - 1) / size);
		for (int from = 0; from < total; from += size) {
			EmbeddingRequest slice = (total <= size) ? resolved : resolved.slice(from, Math.min(total, from + size));
			batches.add(new Batch(this.adapter.embeddingsRequest(slice), slice.inputs().size()));
		}
		return batches;
	}

	/**
	 * Sends the batches, at most {@code llm.max-concurrent} at once, and joins their vectors in
	 * input order.
	 * @param call the logical call; its observer must accept concurrent signals
	 */
	public Mono<EmbeddingResponse> send(List<Batch> batches, String requestedModel, CallContext call) {
		if (batches.size() == 1) {
			return send(batches.get(0), call).map((part) -> join(List.of(part), requestedModel));
		}
		int concurrency = Math.min(batches.size(), this.config.maxConcurrent());
		// flatMapSequential subscribes up to `concurrency` batches at once and emits in input order
		return Flux.fromIterable(batches)
			.flatMapSequential((batch) -> send(batch, call), concurrency, 1)
			.collectList()
			.map((parts) -> join(parts, requestedModel));
	}

	/** One batch: its own attempt count and retry budget, the call's id and observer. */
	private Mono<EmbeddingResponse> send(Batch batch, CallContext call) {
		return Mono.defer(() -> {
			CallContext batchCall = call.withObserver(call.observer());
			Mono<EmbeddingResponse> attempt = this.exchange.callBuffered(batch.request(), batchCall,
					(body) -> this.adapter.readEmbeddings(body, batch.inputs()));
			return this.retry.apply(this.limited.apply(attempt.flux(), batchCall, batch.request()).singleOrEmpty(),
					batchCall.observer(), batchCall.clientRequestId());
		});
	}

	private static EmbeddingResponse join(List<EmbeddingResponse> parts, String requestedModel) {
		int total = 0;
		for (EmbeddingResponse part : parts) {
			total += part.embeddings().size();
		}
		List<float[]> vectors = new ArrayList<>(total);
		String model = null;
		int inputTokens = 0;
		int totalTokens = 0;
		boolean usageKnown = true;
		for (EmbeddingResponse part : parts) {
			vectors.addAll(part.embeddings());
			model = (model != null) ? model : part.model();
			Usage usage = part.usage();
			if (usage == null) {
				usageKnown = false;
			}
			else {
				inputTokens += usage.inputTokens();
				totalTokens += usage.totalTokens();
			}
		}
		return new EmbeddingResponse(vectors, (model != null) ? model : requestedModel,
				usageKnown ? new Usage(inputTokens, 0, totalTokens) : null);
	}

	/**
	 * The request a fallback client gets: models are provider-specific, so an explicit model gives
	 * way to the fallback client's own {@code embedding-model}. All inputs go to it, never only
	 * the failed batch: vectors of two models do not mix.
	 */
	public static EmbeddingRequest forFallback(EmbeddingRequest request, ClientConfig target) {
		String model = target.embeddingModel();
		return (request.model() != null && model != null) ? request.withModel(model) : request;
	}

	/** Runs one attempt of a batch under the rate limit and the concurrency limit. */
	@FunctionalInterface
	public interface Limiter {

		/** The attempt, run under the limits of the call. */
		Flux<EmbeddingResponse> apply(Flux<EmbeddingResponse> attempt, CallContext call, ProviderRequest request);

	}

	/**
	 * The HTTP request of one batch and how many inputs it carries.
	 * @param request what to send
	 * @param inputs how many vectors must come back
	 */
	public record Batch(ProviderRequest request, int inputs) {
	}

}
