package io.github.llmclient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One HTTP attempt: sends a provider's request through the WebClient, maps error responses, reads
 * a body or decodes a stream, and applies the per-attempt timeouts. Knows nothing of retries or
 * permits, which wrap it.
 */
final class Exchange {

	private static final Log logger = LogFactory.getLog(Exchange.class);

	private static final byte[] EMPTY = new byte[0];

	/** Reported as the failure of an attempt its subscriber cancelled. */
	static final java.util.concurrent.CancellationException CANCELLED = new java.util.concurrent.CancellationException(
			"cancelled");

	private static final String CLIENT_REQUEST_ID_HEADER = "X-Client-Request-Id";

	private final WebClient webClient;

	private final ProviderAdapter adapter;

	private final ClientConfig config;

	private final ErrorMapper errors;

	Exchange(WebClient webClient, ProviderAdapter adapter, ClientConfig config, ErrorMapper errors) {
		this.webClient = webClient;
		this.adapter = adapter;
		this.config = config;
		this.errors = errors;
	}

	/** A non-streaming attempt whose body the given reader turns into the result. */
	<T> Mono<T> call(ProviderRequest request, CallContext call, Function<byte[], T> reader) {
		return Mono.defer(() -> {
			Attempt attempt = new Attempt(call.nextAttempt(), this.config);
			return send(request, call).exchangeToMono((response) -> {
				attempt.status = response.statusCode().value();
				attempt.headers = response.headers().asHttpHeaders();
				if (!response.statusCode().is2xxSuccessful()) {
					return errorResponse(response, call);
				}
				return body(response).map((body) -> {
					traceBody(body);
					try {
						return reader.apply(body);
					}
					catch (RuntimeException ex) {
						throw this.errors.protocol(
								"The " + this.adapter.id() + " response could not be read: " + ex.getMessage(),
								attempt.status, response.headers().asHttpHeaders(), false, ex, call);
					}
				});
			})
				.timeout(this.config.timeout())
				.onErrorMap((ex) -> (ex instanceof TimeoutException)
						? this.errors.timeout(LlmTimeoutException.Phase.RESPONSE, this.config.timeout(), ex, call)
						: this.errors.fromThrowable(ex, call))
				.doOnSuccess((result) -> attempt.finish(request, call, null))
				.doOnError((ex) -> attempt.finish(request, call, ex))
				.doOnCancel(() -> attempt.finish(request, call, CANCELLED));
		});
	}

	Mono<ChatResponse> chat(ProviderRequest request, CallContext call) {
		return call(request, call, this.adapter::readResponse);
	}

	Mono<List<String>> models(ProviderRequest request, CallContext call) {
		return call(request, call, this.adapter::readModels);
	}

	/**
	 * A streaming attempt: the first-chunk timeout runs from subscription to the first event (a
	 * server that only sends keep-alive comments does not stop it); the idle timeout bounds the
	 * silence between network reads (so keep-alive comments count). The stream must end with the
	 * provider's end marker.
	 */
	Flux<ChatChunk> stream(ProviderRequest request, CallContext call) {
		return Flux.defer(() -> {
			Attempt attempt = new Attempt(call.nextAttempt(), this.config);
			StreamMapper mapper = this.adapter.streamMapper();
			SseDecoder decoder = new SseDecoder();
			Flux<List<SseEvent>> batches = send(request, call).exchangeToFlux((response) -> {
				attempt.status = response.statusCode().value();
				attempt.headers = response.headers().asHttpHeaders();
				if (!response.statusCode().is2xxSuccessful()) {
					return this.<List<SseEvent>>errorResponse(response, call).flux();
				}
				MediaType type = response.headers().contentType().orElse(null);
				if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
					return jsonInsteadOfStream(response, attempt, call);
				}
				return response.bodyToFlux(DataBuffer.class).map((buffer) -> decode(decoder, buffer, attempt));
			});
			return batches
				.timeout(Mono.delay(this.config.firstChunkTimeout()), (batch) -> Mono.delay(attempt.nextTimeout()))
				.onErrorMap(TimeoutException.class,
						(ex) -> (attempt.pendingPhase == LlmTimeoutException.Phase.STREAM_IDLE)
								? this.errors.timeout(LlmTimeoutException.Phase.STREAM_IDLE,
										this.config.streamIdleTimeout(), ex, call)
								: this.errors.timeout(LlmTimeoutException.Phase.FIRST_CHUNK,
										this.config.firstChunkTimeout(), ex, call))
				.concatMapIterable((events) -> events)
				.<ChatChunk>handle((event, sink) -> {
					StreamEvent mapped;
					try {
						mapped = mapper.map(event);
					}
					catch (RuntimeException ex) {
						sink.error(this.errors.protocol("Malformed event in the " + this.adapter.id()
								+ " stream: " + ex.getMessage(), attempt.status, attempt.headers, false, ex, call));
						return;
					}
					if (mapped instanceof StreamEvent.Chunk chunk) {
						sink.next(chunk.chunk());
					}
					else if (mapped == StreamEvent.END) {
						attempt.ended = true;
						sink.complete();
					}
					else if (mapped instanceof StreamEvent.Error error) {
						sink.error(this.errors.fromStreamError(attempt.status, headersOf(attempt), error.error(), call));
					}
				})
				.concatWith(Mono.defer(() -> attempt.ended ? Mono.empty()
						: Mono.error(this.errors.protocol("The " + this.adapter.id()
								+ " stream ended before completion (no end marker)", attempt.status, attempt.headers,
								true, null, call))))
				.onErrorMap((ex) -> this.errors.fromThrowable(ex, call))
				.doOnComplete(() -> attempt.finish(request, call, null))
				.doOnError((ex) -> attempt.finish(request, call, ex))
				.doOnCancel(() -> attempt.finish(request, call, CANCELLED));
		});
	}

	private static HttpHeaders headersOf(Attempt attempt) {
		return (attempt.headers != null) ? attempt.headers : HttpHeaders.EMPTY;
	}

	private List<SseEvent> decode(SseDecoder decoder, DataBuffer buffer, Attempt attempt) {
		try {
			List<SseEvent> events = new ArrayList<>(4);
			decoder.feed(buffer, events::add);
			if (!events.isEmpty()) {
				attempt.sawEvent = true;
			}
			if (logger.isTraceEnabled()) {
				events.forEach((event) -> logger
					.trace(this.errors.redact("<< " + event.event() + ": " + event.dataAsString())));
			}
			return events;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** A 2xx JSON body where a stream was asked for: an error object, or a server that cannot stream. */
	private Flux<List<SseEvent>> jsonInsteadOfStream(ClientResponse response, Attempt attempt, CallContext call) {
		return body(response).flatMapMany((body) -> {
			ProviderError error = this.adapter.readError(body);
			if (error.type() != null || error.message() != null) {
				return Flux.error(this.errors.fromStreamError(attempt.status, headersOf(attempt), error, call));
			}
			return Flux.error(this.errors.protocol("The " + this.adapter.id()
					+ " server answered a stream request with a JSON body instead of an event stream",
					attempt.status, attempt.headers, false, null, call));
		});
	}

	private WebClient.RequestHeadersSpec<?> send(ProviderRequest request, CallContext call) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(request.uri())
			.headers((headers) -> {
				this.config.headers().forEach(headers::set);
				request.headers().forEach(headers::set);
				headers.set(CLIENT_REQUEST_ID_HEADER, call.clientRequestId());
			});
		byte[] body = request.body();
		if (body == null) {
			return spec;
		}
		if (logger.isTraceEnabled()) {
			logger.trace(this.errors.redact(">> " + request.method() + " " + request.uri() + " headers "
					+ redacted(request.headers()) + " body " + new String(body, StandardCharsets.UTF_8)));
		}
		return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	private static Map<String, String> redacted(Map<String, String> headers) {
		Map<String, String> copy = new java.util.LinkedHashMap<>();
		headers.forEach((name, value) -> copy.put(name, isSecret(name) ? "******" : value));
		return copy;
	}

	static boolean isSecret(String header) {
		return header.equalsIgnoreCase("Authorization") || header.equalsIgnoreCase("x-api-key")
				|| header.equalsIgnoreCase("api-key");
	}

	private <T> Mono<T> errorResponse(ClientResponse response, CallContext call) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return body(response).onErrorReturn(EMPTY).flatMap((body) -> {
			traceBody(body);
			return Mono.error(this.errors.fromResponse(status, headers, this.adapter.readError(body), call));
		});
	}

	private static Mono<byte[]> body(ClientResponse response) {
		return response.bodyToMono(byte[].class).defaultIfEmpty(EMPTY);
	}

	/** Bodies are logged with the key masked: some servers echo a rejected key in their error. */
	private void traceBody(byte[] body) {
		if (logger.isTraceEnabled()) {
			logger.trace(this.errors.redact("<< " + new String(body, StandardCharsets.UTF_8)));
		}
	}

	/** The state of one HTTP attempt, for timeouts, the end-marker check and the log line. */
	private static final class Attempt {

		private final int number;

		private final long startNanos = Schedulers.parallel().now(TimeUnit.NANOSECONDS);

		private int status;

		private @Nullable HttpHeaders headers;

		private final Duration firstChunkTimeout;

		private final Duration idleTimeout;

		private boolean sawEvent;

		/** Which timeout the timer now running stands for. */
		private LlmTimeoutException.Phase pendingPhase = LlmTimeoutException.Phase.FIRST_CHUNK;

		private boolean ended;

		private boolean finished;

		Attempt(int number, ClientConfig config) {
			this.number = number;
			this.firstChunkTimeout = config.firstChunkTimeout();
			this.idleTimeout = config.streamIdleTimeout();
		}

		/**
		 * The timer to start after a network read: the idle timeout once an event arrived; before
		 * that, whichever ends first of the idle timeout and what is left of the first-chunk one.
		 */
		Duration nextTimeout() {
			if (this.sawEvent) {
				this.pendingPhase = LlmTimeoutException.Phase.STREAM_IDLE;
				return this.idleTimeout;
			}
			long elapsed = Schedulers.parallel().now(TimeUnit.NANOSECONDS) - this.startNanos;
			Duration remaining = this.firstChunkTimeout.minusNanos(elapsed);
			if (remaining.compareTo(this.idleTimeout) < 0) {
				this.pendingPhase = LlmTimeoutException.Phase.FIRST_CHUNK;
				return remaining.isNegative() ? Duration.ZERO : remaining;
			}
			this.pendingPhase = LlmTimeoutException.Phase.STREAM_IDLE;
			return this.idleTimeout;
		}

		void finish(ProviderRequest request, CallContext call, @Nullable Throwable error) {
			if (this.finished) {
				return;
			}
			this.finished = true;
			call.observer().onAttempt(this.status, error);
			if (logger.isDebugEnabled()) {
				long millis = (Schedulers.parallel().now(TimeUnit.NANOSECONDS) - this.startNanos) / 1_000_000;
				String requestId = (this.headers != null) ? ErrorMapper.requestId(this.headers)
						: (error instanceof LlmException llm) ? llm.requestId() : null;
				logger.debug(request.method() + " " + request.uri().getPath() + " -> "
						+ ((this.status != 0) ? this.status : "no response") + " in " + millis + "ms (attempt "
						+ this.number + ", client request id " + call.clientRequestId()
						+ ((requestId != null) ? ", request id " + requestId : "")
						+ ((error != null) ? ", " + error.getClass().getSimpleName() : "") + ")");
			}
		}

	}

}
