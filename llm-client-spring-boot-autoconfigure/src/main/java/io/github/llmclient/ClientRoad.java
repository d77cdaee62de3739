package io.github.llmclient;

import io.github.llmclient.batch.BatchJobs;
import io.github.llmclient.batching.ProviderBatchJobs;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.circuit.ClientCircuit;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.exchange.CallContext;
import io.github.llmclient.exchange.CallLimits;
import io.github.llmclient.exchange.ErrorMapper;
import io.github.llmclient.exchange.Exchange;
import io.github.llmclient.limit.PermitPool;
import io.github.llmclient.metrics.CallInfo;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.ClientInfo;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.ratelimit.RateLimitStatus;
import io.github.llmclient.ratelimit.RateLimiter;
import io.github.llmclient.retry.RetryOperator;
import io.github.llmclient.retry.RetryPolicies;
import io.github.llmclient.route.Fallback;
import io.github.llmclient.transport.HttpClients;
import io.github.llmclient.transport.Transport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What every call of one client travels through, assembled once from its template's builder:
 * retries (outermost), the client-side rate limit, a permit of the concurrency limit, one HTTP
 * exchange read by the provider's adapter, the circuit breaker, meters and the fallback client.
 * It also opens each call (its client request id and observation) and resolves a request's model.
 */
final class ClientRoad {

	private final ClientConfig config;

	private final ProviderAdapter adapter;

	private final HttpClient httpClient;

	private final Exchange exchange;

	private final ErrorMapper errors;

	private final RetryOperator retry;

	private final PermitPool permits;

	/** The client-side rate limit ({@code llm.rate-limit.*}), or null when it has nothing to do. */
	private final @Nullable RateLimiter rateLimiter;

	private final CallLimits limits;

	private final LlmMetrics metrics;

	private final ClientInfo clientInfo;

	private final Fallback fallback;

	private final ClientCircuit circuit;

	/** The largest body (or result line) read into memory. */
	private final int maxInMemorySize;

	ClientRoad(LlmTemplate.Builder builder) {
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
		this.errors = new ErrorMapper(this.config);
		this.maxInMemorySize = builder.maxInMemorySize;
		this.rateLimiter = (builder.rateLimiter != null) ? builder.rateLimiter
				: RateLimiter.local(this.config.name(), this.config.provider().propertyValue(), this.config.rateLimit());
		this.exchange = new Exchange(webClient, this.adapter, this.config, this.errors,
				(this.rateLimiter != null) ? this.rateLimiter.headerReader() : null,
				(builder.requestAuth != null) ? builder.requestAuth : RequestAuth.NONE);
		RetryPolicy policy = (builder.retryPolicy != null) ? builder.retryPolicy
				: RetryPolicies.fromSettings(this.config.retry());
		this.retry = new RetryOperator(policy, this.config.retry(), this.config.name());
		this.permits = new PermitPool(this.config.maxConcurrent(), this.config.maxQueued());
		this.limits = new CallLimits(this.config, this.permits, this.rateLimiter, this.errors);
		this.metrics = (builder.metrics != null) ? builder.metrics : LlmMetrics.NOOP;
		this.fallback = new Fallback(this.config, builder.fallback);
		this.clientInfo = ClientInfo.of(this.config.name(), this.config.provider().semanticConventionName(),
				this.config.baseUrl());
		registerMeters();
		this.circuit = ClientCircuit.of(this.config, builder.circuitBreakers);
	}

	private void registerMeters() {
		this.metrics.registerClient(this.clientInfo, this.permits::active, this.permits::queued);
		if (this.retry.quota().enabled()) {
			this.metrics.registerRetryQuota(this.clientInfo, this.retry.quota()::available);
		}
		if (this.rateLimiter != null) {
			RateLimiter limiter = this.rateLimiter;
			limiter.bindMetrics(() -> this.metrics.registerRateLimit(this.clientInfo,
					limiter.headers()::remainingRequests, limiter.headers()::remainingTokens));
		}
	}

	ClientConfig config() {
		return this.config;
	}

	ProviderAdapter adapter() {
		return this.adapter;
	}

	Exchange exchange() {
		return this.exchange;
	}

	RetryOperator retry() {
		return this.retry;
	}

	CallLimits limits() {
		return this.limits;
	}

	ClientCircuit circuit() {
		return this.circuit;
	}

	Fallback fallback() {
		return this.fallback;
	}

	PermitPool permits() {
		return this.permits;
	}

	/** The request with the client's default model when it names none; fails, unsent, without one. */
	ChatRequest resolveModel(ChatRequest request) {
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

	/** Opens one logical call: its client request id and, with metrics, its observation. */
	CallContext startCall(String operation, @Nullable String model, boolean stream) {
		CallContext provisional = new CallContext(operation, CallObserver.NOOP);
		CallObserver observer = this.metrics
			.startCall(new CallInfo(this.clientInfo, operation, model, stream, provisional.clientRequestId()));
		return (observer == CallObserver.NOOP) ? provisional : provisional.withObserver(observer);
	}

	/** The result of a call that ends with one value, reported to the call's observer. */
	static <T> Mono<T> observe(CallContext call, Mono<T> result) {
		CallObserver observer = call.observer();
		return result.doOnSuccess((value) -> observer.onSuccess())
			.doOnError(observer::onError)
			.doOnCancel(observer::onCancel)
			.contextWrite(observer::addToContext);
	}

	/** The batch jobs of this client, each of their HTTP calls travelling this road. */
	BatchJobs batchJobs() {
		return new ProviderBatchJobs(new ProviderBatchJobs.Road(this.config, this.adapter, this.exchange, this.limits,
				this.retry, this.circuit, this.errors), this::resolveModel,
				(operation) -> startCall(operation, null, false), this.maxInMemorySize);
	}

	RateLimitStatus rateLimitStatus() {
		RateLimiter limiter = this.rateLimiter;
		return (limiter != null) ? limiter.headers().status() : RateLimitStatus.NONE;
	}

	/** Closes the connection pool. */
	void close() {
		this.httpClient.configuration().connectionProvider().disposeLater().subscribe();
	}

}
