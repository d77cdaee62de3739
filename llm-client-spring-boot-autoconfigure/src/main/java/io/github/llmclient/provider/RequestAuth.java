package io.github.llmclient.provider;

import reactor.core.publisher.Mono;

/**
 * Authorises one HTTP attempt: applied inside the retries to the final request (its exact URI
 * and body bytes), so every attempt, and every retry, is signed or authorised anew. A static key
 * needs none (adapters put it in {@link ProviderRequest#headers()}); a signature (AWS SigV4) or a
 * cached token that expires does. Anything that may block (resolving credentials, refreshing a
 * token) must run off the event loop, e.g. on {@code Schedulers.boundedElastic()}.
 */
@FunctionalInterface
public interface RequestAuth {

	/**
	 * The request with its authorisation headers added; its method, URI and body must be sent
	 * exactly as returned.
	 * @param request what the adapter wrote
	 * @return the request to send
	 */
	Mono<ProviderRequest> authorize(ProviderRequest request);

}
