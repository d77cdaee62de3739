package io.github.llmclient.provider;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * An HTTP request a provider adapter wants sent.
 *
 * @param method the method
 * @param uri the full URI
 * @param headers provider headers (authentication, versions); never logged unredacted
 * @param body the JSON body, or null for none
 * @param operation {@code chat} or {@code models}, for logs and meters
 * @param answerTool the name of the tool whose input is the answer's content (a response format
 * written as a forced tool, as on Anthropic), or null
 */
public record ProviderRequest(HttpMethod method, URI uri, Map<String, String> headers, byte @Nullable [] body,
		String operation, @Nullable String answerTool) {

	public ProviderRequest {
		headers = Map.copyOf(headers);
	}

	/**
	 * A request whose answer is read as the provider sends it.
	 * @param method the method
	 * @param uri the full URI
	 * @param headers provider headers
	 * @param body the JSON body, or null for none
	 * @param operation {@code chat} or {@code models}
	 */
	public ProviderRequest(HttpMethod method, URI uri, Map<String, String> headers, byte @Nullable [] body,
			String operation) {
		this(method, uri, headers, body, operation, null);
	}

}
