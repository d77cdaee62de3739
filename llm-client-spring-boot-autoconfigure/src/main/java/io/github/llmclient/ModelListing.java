package io.github.llmclient;

import java.util.List;

import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.provider.ProviderRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The model listing of one client: a paged listing (Gemini) is read page by page, each page a
 * retried attempt holding a permit; the whole listing is one call behind the circuit breaker.
 */
final class ModelListing {

	private final ClientRoad road;

	ModelListing(ClientRoad road) {
		this.road = road;
	}

	Mono<List<String>> models() {
		return Mono.defer(() -> {
			CallContext call = this.road.startCall("models", null, false);
			ProviderRequest http = this.road.adapter().modelsRequest();
			Mono<List<String>> pages = page(http, call)
				.expand((page) -> (page.next() != null) ? page(page.next(), call) : Mono.empty())
				.concatMapIterable(ModelsPage::ids)
				.collectList();
			return ClientRoad.observe(call, this.road.circuit().protect(pages));
		});
	}

	private Mono<ModelsPage> page(ProviderRequest http, CallContext call) {
		Mono<ModelsPage> page = this.road.exchange()
			.call(http, call, (body) -> new ModelsPage(this.road.adapter().readModels(body),
					this.road.adapter().nextModelsRequest(http, body)));
		return this.road.retry()
			.apply(this.road.limits().limited(page.flux(), call).singleOrEmpty(), call.observer(),
					call.clientRequestId());
	}

	/** One page of a model listing and the request of the next, if any. */
	private record ModelsPage(List<String> ids, @Nullable ProviderRequest next) {
	}

}
