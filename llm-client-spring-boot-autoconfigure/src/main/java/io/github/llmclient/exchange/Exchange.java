package io.github.llmclient.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderErrorException;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.RequestAuth;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One HTTP attempt: sends a provider's request through the WebClient, maps error responses, reads
 * a body or decodes a stream, and applies the per-attempt timeouts. Knows nothing of retries or
 * permits, which wrap it.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class Exchange {

	/**
	 * The category of the exchange log lines, as the README documents it: this class's name
	 * before it moved to this package.
	 */
	static final String LOG_CATEGORY = "io.github.llmclient.Exchange";

	static final Log logger = LogFactory.getLog(LOG_CATEGORY);

	private static final byte[] EMPTY = new byte[0];

	/** An empty body, as a buffer of its own each time (heap memory: releasing it does nothing). */
	private static final Mono<DataBuffer> EMPTY_BODY = Mono
		.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(EMPTY));

	/** Reported as the failure of an attempt its subscriber cancelled. */
	static final java.util.concurrent.CancellationException CANCELLED = new java.util.concurrent.CancellationException(
			"cancelled");

	/**
	 * What a timed-out stream switches to. Given explicitly (as is a timed-out call's) because
	 * without it Reactor's {@code timeout} describes the source for its own exception, walking the
	 * whole operator chain by name, with a regular expression per step: for a stream at assembly
	 * (6% of the thread subscribing 1,000 streams), for a call at every subscription (3% of S1's
	 * samples).
	 */
	private static final Flux<List<Object>> TIMED_OUT = Flux.error(TimeoutException::new);

	/** The longest wait for the end of the response after the stream's end marker. */
	static final Duration END_LINGER = Duration.ofSeconds(1);

	private final RequestSender sender;

	private final ProviderAdapter adapter;

	private final ClientConfig config;

	private final ErrorMapper errors;

	private final Duration endLinger;

	/** Authorises each attempt (a cached bearer token, a signature); {@link RequestAuth#NONE} for keys. */
	private final RequestAuth auth;

	/** Reads each response's headers (the provider's rate-limit announcements), or null. */
	private final @Nullable Consumer<HttpHeaders> responseHeaders;

	Exchange(WebClient webClient, ProviderAdapter adapter, ClientConfig config, ErrorMapper errors) {
		this(webClient, adapter, config, errors, null);
	}

	Exchange(WebClient webClient, ProviderAdapter adapter, ClientConfig config, ErrorMapper errors,
			@Nullable Consumer<HttpHeaders> responseHeaders) {
		this(webClient, adapter, config, errors, responseHeaders, RequestAuth.NONE);
	}

	/** Creates the exchange of one client; {@code auth} authorises each attempt. */
	public Exchange(WebClient webClient, ProviderAdapter adapter, ClientConfig config, ErrorMapper errors,
			@Nullable Consumer<HttpHeaders> responseHeaders, RequestAuth auth) {
		this.auth = auth;
		this.responseHeaders = responseHeaders;
		this.sender = new RequestSender(webClient, config, errors);
		this.adapter = adapter;
		this.config = config;
		this.errors = errors;
		this.endLinger = (config.streamIdleTimeout().compareTo(END_LINGER) < 0) ? config.streamIdleTimeout()
				: END_LINGER;
	}

	/** A non-streaming attempt whose body the given reader turns into the result. */
	public <T> Mono<T> call(ProviderRequest request, CallContext call, Function<byte[], T> reader) {
		return callBuffered(request, call, (body) -> reader.apply(bytes(body)));
	}

	/**
	 * A non-streaming attempt whose body, joined from the network's pooled buffers without a copy
	 * (within the codecs' in-memory limit, as {@link #call} does), the given reader turns into the
	 * result: a reader of large bodies (embeddings, 1.8 MB for 100 vectors) reads them in place
	 * rather than from a copy in one {@code byte[]} (which, past half a heap region, the collector
	 * allocates as a humongous object). The buffer is released after the reader returns.
	 */
	public <T> Mono<T> callBuffered(ProviderRequest request, CallContext call, Function<DataBuffer, T> reader) {
		return Mono.defer(() -> {
			Attempt attempt = new Attempt(call.nextAttempt(), this.config);
			return authorized(request, (auth) -> this.sender.send(request, call, auth).exchangeToMono((response) -> {
				attempt.status = response.statusCode().value();
				attempt.headers = response.headers().asHttpHeaders();
				if (this.responseHeaders != null) {
					this.responseHeaders.accept(attempt.headers);
				}
				if (!response.statusCode().is2xxSuccessful()) {
					return errorResponse(response, call);
				}
				return response.bodyToMono(DataBuffer.class).switchIfEmpty(EMPTY_BODY).map((body) -> {
					try {
						if (logger.isTraceEnabled()) {
							traceBody(body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8));
						}
						return reader.apply(body);
					}
					catch (ProviderErrorException ex) {
						throw this.errors.fromFailedResponse(attempt.status, response.headers().asHttpHeaders(),
								ex.error(), call);
					}
					catch (RuntimeException ex) {
						throw this.errors.protocol(
								"The " + this.adapter.id() + " response could not be read: " + ex.getMessage(),
								attempt.status, response.headers().asHttpHeaders(), false, ex, call);
					}
					finally {
						DataBufferUtils.release(body);
					}
				});
			}))
				.timeout(this.config.timeout(), Mono.error(TimeoutException::new))
				.onErrorMap((ex) -> (ex instanceof TimeoutException)
						? this.errors.timeout(LlmTimeoutException.Phase.RESPONSE, this.config.timeout(), ex, call)
						: this.errors.fromThrowable(ex, call))
				.doOnSuccess((result) -> attempt.finish(request, call, null))
				.doOnError((ex) -> attempt.finish(request, call, ex))
				.doOnCancel(() -> attempt.finish(request, call, CANCELLED));
		});
	}

	/**
	 * An attempt whose body is streamed as it arrives (a batch job's result file): the
	 * first-chunk timeout runs until its first bytes, the idle timeout between reads. The
	 * buffers must be released by the subscriber.
	 */
	public Flux<DataBuffer> download(ProviderRequest request, CallContext call) {
		return Flux.defer(() -> {
			Attempt attempt = new Attempt(call.nextAttempt(), this.config);
			return authorizedFlux(request, (auth) -> this.sender.send(request, call, auth).exchangeToFlux((response) -> {
				attempt.status = response.statusCode().value();
				attempt.headers = response.headers().asHttpHeaders();
				if (!response.statusCode().is2xxSuccessful()) {
					return this.<DataBuffer>errorResponse(response, call).flux();
				}
				return response.bodyToFlux(DataBuffer.class);
			}))
				.timeout(Mono.delay(this.config.firstChunkTimeout()),
						(buffer) -> Mono.delay(this.config.streamIdleTimeout()), Flux.error(TimeoutException::new))
				.onErrorMap((ex) -> (ex instanceof TimeoutException)
						? this.errors.timeout(LlmTimeoutException.Phase.STREAM_IDLE, this.config.streamIdleTimeout(), ex,
								call)
						: this.errors.fromThrowable(ex, call))
				.doOnComplete(() -> attempt.finish(request, call, null))
				.doOnError((ex) -> attempt.finish(request, call, ex))
				.doOnCancel(() -> attempt.finish(request, call, CANCELLED));
		});
	}

	/** A non-streaming chat attempt, its body read by the provider's adapter. */
	public Mono<ChatResponse> chat(ProviderRequest request, CallContext call) {
		return call(request, call, (body) -> this.adapter.readResponse(request, body));
	}

	/**
	 * A streaming attempt: the first-chunk timeout runs from subscription to the first event (a
	 * server that only sends keep-alive comments does not stop it); the idle timeout bounds the
	 * silence of the body, counted from its first bytes and from each complete line after them (so
	 * keep-alive comments count, and bytes of a line that never ends do not). The stream must end
	 * with the provider's end marker. After the end marker the rest of the body
	 * (normally only the end of the chunked encoding, in the same read) is read rather than
	 * cancelled, so that the connection goes back to the pool instead of being closed; a server
	 * that leaves the response open after its end marker is waited for at most
	 * {@link #END_LINGER}, then the stream completes.
	 */
	public Flux<ChatChunk> stream(ProviderRequest request, CallContext call) {
		return Flux.defer(() -> {
			Attempt attempt = new Attempt(call.nextAttempt(), this.config);
			StreamReader reader = new StreamReader(this.adapter.streamFraming(), this.adapter.streamMapper(request),
					this.errors::redact,
					(ex) -> this.errors.protocol("Malformed event in the " + this.adapter.id() + " stream: "
							+ ex.getMessage(), attempt.status, attempt.headers, false, ex, call),
					(error) -> this.errors.fromStreamError(attempt.status, headersOf(attempt), error, call));
			IdleTimer idle = new IdleTimer(this.config.streamIdleTimeout());
			Flux<List<Object>> batches = authorizedFlux(request, (auth) -> this.sender.send(request, call, auth).exchangeToFlux((response) -> {
				attempt.status = response.statusCode().value();
				attempt.headers = response.headers().asHttpHeaders();
				if (this.responseHeaders != null) {
					this.responseHeaders.accept(attempt.headers);
				}
				if (!response.statusCode().is2xxSuccessful()) {
					return this.<List<Object>>errorResponse(response, call).flux();
				}
				MediaType type = response.headers().contentType().orElse(null);
				if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
					return jsonInsteadOfStream(response, attempt, call);
				}
				return response.bodyToFlux(DataBuffer.class).map(reader::read);
			}));
			return batches
				.timeout(Mono.delay(this.config.firstChunkTimeout()),
						(batch) -> reader.complete() ? Mono.delay(reader.lingerLeft(this.endLinger))
								: reader.sawEvent() ? (reader.progressed() ? idle : idle.continuing())
										: Mono.delay(attempt.timeoutBeforeFirstEvent(reader.progressAtNanos())),
						TIMED_OUT)
				// Once the end marker is in (or, without one, the end of the answer: Gemini's finish reason,
				// Bedrock's messageStop), how the response ends is moot.
				.onErrorResume((ex) -> reader.complete() ? Mono.empty() : Mono.error(timeoutOr(ex, attempt, reader, call)))
				.concatMapIterable((items) -> items)
				.<ChatChunk>handle((item, sink) -> {
					if (item instanceof ChatChunk chunk) {
						sink.next(chunk);
					}
					else {
						sink.error((Throwable) item);
					}
				})
				.concatWith(Mono.defer(() -> reader.complete() ? Mono.empty()
						: Mono.error(this.errors.protocol("The " + this.adapter.id()
								+ " stream ended before completion (no end marker)", attempt.status, attempt.headers,
								true, null, call))))
				.onErrorMap((ex) -> this.errors.fromThrowable(ex, call))
				.doOnComplete(() -> {
					idle.stop();
					attempt.finish(request, call, null);
				})
				.doOnError((ex) -> {
					idle.stop();
					attempt.finish(request, call, ex);
				})
				.doOnCancel(() -> {
					idle.stop();
					attempt.finish(request, call, CANCELLED);
				});
		});
	}

	private Throwable timeoutOr(Throwable failure, Attempt attempt, StreamReader reader, CallContext call) {
		if (!(failure instanceof TimeoutException)) {
			return failure;
		}
		return (attempt.pendingPhase == LlmTimeoutException.Phase.STREAM_IDLE || reader.sawEvent())
				? this.errors.timeout(LlmTimeoutException.Phase.STREAM_IDLE, this.config.streamIdleTimeout(), failure,
						call)
				: this.errors.timeout(LlmTimeoutException.Phase.FIRST_CHUNK, this.config.firstChunkTimeout(), failure,
						call);
	}

	private static HttpHeaders headersOf(Attempt attempt) {
		return (attempt.headers != null) ? attempt.headers : HttpHeaders.EMPTY;
	}

	/** A 2xx JSON body where a stream was asked for: an error object, or a server that cannot stream. */
	private Flux<List<Object>> jsonInsteadOfStream(ClientResponse response, Attempt attempt, CallContext call) {
		return body(response).flatMapMany((body) -> {
			ProviderError error = this.adapter.readError(body, headersOf(attempt));
			if (error.type() != null || error.message() != null) {
				return Flux.error(this.errors.fromStreamError(attempt.status, headersOf(attempt), error, call));
			}
			return Flux.error(this.errors.protocol("The " + this.adapter.id()
					+ " server answered a stream request with a JSON body instead of an event stream",
					attempt.status, attempt.headers, false, null, call));
		});
	}

	/** An attempt with the headers that authorise it; without per-attempt auth, no extra operator. */
	private <T> Mono<T> authorized(ProviderRequest request, Function<Map<String, String>, Mono<T>> attempt) {
		return (this.auth == RequestAuth.NONE) ? attempt.apply(Map.of())
				: this.auth.headers(request).flatMap(attempt);
	}

	private <T> Flux<T> authorizedFlux(ProviderRequest request, Function<Map<String, String>, Flux<T>> attempt) {
		return (this.auth == RequestAuth.NONE) ? attempt.apply(Map.of())
				: this.auth.headers(request).flatMapMany(attempt);
	}

	private <T> Mono<T> errorResponse(ClientResponse response, CallContext call) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return body(response).onErrorReturn(EMPTY).flatMap((body) -> {
			if (logger.isTraceEnabled()) {
				traceBody(new String(body, StandardCharsets.UTF_8));
			}
			return Mono.error(this.errors.fromResponse(status, headers, this.adapter.readError(body, headers), call));
		});
	}

	private static Mono<byte[]> body(ClientResponse response) {
		return response.bodyToMono(byte[].class).defaultIfEmpty(EMPTY);
	}

	/** The readable bytes of a joined body, copied. */
	private static byte[] bytes(DataBuffer body) {
		byte[] bytes = new byte[body.readableByteCount()];
		body.read(bytes);
		return bytes;
	}

	/** Bodies are logged with the key masked: some servers echo a rejected key in their error. */
	private void traceBody(String body) {
		logger.trace(this.errors.redact("<< " + body));
	}

}
