package io.github.llmclient.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.batch.BatchJob;
import io.github.llmclient.batch.BatchJobs;
import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.circuit.ClientCircuit;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.exchange.CallLimits;
import io.github.llmclient.exchange.ErrorMapper;
import io.github.llmclient.exchange.Exchange;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.provider.BatchCalls;
import io.github.llmclient.provider.BatchFormat;
import io.github.llmclient.provider.BatchOutcome;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.retry.RetryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MimeTypeUtils;

/**
 * The batch jobs of one client. Each method is one logical call (operation {@code batch}) whose
 * HTTP calls each travel the client's road: the circuit breaker, retries, a permit, one exchange,
 * meters. Result files are decoded line by line as they arrive (Spring's {@link StringDecoder},
 * whose limit bounds one line, not the file) and put back in submission order.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class ProviderBatchJobs implements BatchJobs {

	private static final ResolvableType STRING = ResolvableType.forClass(String.class);

	private final ClientConfig config;

	private final ProviderAdapter adapter;

	private final BatchFormat format;

	private final Exchange exchange;

	private final CallLimits limits;

	private final RetryOperator retry;

	private final ClientCircuit circuit;

	private final ErrorMapper errors;

	private final Function<ChatRequest, ChatRequest> resolveModel;

	private final Function<String, CallContext> startCall;

	private final int maxLineSize;

	/** Creates the batch jobs of one client on its road. */
	public ProviderBatchJobs(Road road, Function<ChatRequest, ChatRequest> resolveModel,
			Function<String, CallContext> startCall, int maxLineSize) {
		this.config = road.config();
		this.adapter = road.adapter();
		this.format = road.adapter().batchFormat();
		this.exchange = road.exchange();
		this.limits = road.limits();
		this.retry = road.retry();
		this.circuit = road.circuit();
		this.errors = road.errors();
		this.resolveModel = resolveModel;
		this.startCall = startCall;
		this.maxLineSize = maxLineSize;
	}

	/** What a client's calls travel through. */
	public record Road(ClientConfig config, ProviderAdapter adapter, Exchange exchange, CallLimits limits,
			RetryOperator retry, ClientCircuit circuit, ErrorMapper errors) {
	}

	@Override
	public Mono<BatchJob> submit(List<ChatRequest> requests) {
		Objects.requireNonNull(requests, "requests must not be null");
		if (requests.isEmpty()) {
			throw new IllegalArgumentException("A batch job needs at least one request");
		}
		List<ChatRequest> copy = List.copyOf(requests);
		return Mono.defer(() -> {
			// written before the call starts: a request the writer refuses fails unsent
			List<byte[]> bodies = new ArrayList<>(copy.size());
			for (ChatRequest request : copy) {
				bodies.add(Objects.requireNonNull(this.adapter.chatRequest(this.resolveModel.apply(request), false).body()));
			}
			CallContext call = this.startCall.apply("batch");
			return observe(call, this.format.submit(bodies, new Calls(call)));
		});
	}

	@Override
	public Mono<BatchJob> get(String id) {
		requireId(id);
		return Mono.defer(() -> {
			CallContext call = this.startCall.apply("batch");
			return observe(call, this.format.get(id, new Calls(call)));
		});
	}

	@Override
	public Mono<BatchJob> cancel(String id) {
		requireId(id);
		return Mono.defer(() -> {
			CallContext call = this.startCall.apply("batch");
			return observe(call, this.format.cancel(id, new Calls(call)));
		});
	}

	@Override
	public Mono<BatchJob> await(String id, Duration pollEvery) {
		requireId(id);
		Objects.requireNonNull(pollEvery, "pollEvery must not be null");
		if (pollEvery.isNegative() || pollEvery.isZero()) {
			throw new IllegalArgumentException("pollEvery must be positive, was " + pollEvery);
		}
		return get(id).expand((job) -> job.isEnded() ? Mono.empty() : Mono.delay(pollEvery).then(get(id))).last();
	}

	@Override
	public Flux<BatchResult> results(String id) {
		requireId(id);
		return Flux.defer(() -> {
			CallContext call = this.startCall.apply("batch");
			CallObserver observer = call.observer();
			Flux<BatchResult> results = this.format.results(id, new Calls(call)).flatMapMany((lines) -> {
				BatchJob job = lines.job();
				BatchResultOrder order = new BatchResultOrder(job.total());
				return lines.lines()
					.concatMapIterable((line) -> order.accept(result(line, id, call)))
					.concatWith(Flux.defer(() -> Flux.fromIterable(order.rest((index) -> missing(index, job, call)))));
			}).doOnNext((result) -> {
				if (result.response() != null) {
					observer.onBatchResult(result.response());
				}
			});
			return results.doOnComplete(observer::onSuccess)
				.doOnError(observer::onError)
				.doOnCancel(observer::onCancel)
				.contextWrite(observer::addToContext);
		});
	}

	private BatchResult result(String line, String id, CallContext call) {
		BatchOutcome outcome;
		try {
			outcome = this.format.readLine(line);
		}
		catch (RuntimeException ex) {
			throw this.errors.protocol("A result line of " + this.adapter.id() + " batch " + id + " could not be read: "
					+ ex.getMessage(), 200, null, false, ex, call);
		}
		if (outcome.response() != null) {
			return BatchResult.success(outcome.index(), null, outcome.response());
		}
		ProviderError error = (outcome.error() != null) ? outcome.error() : ProviderError.NONE;
		LlmException failure = (outcome.status() >= 400)
				? this.errors.fromResponse(outcome.status(), HttpHeaders.EMPTY, error, call)
				: new LlmException(
						this.errors.redact("Request " + outcome.index() + " of " + this.adapter.id() + " batch " + id
								+ " has no answer" + ((error.message() != null) ? ": " + error.message() : "")),
						ErrorDetails.builder(this.config.provider().propertyValue())
							.errorType(error.type())
							.clientRequestId(call.clientRequestId())
							.build(),
						null);
		return BatchResult.failure(outcome.index(), null, failure);
	}

	private BatchResult missing(int index, BatchJob job, CallContext call) {
		return BatchResult.failure(index, null,
				new LlmException("Request " + index + " of " + this.adapter.id() + " batch " + job.id()
						+ " has no result (the job is " + job.status() + ")",
						ErrorDetails.builder(this.config.provider().propertyValue())
							.clientRequestId(call.clientRequestId())
							.build(),
						null));
	}

	private static void requireId(String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("A batch job id must not be blank");
		}
	}

	private static <T> Mono<T> observe(CallContext call, Mono<T> result) {
		CallObserver observer = call.observer();
		return result.doOnSuccess((value) -> observer.onSuccess())
			.doOnError(observer::onError)
			.doOnCancel(observer::onCancel)
			.contextWrite(observer::addToContext);
	}

	/** The HTTP calls of one logical call, each on the ordinary road. */
	private final class Calls implements BatchCalls {

		private final CallContext call;

		Calls(CallContext call) {
			this.call = call;
		}

		@Override
		public <T> Mono<T> call(ProviderRequest request, Function<byte[], T> reader) {
			Mono<T> attempt = ProviderBatchJobs.this.exchange.call(request, this.call, reader);
			return ProviderBatchJobs.this.circuit.protect(ProviderBatchJobs.this.limits.limited(attempt.flux(), this.call)
				.singleOrEmpty()
				.retryWhen(ProviderBatchJobs.this.retry.spec(() -> false, this.call.observer(),
						this.call.clientRequestId())));
		}

		@Override
		public Flux<String> lines(ProviderRequest request) {
			StringDecoder decoder = StringDecoder.allMimeTypes(List.of("\n"), true);
			decoder.setMaxInMemorySize(ProviderBatchJobs.this.maxLineSize);
			AtomicBoolean delivered = new AtomicBoolean();
			Flux<String> attempt = Flux.defer(() -> decoder
				.decode(ProviderBatchJobs.this.exchange.download(request, this.call), STRING, MimeTypeUtils.TEXT_PLAIN,
						null)
				.onErrorMap((ex) -> !(ex instanceof LlmException),
						(ex) -> ProviderBatchJobs.this.errors.protocol("The " + ProviderBatchJobs.this.adapter.id()
								+ " result file could not be read: " + ex.getMessage(), 200, null, false, ex, this.call)));
			// like a stream, retried only until its first line was delivered: a retry would repeat lines
			return ProviderBatchJobs.this.circuit.protect(ProviderBatchJobs.this.limits.limited(attempt, this.call)
				.map(ProviderBatchJobs::withoutCarriageReturn)
				.filter((line) -> !line.isBlank())
				.doOnNext((line) -> delivered.set(true))
				.retryWhen(ProviderBatchJobs.this.retry.spec(delivered::get, this.call.observer(),
						this.call.clientRequestId())));
		}

	}

	private static String withoutCarriageReturn(String line) {
		return (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') ? line.substring(0, line.length() - 1) : line;
	}

}
