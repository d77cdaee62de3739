package io.github.llmclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.github.llmclient.batch.BatchJobs;
import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.StreamListener;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.limit.PermitPool;
import io.github.llmclient.metrics.CallInfo;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.ClientInfo;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.ratelimit.RateLimitStatus;
import io.github.llmclient.ratelimit.RateLimiter;
import io.github.llmclient.retry.RetryOperator;
import io.github.llmclient.retry.RetryPolicies;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The client of one configured LLM endpoint: chat, stream and list models, with retries that
 * respect rate limits, a concurrency limit and metrics. Thread-safe and reusable; everything is
 * lazy (nothing is sent until subscription) and each subscription is one logical call.
 *
 * <pre class="code">
 * String answer = template.chat("What is Reactor?").block();
 *
 * template.stream(ChatRequest.builder().system("Be brief.").user("Explain SSE").build())
 *     .map(ChatChunk::content)
 *     .subscribe(System.out::print);
 *
 * record City(String name, String country, int population) {}
 * City city = template.chat(ChatRequest.of("The largest city of Japan?"), City.class).block();
 *
 * List&lt;float[]&gt; vectors = template.embed(List.of("first text", "second text")).block();
 * </pre>
 *
 * <p>
 * Every call travels one road: retries (outermost, so a backoff wait holds no permit; each paid
 * from the client's retry quota, {@code llm.retry.quota.*}, which refuses retries while too many
 * fail), then the client-side rate limit of {@code llm.rate-limit.*} (chat, stream and embed; its
 * wait holds nothing), then a permit of {@code llm.max-concurrent}, then one HTTP exchange whose body or
 * event stream the provider's adapter reads. A stream is retried only until its first chunk reaches the
 * subscriber. With {@code llm.circuit-breaker.enabled}, a circuit breaker judges each whole call
 * (after its retries) and, while open, fails calls at once, unsent.
 *
 * <p>
 * A client group ({@code llm.groups.<group>}, {@link #group(String, GroupStrategy, List)}) is a
 * template too: each of its calls goes to one member, and moves to the next member on a failure
 * that {@code llm.fallback} would take.
 */
public final class LlmTemplate implements AutoCloseable {

	private final ClientConfig config;

	private final ProviderAdapter adapter;

	private final Exchange exchange;

	private final RetryOperator retry;

	private final PermitPool permits;

	private final LlmMetrics metrics;

	private final ClientInfo clientInfo;

	private final HttpClient httpClient;

	private final Fallback fallback;

	private final EmbeddingBatches embeddings;

	/** The client-side rate limit ({@code llm.rate-limit.*}), or null when it has nothing to do. */
	private final @Nullable RateLimiter rateLimiter;

	private final CallLimits limits;

	private final ClientCircuit circuit;

	private final ErrorMapper errors;

	/** The largest body (or result line) read into memory. */
	private final int maxInMemorySize;

	/**
	 * The routing of a group template, or null for a client's. A group template's calls all go to
	 * its members, so it leaves the fields above that serve the road of one client null.
	 */
	private final @Nullable GroupRouter group;

	private LlmTemplate(Builder builder) {
		this.config = builder.config;
		JsonMapper mapper = (builder.jsonMapper != null) ? builder.jsonMapper : JsonMapper.builder().build();
		this.adapter = this.config.provider().createAdapter(this.config, mapper);
		this.httpClient = Transport.apply(HttpClients.create(this.config), this.config, builder.sslBundle,
				builder.httpClientCustomizers);
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		WebClient webClient = webClientBuilder.clientConnector(new ReactorClientHttpConnector(this.httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(builder.maxInMemorySize))
			.build();
		ErrorMapper errors = new ErrorMapper(this.config);
		this.errors = errors;
		this.maxInMemorySize = builder.maxInMemorySize;
		this.rateLimiter = (builder.rateLimiter != null) ? builder.rateLimiter
				: RateLimiter.local(this.config.name(), this.config.provider().propertyValue(), this.config.rateLimit());
		this.exchange = new Exchange(webClient, this.adapter, this.config, errors,
				(this.rateLimiter != null) ? this.rateLimiter.headerReader() : null,
				(builder.requestAuth != null) ? builder.requestAuth : RequestAuth.NONE);
		RetryPolicy policy = (builder.retryPolicy != null) ? builder.retryPolicy
				: RetryPolicies.fromSettings(this.config.retry());
		this.retry = new RetryOperator(policy, this.config.retry(), this.config.name());
		this.permits = new PermitPool(this.config.maxConcurrent(), this.config.maxQueued());
		this.limits = new CallLimits(this.config, this.permits, this.rateLimiter, errors);
		this.metrics = (builder.metrics != null) ? builder.metrics : LlmMetrics.NOOP;
		this.fallback = new Fallback(this.config, builder.fallback);
		this.clientInfo = ClientInfo.of(this.config.name(), this.config.provider().semanticConventionName(),
				this.config.baseUrl());
		this.metrics.registerClient(this.clientInfo, this.permits::active, this.permits::queued);
		if (this.retry.quota().enabled()) {
			this.metrics.registerRetryQuota(this.clientInfo, this.retry.quota()::available);
		}
		if (this.rateLimiter != null) {
			RateLimiter limiter = this.rateLimiter;
			limiter.bindMetrics(() -> this.metrics.registerRateLimit(this.clientInfo,
					limiter.headers()::remainingRequests, limiter.headers()::remainingTokens));
		}
		this.embeddings = new EmbeddingBatches(this.config, this.adapter, this.exchange, this.retry,
				(attempt, call, request) -> this.limits.rateLimited(attempt, call, request, 0));
		this.circuit = ClientCircuit.of(this.config, builder.circuitBreakers);
		this.group = null;
	}

	private LlmTemplate(GroupRouter group) {
		this.config = group.config();
		this.group = group;
		this.circuit = ClientCircuit.of(this.config, null);
		this.adapter = null;
		this.exchange = null;
		this.retry = null;
		this.permits = null;
		this.metrics = null;
		this.clientInfo = null;
		this.httpClient = null;
		this.limits = null;
		this.fallback = null;
		this.embeddings = null;
		this.rateLimiter = null;
		this.errors = null;
		this.maxInMemorySize = 0;
	}

	/**
	 * A template for a client group: each call goes to one member, picked by the strategy; a
	 * failure that {@code llm.fallback} would take (retries exhausted, a rate limit, an open
	 * circuit) moves it to the next member (a stream only before its first chunk); members whose
	 * circuit is open are skipped without being called; when none is left the last error is
	 * delivered. A request's explicit model gives way to each member's own default model. The
	 * group has no circuit, limits or connections of its own; closing it leaves the members open.
	 * @param name the group's name
	 * @param strategy how the member of a call is picked
	 * @param members the clients, at least one
	 * @return the group's template
	 */
	public static LlmTemplate group(String name, GroupStrategy strategy, List<LlmTemplate> members) {
		return new LlmTemplate(new GroupRouter(name, strategy, members));
	}

	/**
	 * A builder for a template of the given configuration.
	 * @param config the client's configuration
	 * @return a new builder
	 */
	public static Builder builder(ClientConfig config) {
		return new Builder(config);
	}

	/**
	 * Sends a chat request and returns the whole answer.
	 * @param request the request; without a model, {@code llm.model} is used
	 * @return the response, or an {@link io.github.llmclient.error.LlmException}
	 */
	public Mono<ChatResponse> chat(ChatRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		if (this.group != null) {
			return this.group.chat(request);
		}
		return Mono.defer(() -> {
			ChatRequest resolved = resolveModel(request);
			// built before the call's observation opens: a request the adapter refuses fails unsent
			ProviderRequest http = this.adapter.chatRequest(resolved, false);
			CallContext call = startCall("chat", resolved.model(), false);
			return observe(call, this.circuit.protect(this.retry.apply(this.limits
				.rateLimited(this.exchange.chat(http, call).flux(), call, http, resolved)
				.singleOrEmpty(), call.observer(), call.clientRequestId()))
				.doOnNext(call.observer()::onResponse))
				.onErrorResume((ex) -> this.fallback.shouldTake(ex),
						(ex) -> this.fallback.take(call, ex).chat(this.fallback.request(request)));
		});
	}

	/**
	 * Sends a chat request asking for an answer of the given type, and reads the answer as it.
	 * Unless the request sets its own {@link ResponseFormat}, the type's strict JSON Schema is
	 * sent as the response format ({@link ResponseFormat#jsonSchema(Class)}; on Anthropic a forced
	 * tool). The call travels the same road as {@link #chat(ChatRequest)}: retries, permits,
	 * meters and fallback.
	 * @param <T> the answer's type
	 * @param request the request
	 * @param type a record or bean
	 * @return the answer, or an {@link LlmException} (an answer that is not the type: one whose
	 * message names the type and quotes the start of the answer; an answer cut off at the token
	 * limit: one that says so, names the limit that applied and has
	 * {@link LlmException#OUTPUT_TRUNCATED} as its {@code errorType()})
	 */
	public <T> Mono<T> chat(ChatRequest request, Class<T> type) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(type, "type must not be null");
		return Mono.defer(() -> {
			ChatRequest typed = (request.responseFormat() != null) ? request
					: request.mutate().responseFormat(ResponseFormat.jsonSchema(type)).build();
			return chat(typed).map((response) -> readAs(response, type, typed));
		});
	}

	private <T> T readAs(ChatResponse response, Class<T> type, ChatRequest request) {
		try {
			return response.contentAs(type);
		}
		catch (LlmException ex) {
			ErrorDetails details = ErrorDetails.builder(this.config.provider().propertyValue())
				.errorType(ex.errorType())
				.build();
			String message = LlmException.OUTPUT_TRUNCATED.equals(ex.errorType())
					? ex.getMessage() + " " + tokenLimitThatApplied(request) : ex.getMessage();
			throw new LlmException(message, details, ex.getCause());
		}
	}

	/** Names the token limit a cut-off answer ran into, as this client resolved it. */
	private String tokenLimitThatApplied(ChatRequest request) {
		if (request.maxTokens() != null) {
			return "The limit that applied: " + request.maxTokens() + " tokens, the request's maxTokens.";
		}
		if (this.group != null) {
			return "The limit that applied: the answering member's llm.clients.<name>.max-tokens.";
		}
		String property = ClientConfig.DEFAULT_NAME.equals(this.config.name()) ? "llm.max-tokens"
				: "llm.clients." + this.config.name() + ".max-tokens";
		if (this.config.maxTokens() == null) {
			return "No limit was sent (neither the request's maxTokens nor " + property
					+ " is set), so the provider's own output limit applied.";
		}
		return "The limit that applied: " + this.config.maxTokens() + " tokens, from " + property + ".";
	}

	/**
	 * Sends one user message with the default model and returns the answer's text.
	 * @param prompt the question
	 * @return the text of the answer
	 */
	public Mono<String> chat(String prompt) {
		return chat(ChatRequest.of(prompt)).map(ChatResponse::content);
	}

	/**
	 * Streams the answer as it is generated. Cold: each subscription is one HTTP exchange;
	 * cancelling the subscription closes the connection. Failures before the first chunk are
	 * retried; after it, a failure ends the stream with an error (retrying would repeat text).
	 * @param request the request; without a model, {@code llm.model} is used
	 * @return the chunks; the last carries the finish reason, and one carries the usage
	 */
	public Flux<ChatChunk> stream(ChatRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		if (this.group != null) {
			return this.group.stream(request);
		}
		return Flux.defer(() -> {
			ChatRequest resolved = resolveModel(request);
			ProviderRequest http = this.adapter.chatRequest(resolved, true);
			CallContext call = startCall("chat", resolved.model(), true);
			CallObserver observer = call.observer();
			Flux<ChatChunk> chunks = this.circuit
				.protect(this.retry.apply(this.limits.rateLimited(this.exchange.stream(http, call), call, http, resolved)
					.doOnNext((chunk) -> call.markContentDelivered()), call::contentDelivered, observer,
						call.clientRequestId()))
				.doOnNext(observer::onChunk);
			return chunks.doOnComplete(observer::onSuccess)
				.doOnError(observer::onError)
				.doOnCancel(observer::onCancel)
				.contextWrite(observer::addToContext)
				// like retries, a fallback is only safe before the first chunk was delivered
				.onErrorResume((ex) -> !call.contentDelivered() && this.fallback.shouldTake(ex),
						(ex) -> this.fallback.take(call, ex).stream(this.fallback.request(request)));
		});
	}

	/**
	 * Streams for code that is not reactive: the listener receives each chunk, then exactly one of
	 * {@code onComplete} (with the aggregated response) or {@code onError}. A listener that throws
	 * does not break the client: the stream is cancelled and the exception goes to
	 * {@code onError}.
	 * @param request the request
	 * @param listener the callbacks
	 * @return disposing it cancels the stream and closes the connection; no callback follows
	 */
	public Disposable stream(ChatRequest request, StreamListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		ListenerSubscriber subscriber = new ListenerSubscriber(listener);
		stream(request).subscribe(subscriber);
		return subscriber;
	}

	/**
	 * Sends requests concurrently, at most {@code llm.max-concurrent} at a time; see
	 * {@link #batch(List, int, BiConsumer)}.
	 * @param requests the requests
	 * @return one result per request, in input order
	 */
	public Mono<List<BatchResult>> batch(List<ChatRequest> requests) {
		return batch(requests, this.config.maxConcurrent(), null);
	}

	/**
	 * Sends requests concurrently, at most {@code maxConcurrent} at a time. One failure does not
	 * cancel the others: each result holds a response or an error, in input order.
	 * @param requests the requests
	 * @param maxConcurrent how many run at once, at least 1
	 * @param progress called with (completed, total) after each request finishes, failed or not
	 * @return one result per request, in input order
	 */
	public Mono<List<BatchResult>> batch(List<ChatRequest> requests, int maxConcurrent,
			@Nullable BiConsumer<Integer, Integer> progress) {
		Objects.requireNonNull(requests, "requests must not be null");
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("maxConcurrent must be at least 1, was " + maxConcurrent);
		}
		return Batch.run(List.copyOf(requests), maxConcurrent, progress, this::chat);
	}

	/**
	 * Streams the text deltas of one user message with the default model.
	 * @param prompt the question
	 * @return the non-empty text pieces
	 */
	public Flux<String> stream(String prompt) {
		return stream(ChatRequest.of(prompt)).map(ChatChunk::content).filter((text) -> !text.isEmpty());
	}

	/**
	 * Turns texts into embedding vectors. A list longer than {@code llm.embedding-batch-size} is
	 * sent as several requests, at most {@code llm.max-concurrent} at once, each with its own
	 * retries and permit, and joined in input order; the first request that fails after its
	 * retries fails the call (a partial list is never returned), and the call may then go to the
	 * {@code llm.fallback} client, all inputs with its own embedding model. One operation is
	 * measured however many requests it took. An empty list gives an empty response at once.
	 * @param request the request; without a model, {@code llm.embedding-model} is used
	 * @return one vector per input, in input order, or an {@link LlmException} (before anything is
	 * sent: no model anywhere, or a provider without embeddings API such as Anthropic; a response
	 * without exactly one vector per input: {@link io.github.llmclient.error.LlmProtocolException})
	 */
	public Mono<EmbeddingResponse> embed(EmbeddingRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		if (this.group != null) {
			return this.group.embed(request);
		}
		return Mono.defer(() -> {
			EmbeddingRequest resolved = this.embeddings.resolve(request);
			String model = Objects.requireNonNull(resolved.model());
			if (resolved.inputs().isEmpty()) {
				return Mono.just(new EmbeddingResponse(List.of(), model, Usage.of(0, 0)));
			}
			// built before the call's observation opens: a request the adapter refuses fails unsent
			List<EmbeddingBatches.Batch> batches = this.embeddings.batches(resolved);
			CallContext started = startCall("embeddings", model, false);
			// the batches run concurrently: their signals reach the call's observer one at a time
			CallContext call = started.withObserver(SerializedCallObserver.of(started.observer()));
			return observe(call,
					this.circuit.protect(this.embeddings.send(batches, model, call)).doOnNext(call.observer()::onEmbeddings))
				.onErrorResume((ex) -> this.fallback.shouldTake(ex), (ex) -> {
					LlmTemplate target = this.fallback.take(call, ex);
					return target.embed(EmbeddingBatches.forFallback(request, target.config()));
				});
		});
	}

	/**
	 * Turns one text into its embedding vector with {@code llm.embedding-model}.
	 * @param text the text
	 * @return its vector
	 */
	public Mono<float[]> embed(String text) {
		Objects.requireNonNull(text, "text must not be null");
		return embed(EmbeddingRequest.builder().input(text).build()).map((response) -> response.embeddings().get(0));
	}

	/**
	 * Turns texts into embedding vectors with {@code llm.embedding-model}; see
	 * {@link #embed(EmbeddingRequest)}.
	 * @param texts the texts
	 * @return one vector per text, in order
	 */
	public Mono<List<float[]>> embed(List<String> texts) {
		return embed(EmbeddingRequest.of(texts)).map(EmbeddingResponse::embeddings);
	}

	/**
	 * The batch jobs of this client: many chat requests answered asynchronously by the provider
	 * at its batch price (OpenAI's Batch API, Anthropic's Message Batches). Every HTTP call of a
	 * job travels this client's road (retries, permits, meters, circuit breaker); results stream
	 * line by line in submission order.
	 * @return the batch jobs
	 * @throws UnsupportedOperationException for a provider without a batch-job API (naming it),
	 * and for a group (whose members each have their own)
	 */
	public BatchJobs batchJobs() {
		if (this.group != null) {
			throw new UnsupportedOperationException("Client group '" + this.group.name() + "' has no batch jobs: a job "
					+ "lives at one provider, so call batchJobs() on one of its members " + this.group.memberList());
		}
		return new ProviderBatchJobs(new ProviderBatchJobs.Road(this.config, this.adapter, this.exchange, this.limits,
				this.retry, this.circuit, this.errors), this::resolveModel,
				(operation) -> startCall(operation, null, false), this.maxInMemorySize);
	}

	/**
	 * Lists the ids of the models the endpoint offers.
	 * @return the ids
	 */
	public Mono<List<String>> models() {
		if (this.group != null) {
			return this.group.models();
		}
		return Mono.defer(() -> {
			CallContext call = startCall("models", null, false);
			ProviderRequest http = this.adapter.modelsRequest();
			// a paged listing (Gemini) is read page by page, each page a retried, limited attempt
			Mono<List<String>> pages = modelsPage(http, call)
				.expand((page) -> (page.next() != null) ? modelsPage(page.next(), call) : Mono.empty())
				.concatMapIterable(ModelsPage::ids)
				.collectList();
			return observe(call, this.circuit.protect(pages));
		});
	}

	private Mono<ModelsPage> modelsPage(ProviderRequest http, CallContext call) {
		Mono<ModelsPage> page = this.exchange.call(http, call,
				(body) -> new ModelsPage(this.adapter.readModels(body), this.adapter.nextModelsRequest(http, body)));
		return this.retry.apply(this.limits.limited(page.flux(), call).singleOrEmpty(), call.observer(),
				call.clientRequestId());
	}

	/** One page of a model listing and the request of the next, if any. */
	private record ModelsPage(List<String> ids, @Nullable ProviderRequest next) {
	}

	/**
	 * The configuration of this client.
	 * @return the configuration; for a group, its first member's under the group's name, with
	 * {@code max-concurrent} the members' sum (the default concurrency of {@link #batch(List)})
	 */
	public ClientConfig config() {
		return this.config;
	}

	/**
	 * Requests holding a permit of the concurrency limit now.
	 * @return the count
	 */
	public int activeRequests() {
		return (this.group != null) ? this.group.activeRequests() : this.permits.active();
	}

	/**
	 * Requests waiting for a permit now.
	 * @return the count
	 */
	public int queuedRequests() {
		return (this.group != null) ? this.group.queuedRequests() : this.permits.queued();
	}

	/**
	 * The state of this client's circuit breaker ({@code llm.circuit-breaker.*}).
	 * @return {@link CircuitState#DISABLED} without a breaker, and for a group (which has no
	 * breaker of its own; its members may)
	 */
	public CircuitState circuitState() {
		return this.circuit.state();
	}

	/** The client names of a group's members, in order; empty for a client. */
	List<String> groupMembers() {
		return (this.group != null) ? this.group.memberList() : List.of();
	}

	/** Whether the circuit is open and a call now would fail at once without being sent. */
	boolean circuitRefusing() {
		return this.circuit.refusing();
	}

	/**
	 * What the provider's rate-limit headers announced last (remaining requests and tokens, and
	 * when they reset); read-only, it sends nothing.
	 * @return the status; {@link RateLimitStatus#NONE} before any such header arrived, or when
	 * {@code llm.rate-limit.from-headers} is off and no budget is set, and for a group (its members have their own)
	 */
	public RateLimitStatus rateLimitStatus() {
		RateLimiter limiter = this.rateLimiter;
		return (limiter != null) ? limiter.headers().status() : RateLimitStatus.NONE;
	}

	/** Closes the connection pool. Calls made afterwards fail. A group template leaves its members open. */
	@Override
	public void close() {
		if (this.group == null) {
			this.httpClient.configuration().connectionProvider().disposeLater().subscribe();
		}
	}

	private ChatRequest resolveModel(ChatRequest request) {
		if (request.model() != null && !request.model().isBlank()) {
			return request;
		}
		if (this.config.model() == null) {
			throw new LlmBadRequestException("No model to call: set llm.model"
					+ (ClientConfig.DEFAULT_NAME.equals(this.config.name()) ? "" : " (or llm.clients." + this.config.name() + ".model)")
					+ " or pass one with ChatRequest.builder().model(...)",
					ErrorDetails.builder(this.config.provider().propertyValue()).build(), null);
		}
		return request.withModel(this.config.model());
	}

	private CallContext startCall(String operation, @Nullable String model, boolean stream) {
		CallContext provisional = new CallContext(operation, CallObserver.NOOP);
		CallObserver observer = this.metrics
			.startCall(new CallInfo(this.clientInfo, operation, model, stream, provisional.clientRequestId()));
		return (observer == CallObserver.NOOP) ? provisional : provisional.withObserver(observer);
	}

	private static <T> Mono<T> observe(CallContext call, Mono<T> result) {
		CallObserver observer = call.observer();
		return result.doOnSuccess((value) -> observer.onSuccess())
			.doOnError(observer::onError)
			.doOnCancel(observer::onCancel)
			.contextWrite(observer::addToContext);
	}

	@Override
	public String toString() {
		if (this.group != null) {
			return "LlmTemplate[group " + this.group.name() + ", " + this.group.strategy() + ", members ["
					+ this.group.memberNames() + "]]";
		}
		return "LlmTemplate[" + this.config.name() + ", " + this.config.provider().propertyValue() + ", "
				+ this.config.baseUrl() + "]";
	}

	/** Builds an {@link LlmTemplate}. */
	public static final class Builder {

		private final ClientConfig config;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable RetryPolicy retryPolicy;

		private @Nullable LlmMetrics metrics;

		private @Nullable JsonMapper jsonMapper;

		private int maxInMemorySize = 16 * 1024 * 1024;

		private @Nullable Supplier<LlmTemplate> fallback;

		private @Nullable RateLimiter rateLimiter;

		private @Nullable SslBundle sslBundle;

		private final List<LlmHttpClientCustomizer> httpClientCustomizers = new ArrayList<>();
		private @Nullable CircuitBreakerRegistry circuitBreakers;

		private @Nullable RequestAuth requestAuth;

		private Builder(ClientConfig config) {
			this.config = Objects.requireNonNull(config, "config must not be null");
		}

		/**
		 * The WebClient builder to start from (it is cloned; our connector and codec limit are
		 * applied on top). Defaults to {@link WebClient#builder()}.
		 * @param webClientBuilder the builder
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * The retry policy, replacing the one built from {@code llm.retry.*}.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		/**
		 * What records meters and observations. Defaults to nothing.
		 * @param metrics the metrics
		 * @return this builder
		 */
		public Builder metrics(LlmMetrics metrics) {
			this.metrics = metrics;
			return this;
		}

		/**
		 * The JSON mapper for wire bodies. Defaults to a plain Jackson 3 mapper; it should not
		 * change property naming.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * The largest non-streaming body read into memory (16 MiB by default).
		 * @param bytes the limit
		 * @return this builder
		 */
		public Builder maxInMemorySize(int bytes) {
			this.maxInMemorySize = bytes;
			return this;
		}

		/**
		 * Where calls go that this client could not serve ({@code llm.fallback}): after a
		 * retryable failure whose retries are exhausted, or a rate limit. Resolved lazily, so
		 * clients may reference each other.
		 * @param fallback supplies the fallback client
		 * @return this builder
		 */
		public Builder fallback(Supplier<LlmTemplate> fallback) {
			this.fallback = fallback;
			return this;
		}

		/**
		 * The client-side rate limit, replacing the in-process one built from
		 * {@code llm.rate-limit.*} (for example one whose budget is shared through Redis).
		 * @param rateLimiter the rate limit
		 * @return this builder
		 */
		public Builder rateLimiter(RateLimiter rateLimiter) {
			this.rateLimiter = rateLimiter;
			return this;
		}

		/**
		 * The trust material (a private CA) and key material (a client certificate, for mutual
		 * TLS) of this client's TLS connections ({@code llm.ssl.bundle}). Defaults to the JVM's
		 * trust store and no client certificate.
		 * @param sslBundle the SSL bundle
		 * @return this builder
		 */
		public Builder sslBundle(SslBundle sslBundle) {
			this.sslBundle = sslBundle;
			return this;
		}

		/**
		 * Adds a customizer of this client's Reactor Netty client, applied after the proxy and
		 * the SSL bundle, in the order added.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder httpClientCustomizer(LlmHttpClientCustomizer customizer) {
			this.httpClientCustomizers.add(Objects.requireNonNull(customizer, "customizer must not be null"));
			return this;
		}

		/**
		 * The Resilience4j registry the client's circuit breaker ({@code llm.circuit-breaker.*},
		 * named after the client) is created in, so that one registry holds every client's
		 * breaker. Defaults to a breaker of its own.
		 * @param circuitBreakers the registry
		 * @return this builder
		 */
		public Builder circuitBreakerRegistry(CircuitBreakerRegistry circuitBreakers) {
			this.circuitBreakers = circuitBreakers;
			return this;
		}

		/**
		 * Authorises each HTTP attempt with headers obtained per attempt, inside the retries (so every
		 * retry is authorised anew): Vertex AI's cached Google OAuth2 token, or AWS Signature V4 over
		 * the attempt's final URI and body bytes for Bedrock without an API key. Defaults to none:
		 * the adapter's own headers (API keys) are sent as they are.
		 * @param requestAuth the authorisation of each attempt
		 * @return this builder
		 */
		public Builder requestAuth(RequestAuth requestAuth) {
			this.requestAuth = Objects.requireNonNull(requestAuth, "requestAuth must not be null");
			return this;
		}

		/**
		 * Builds the template.
		 * @return the template
		 */
		public LlmTemplate build() {
			return new LlmTemplate(this);
		}

	}

}
