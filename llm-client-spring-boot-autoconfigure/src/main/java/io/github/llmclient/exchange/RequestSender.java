package io.github.llmclient.exchange;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.provider.ProviderRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Puts an attempt's request on the client's WebClient, and logs it at TRACE (in the exchange's
 * log category) with every credential header masked.
 */
final class RequestSender {

	private static final String CLIENT_REQUEST_ID_HEADER = "X-Client-Request-Id";

	private final WebClient webClient;

	private final ClientConfig config;

	private final ErrorMapper errors;

	RequestSender(WebClient webClient, ClientConfig config, ErrorMapper errors) {
		this.webClient = webClient;
		this.config = config;
		this.errors = errors;
	}

	/** The attempt's request: the client's headers, the request's, the attempt's auth and the client request id. */
	WebClient.RequestHeadersSpec<?> send(ProviderRequest request, CallContext call, Map<String, String> auth) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(request.uri())
			.headers((headers) -> {
				this.config.headers().forEach(headers::set);
				request.headers().forEach(headers::set);
				auth.forEach(headers::set);
				headers.set(CLIENT_REQUEST_ID_HEADER, call.clientRequestId());
			});
		byte[] body = request.body();
		if (body == null) {
			return spec;
		}
		if (Exchange.logger.isTraceEnabled()) {
			Exchange.logger.trace(this.errors.redact(">> " + request.method() + " " + request.uri() + " headers "
					+ redacted(request.headers()) + " body " + new String(body, StandardCharsets.UTF_8)));
		}
		// a request that names its own type (a multipart upload) keeps it
		return request.headers().containsKey(HttpHeaders.CONTENT_TYPE) ? spec.bodyValue(body)
				: spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	private static Map<String, String> redacted(Map<String, String> headers) {
		Map<String, String> copy = new java.util.LinkedHashMap<>();
		headers.forEach((name, value) -> copy.put(name, isSecret(name) ? "******" : value));
		return copy;
	}

	static boolean isSecret(String header) {
		return header.equalsIgnoreCase("Authorization") || header.equalsIgnoreCase("x-api-key")
				|| header.equalsIgnoreCase("api-key") || header.equalsIgnoreCase("x-goog-api-key")
				|| header.equalsIgnoreCase("x-amz-security-token");
	}

}
