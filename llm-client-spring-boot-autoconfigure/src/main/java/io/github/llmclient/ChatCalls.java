package io.github.llmclient;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.route.Fallback;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chat and stream calls of one client: each resolves its model, builds its HTTP request
 * before the call opens (a request the adapter refuses fails unsent), then travels the client's
 * road; a failure the fallback takes goes to the fallback client (a stream only before its first
 * chunk).
 */
final class ChatCalls {

	private final ClientRoad road;

	ChatCalls(ClientRoad road) {
		this.road = road;
	}

	Mono<ChatResponse> chat(ChatRequest request) {
		ClientRoad road = this.road;
		Fallback fallback = road.fallback();
		return Mono.defer(() -> {
			ChatRequest resolved = road.resolveModel(request);
			// built before the call's observation opens: a request the adapter refuses fails unsent
			ProviderRequest http = road.adapter().chatRequest(resolved, false);
			CallContext call = road.startCall("chat", resolved.model(), false);
			return ClientRoad.observe(call, road.circuit().protect(road.retry().apply(road.limits()
				.rateLimited(road.exchange().chat(http, call).flux(), call, http, resolved)
				.singleOrEmpty(), call.observer(), call.clientRequestId()))
				.doOnNext(call.observer()::onResponse))
				.onErrorResume((ex) -> fallback.shouldTake(ex),
						(ex) -> fallback.take(call, ex).chat(fallback.request(request)));
		});
	}

	Flux<ChatChunk> stream(ChatRequest request) {
		ClientRoad road = this.road;
		Fallback fallback = road.fallback();
		return Flux.defer(() -> {
			ChatRequest resolved = road.resolveModel(request);
			ProviderRequest http = road.adapter().chatRequest(resolved, true);
			CallContext call = road.startCall("chat", resolved.model(), true);
			CallObserver observer = call.observer();
			Flux<ChatChunk> chunks = road.circuit()
				.protect(road.retry()
					.apply(road.limits().rateLimited(road.exchange().stream(http, call), call, http, resolved)
						.doOnNext((chunk) -> call.markContentDelivered()), call::contentDelivered, observer,
							call.clientRequestId()))
				.doOnNext(observer::onChunk);
			return chunks.doOnComplete(observer::onSuccess)
				.doOnError(observer::onError)
				.doOnCancel(observer::onCancel)
				.contextWrite(observer::addToContext)
				// like retries, a fallback is only safe before the first chunk was delivered
				.onErrorResume((ex) -> !call.contentDelivered() && fallback.shouldTake(ex),
						(ex) -> fallback.take(call, ex).stream(fallback.request(request)));
		});
	}

}
