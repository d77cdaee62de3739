package io.github.llmclient.exchange;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.HttpVersion;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.error.LlmRateLimitException;
import io.github.llmclient.error.LlmServerException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.error.LlmTransportException;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.retry.RetryAfter;
import io.github.llmclient.transport.Http2Transport;
import org.jspecify.annotations.Nullable;
import reactor.pool.PoolAcquirePendingLimitException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Turns every way a call can fail into the {@link LlmException} hierarchy: error responses,
 * in-stream errors, transport failures, timeouts and broken protocol. Decides retryability from
 * {@code llm.retry.status-codes} and {@code x-should-retry}, and keeps the API key out of
 * every message.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class ErrorMapper {

	private final ClientConfig config;

	private final String provider;

	/** Creates the error mapping of one client. */
	public ErrorMapper(ClientConfig config) {
		this.config = config;
		this.provider = config.provider().propertyValue();
	}

	/** The exception of an error response; retryable by status, body and {@code x-should-retry}. */
	public LlmException fromResponse(int status, HttpHeaders headers, ProviderError error, CallContext call) {
		Boolean shouldRetry = shouldRetryHeader(headers);
		if (shouldRetry == null) {
			shouldRetry = error.retryable();
		}
		boolean retryable = (shouldRetry != null) ? shouldRetry : this.config.retry().statusCodes().contains(status);
		// a body's requested wait (Google's RetryInfo) counts as a Retry-After header, which wins
		Duration retryAfter = RetryAfter.parse(headers, Instant.now());
		ErrorDetails details = details(call).statusCode(status)
			.requestId(requestId(headers))
			.errorType(error.type())
			.retryAfter((retryAfter != null) ? retryAfter : error.retryAfter())
			.retryable(retryable)
			.build();
		HttpStatus known = HttpStatus.resolve(status);
		String message = "HTTP " + status + ((known != null) ? " " + known.getReasonPhrase() : "") + " from "
				+ this.provider + ((error.message() != null) ? ": " + error.message() : "") + ids(details);
		message = redact(message);
		if (status == 429) {
			return new LlmRateLimitException(message, details, null);
		}
		if (status == 401 || status == 403) {
			return new LlmAuthenticationException(message, details, null);
		}
		if (status == 408) {
			return new LlmTimeoutException(message, LlmTimeoutException.Phase.RESPONSE, details, null);
		}
		if (status >= 500) {
			return new LlmServerException(message, details, null);
		}
		if (status >= 400) {
			return new LlmBadRequestException(message, details, null);
		}
		return new LlmException(message, details, null);
	}

	LlmException fromStreamError(int status, HttpHeaders headers, ProviderError error, CallContext call) {
		return fromReportedError(status, headers, error, call, "Error event in the " + this.provider + " stream");
	}

	/** A failure a successful HTTP response reported in its body (a Responses API {@code status: failed}). */
	LlmException fromFailedResponse(int status, HttpHeaders headers, ProviderError error, CallContext call) {
		return fromReportedError(status, headers, error, call, "Failed response from " + this.provider);
	}

	private LlmException fromReportedError(int status, HttpHeaders headers, ProviderError error, CallContext call,
			String what) {
		if (error.status() >= 400) {
			// an in-stream error naming its HTTP status (Gemini) is that HTTP error, sent late
			LlmException mapped = fromResponse(error.status(), headers, error, call);
			return rewrap(mapped, redact(what + " (" + error.status()
					+ ((error.type() != null) ? " " + error.type() : "") + ")"
					+ ((error.message() != null) ? ": " + error.message() : "") + ids(mapped.details())));
		}
		String type = error.type();
		boolean rateLimited = type != null && (type.startsWith("rate_limit")
				|| type.equalsIgnoreCase("throttlingException"));
		boolean retryable = rateLimited || isRetryableStreamError(type);
		ErrorDetails details = details(call).statusCode(status)
			.requestId(requestId(headers))
			.errorType(type)
			.retryable(retryable)
			.build();
		String message = redact(what + ((type != null) ? " (" + type + ")" : "")
				+ ((error.message() != null) ? ": " + error.message() : "") + ids(details));
		if (rateLimited) {
			return new LlmRateLimitException(message, details, null);
		}
		if ("authentication_error".equals(type) || "permission_error".equals(type)
				|| "accessDeniedException".equalsIgnoreCase(type)) {
			return new LlmAuthenticationException(message, details, null);
		}
		if ("invalid_request_error".equals(type) || "not_found_error".equals(type)
				|| "request_too_large".equals(type) || "validationException".equalsIgnoreCase(type)) {
			return new LlmBadRequestException(message, details, null);
		}
		return new LlmServerException(message, details, null);
	}

	private static LlmException rewrap(LlmException mapped, String message) {
		ErrorDetails details = mapped.details();
		if (mapped instanceof LlmRateLimitException) {
			return new LlmRateLimitException(message, details, null);
		}
		if (mapped instanceof LlmAuthenticationException) {
			return new LlmAuthenticationException(message, details, null);
		}
		if (mapped instanceof LlmTimeoutException) {
			return new LlmTimeoutException(message, LlmTimeoutException.Phase.RESPONSE, details, null);
		}
		if (mapped instanceof LlmServerException) {
			return new LlmServerException(message, details, null);
		}
		if (mapped instanceof LlmBadRequestException) {
			return new LlmBadRequestException(message, details, null);
		}
		return new LlmException(message, details, null);
	}

	private static boolean isRetryableStreamError(@Nullable String type) {
		return type != null && switch (type) {
			case "overloaded_error", "api_error", "server_error", "internal_error", "service_unavailable",
					"timeout_error" ->
				true;
			// Bedrock's exception frames (ConverseStream), the first letter in either case
			case "serviceUnavailableException", "ServiceUnavailableException", "internalServerException",
					"InternalServerException", "modelStreamErrorException", "ModelStreamErrorException",
					"modelTimeoutException", "ModelTimeoutException", "modelNotReadyException",
					"ModelNotReadyException" ->
				true;
			default -> false;
		};
	}

	LlmException fromThrowable(Throwable failure, CallContext call) {
		if (failure instanceof LlmException llm) {
			return llm;
		}
		Throwable cause = (failure instanceof WebClientRequestException && failure.getCause() != null)
				? failure.getCause() : failure;
		if (cause instanceof io.netty.channel.ConnectTimeoutException) {
			return timeout(LlmTimeoutException.Phase.CONNECT, this.config.connectTimeout(), cause, call);
		}
		if (cause instanceof PoolAcquirePendingLimitException) {
			return new LlmException(
					"Too many requests waiting for " + this.provider + " client '" + this.config.name()
							+ "': " + this.config.maxQueued() + " already queued behind " + this.config.maxConcurrent()
							+ " in flight (raise llm.max-queued or llm.max-concurrent)",
					details(call).build(), cause);
		}
		LlmException transport = TransportErrors.unhealable(this.config, failure, call);
		if (transport != null) {
			return transport;
		}
		if (cause instanceof DataBufferLimitException) {
			return new LlmProtocolException(redact("The " + this.provider + " response is too large: "
					+ cause.getMessage()), details(call).build(), cause);
		}
		if (this.config.httpVersion() == HttpVersion.HTTP2 && Http2Transport.refused(cause)) {
			String property = ClientConfig.DEFAULT_NAME.equals(this.config.name()) ? "llm.http-version"
					: "llm.clients." + this.config.name() + ".http-version";
			return new LlmTransportException(redact("The " + this.provider + " server at "
					+ this.config.baseUrl().getHost() + " did not speak HTTP/2 (" + cause.getClass().getSimpleName()
					+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + "); set " + property
					+ "=http1.1 for it [client request id " + call.clientRequestId() + "]"), details(call).build(), cause);
		}
		if (cause instanceof ConnectException || cause instanceof java.io.IOException
				|| cause instanceof io.netty.channel.ChannelException
				|| cause instanceof io.netty.handler.codec.DecoderException
				|| failure instanceof WebClientRequestException) {
			String what = (cause instanceof reactor.netty.http.client.PrematureCloseException)
					? "the connection was closed early" : "the connection failed";
			return new LlmTransportException(redact("No complete response from " + this.provider + " at "
					+ this.config.baseUrl().getHost() + ": " + what + " (" + cause.getClass().getSimpleName()
					+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "") + ")"
					+ " [client request id " + call.clientRequestId() + "]"), details(call).retryable(true).build(),
					cause);
		}
		return new LlmException(redact("Call to " + this.provider + " failed: " + cause) + " [client request id "
				+ call.clientRequestId() + "]", details(call).build(), cause);
	}

	LlmTimeoutException timeout(LlmTimeoutException.Phase phase, Duration limit, @Nullable Throwable cause,
			CallContext call) {
		String property = switch (phase) {
			case CONNECT -> "llm.connect-timeout";
			case RESPONSE -> "llm.timeout";
			case FIRST_CHUNK -> "llm.first-chunk-timeout";
			case STREAM_IDLE -> "llm.stream-idle-timeout";
		};
		String what = switch (phase) {
			case CONNECT -> "Connecting to " + this.provider + " at " + this.config.baseUrl().getHost();
			case RESPONSE -> "The " + this.provider + " response";
			case FIRST_CHUNK -> "The first event of the " + this.provider + " stream";
			case STREAM_IDLE -> "The " + this.provider + " stream went silent and";
		};
		String message = (phase == LlmTimeoutException.Phase.STREAM_IDLE)
				? what + " sent nothing for " + limit.toMillis() + "ms (" + property + ")"
				: what + " took longer than " + limit.toMillis() + "ms (" + property + ")";
		return new LlmTimeoutException(message + " [client request id " + call.clientRequestId() + "]", phase,
				details(call).retryable(true).build(), (cause instanceof TimeoutException) ? null : cause);
	}

	/** The exception of an answer that breaks the protocol, with the ids of the call. */
	public LlmProtocolException protocol(String problem, int status, @Nullable HttpHeaders headers, boolean retryable,
			@Nullable Throwable cause, CallContext call) {
		ErrorDetails details = details(call).statusCode(status)
			.requestId((headers != null) ? requestId(headers) : null)
			.retryable(retryable)
			.build();
		return new LlmProtocolException(redact(problem + ids(details)), details, cause);
	}

	private ErrorDetails.Builder details(CallContext call) {
		return ErrorDetails.builder(this.provider).clientRequestId(call.clientRequestId());
	}

	private static String ids(ErrorDetails details) {
		StringBuilder ids = new StringBuilder(" [");
		if (details.requestId() != null) {
			ids.append("request id ").append(details.requestId()).append(", ");
		}
		return ids.append("client request id ").append(details.clientRequestId()).append(']').toString();
	}

	static @Nullable String requestId(HttpHeaders headers) {
		String id = headers.getFirst("x-request-id");
		return (id != null) ? id : headers.getFirst("request-id");
	}

	private static @Nullable Boolean shouldRetryHeader(HttpHeaders headers) {
		String value = headers.getFirst("x-should-retry");
		if (value == null) {
			return null;
		}
		value = value.strip();
		if (value.equalsIgnoreCase("true")) {
			return Boolean.TRUE;
		}
		return value.equalsIgnoreCase("false") ? Boolean.FALSE : null;
	}

	/** Some providers echo (part of) a rejected key in their message: never pass it on. */
	public String redact(String message) {
		return redact(this.config, message);
	}

	/** Masks the API key and the proxy password of the given client in a message. */
	static String redact(ClientConfig config, String message) {
		String redacted = message;
		for (String secret : new @Nullable String[] { config.apiKey(), config.proxy().password() }) {
			if (secret != null && secret.length() >= 4 && redacted.contains(secret)) {
				redacted = redacted.replace(secret, "******");
			}
		}
		return redacted;
	}

}
