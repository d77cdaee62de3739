package io.github.llmclient.provider;

import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Authorises each HTTP attempt: the headers (a bearer token, a signature) to add to the request
 * a provider adapter built. Called once per attempt, inside the retry, so every retry is
 * authorised anew; work that may block (refreshing a token) runs off the event loop, and a
 * cached credential is returned at once.
 */
@FunctionalInterface
public interface RequestAuth {

	/** No headers: the adapter's own (an API key) are enough. */
	RequestAuth NONE = (request) -> Mono.just(Map.of());

	/**
	 * The headers that authorise one attempt of the given request.
	 * @param request the request about to be sent
	 * @return the headers, or an {@link io.github.llmclient.error.LlmException} when no credential
	 * could be obtained
	 */
	Mono<Map<String, String>> headers(ProviderRequest request);

}
