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
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.circuit.ClientCircuit;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.provider.RequestAuth;
import io.github.llmclient.ratelimit.RateLimitStatus;
import io.github.llmclient.ratelimit.RateLimiter;
import io.github.llmclient.route.GroupRouter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.retry.RetryPolicy;
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

	private final ClientCircuit circuit;

	private final TypedAnswers answers;

	/**
	 * The road of a client's calls, or null for a group's template, whose calls all go to its
	 * members; so are the client's calls below.
	 */
	private final @Nullable ClientRoad road;

	private final @Nullable ChatCalls chats;

	private final @Nullable EmbeddingCalls embeddings;

	private final @Nullable ModelListing models;

	/** The routing of a group template, or null for a client's. */
	private final @Nullable GroupRouter group;

	private LlmTemplate(Builder builder) {
		ClientRoad road = new ClientRoad(builder);
		this.config = road.config();
		this.circuit = road.circuit();
		this.answers = new TypedAnswers(this.config, false);
		this.road = road;
		this.chats = new ChatCalls(road);
		this.embeddings = new EmbeddingCalls(road);
		this.models = new ModelListing(road);
		this.group = null;
	}

	private LlmTemplate(GroupRouter group) {
		this.config = group.config();
		this.circuit = ClientCircuit.of(this.config, null);
		this.answers = new TypedAnswers(this.config, true);
		this.road = null;
		this.chats = null;
		this.embeddings = null;
		this.models = null;
		this.group = group;
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
		return new LlmTemplate(new GroupRouter(name, strategy, members, LlmTemplate::circuitRefusing));
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
		return (this.group != null) ? this.group.chat(request) : this.chats.chat(request);
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
			ChatRequest typed = TypedAnswers.asking(request, type);
			return chat(typed).map((response) -> this.answers.read(response, type, typed));
		});
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
		return (this.group != null) ? this.group.stream(request) : this.chats.stream(request);
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
		return (this.group != null) ? this.group.embed(request) : this.embeddings.embed(request);
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
		return this.road.batchJobs();
	}

	/**
	 * Lists the ids of the models the endpoint offers.
	 * @return the ids
	 */
	public Mono<List<String>> models() {
		return (this.group != null) ? this.group.models() : this.models.models();
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
		return (this.group != null) ? this.group.activeRequests() : this.road.permits().active();
	}

	/**
	 * Requests waiting for a permit now.
	 * @return the count
	 */
	public int queuedRequests() {
		return (this.group != null) ? this.group.queuedRequests() : this.road.permits().queued();
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
		return (this.road != null) ? this.road.rateLimitStatus() : RateLimitStatus.NONE;
	}

	/** Closes the connection pool. Calls made afterwards fail. A group template leaves its members open. */
	@Override
	public void close() {
		if (this.road != null) {
			this.road.close();
		}
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

		// package-private: ClientRoad assembles the client's road from them

		final ClientConfig config;

		WebClient.@Nullable Builder webClientBuilder;

		@Nullable RetryPolicy retryPolicy;

		@Nullable LlmMetrics metrics;

		@Nullable JsonMapper jsonMapper;

		int maxInMemorySize = 16 * 1024 * 1024;

		@Nullable Supplier<LlmTemplate> fallback;

		@Nullable RateLimiter rateLimiter;

		@Nullable SslBundle sslBundle;

		final List<LlmHttpClientCustomizer> httpClientCustomizers = new ArrayList<>();

		@Nullable CircuitBreakerRegistry circuitBreakers;

		@Nullable RequestAuth requestAuth;

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
