package io.github.llmclient.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.OpenAiApi;
import io.github.llmclient.GroupStrategy;
import io.github.llmclient.HttpVersion;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.circuit.CircuitBreakerSettings;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.ratelimit.RateLimitStore;
import io.github.llmclient.retry.RetryQuotaSettings;
import io.github.llmclient.retry.RetrySettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.Log;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The starter's {@link LlmTemplate} in its default configuration (retries, permits, timeouts,
 * meters in a {@code SimpleMeterRegistry}; {@code --llm-meters=false} turns them off to measure them),
 * except that {@code max-concurrent} is the scenario's concurrency and {@code max-queued} at least
 * 1,000: with the default of 10 permits the limit itself would serialise S1 and S3, and the
 * connection pool, which the template sizes to its permits, would differ from the other clients'.
 * A text stream is checked by its chunks' content; a tool-call stream by their
 * {@link ChatChunk#toolCalls() tool-call deltas}: one call, index 0, its id and name on the first
 * delta only, the arguments joined exactly, finish reason {@code tool_calls} and no text.
 * {@link #group} builds the {@code llm-group} variant: a round-robin group of two such clients of
 * the same stub, each with half the permits and its circuit breaker on, to measure what groups
 * and breakers cost.
 */
final class LlmTemplateClient implements BenchClient {

	private static final Log logger = HarnessLog.get(LlmTemplateClient.class);

	/** Whether a wrong tool-call stream has been described in the log (once per JVM is enough). */
	private static final AtomicBoolean wrongToolCallLogged = new AtomicBoolean();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final LlmTemplate template;

	/** The same client on OpenAI's Responses API, for S7's streams (the single-client JVMs only). */
	private final LlmTemplate responses;

	private final Expected expected = new Expected();

	private final ChatRequest request = ChatRequest.of(Payloads.PROMPT);

	private final List<LlmTemplate> members;

	/** Whether this client speaks Gemini's wire format (its streams are checked in Gemini's shape). */
	private final boolean gemini;

	/**
	 * Whether chats are waited for with {@code block()} on bounded-elastic threads
	 * ({@code llm-blocking}), as a synchronous caller (Spring AI's {@code ChatModel.call}) must.
	 */
	private boolean blocking;

	LlmTemplateClient(String base, int connections, boolean meters, int embeddingBatchSize, HttpVersion httpVersion) {
		this(base, connections, meters, embeddingBatchSize, httpVersion, RateLimitSettings.defaults());
	}

	/**
	 * With the given rate limits ({@code llm-budget}: request and token budgets so large that they
	 * are never exhausted, which measures what keeping them costs a call).
	 */
	LlmTemplateClient(String base, int connections, boolean meters, int embeddingBatchSize, HttpVersion httpVersion,
			RateLimitSettings rateLimit) {
		this(Provider.OPENAI, base, connections, meters, embeddingBatchSize, httpVersion, rateLimit,
				RetryQuotaSettings.defaults());
	}

	/** With the given retry quota ({@code llm-noquota}: none, to compare S4x with and without it). */
	LlmTemplateClient(String base, int connections, boolean meters, int embeddingBatchSize, HttpVersion httpVersion,
			RateLimitSettings rateLimit, RetryQuotaSettings quota) {
		this(Provider.OPENAI, base, connections, meters, embeddingBatchSize, httpVersion, rateLimit, quota);
	}

	private LlmTemplateClient(Provider provider, String base, int connections, boolean meters, int embeddingBatchSize,
			HttpVersion httpVersion, RateLimitSettings rateLimit, RetryQuotaSettings quota) {
		this.gemini = provider == Provider.GEMINI;
		this.template = template(provider, "bench", base, connections, meters, embeddingBatchSize, false, httpVersion,
				rateLimit, OpenAiApi.CHAT_COMPLETIONS, quota);
		this.responses = template(provider, "bench-responses", base, connections, meters, embeddingBatchSize, false,
				httpVersion, rateLimit, OpenAiApi.RESPONSES, quota);
		this.members = List.of(this.template);
	}

	/**
	 * The {@code llm-gemini} client: LlmTemplate with {@code provider: gemini} against the stub's
	 * Gemini routes, which answer in Gemini's stream shape and embeddings.
	 */
	static LlmTemplateClient gemini(String base, int connections, boolean meters, int embeddingBatchSize) {
		return new LlmTemplateClient(Provider.GEMINI, base, connections, meters, embeddingBatchSize, HttpVersion.HTTP1_1,
				RateLimitSettings.defaults(), RetryQuotaSettings.defaults());
	}

	private LlmTemplateClient(String base, int connections, boolean meters, int embeddingBatchSize, int groupSize) {
		this.gemini = false;
		int half = Math.max(1, connections / groupSize);
		this.members = java.util.stream.IntStream.range(0, groupSize)
			.mapToObj((i) -> template(Provider.OPENAI, "bench-" + i, base, half, meters, embeddingBatchSize, true,
					HttpVersion.HTTP1_1, RateLimitSettings.defaults(), OpenAiApi.CHAT_COMPLETIONS,
					RetryQuotaSettings.defaults()))
			.toList();
		this.template = LlmTemplate.group("bench", GroupStrategy.ROUND_ROBIN, this.members);
		this.responses = this.template;
	}

	/**
	 * The {@code llm-blocking} client: {@code llm} whose chats are waited for with {@code block()}
	 * on Reactor's bounded-elastic threads, the thread hop of a synchronous API, without Spring AI.
	 */
	static LlmTemplateClient blocking(String base, int connections, boolean meters, int embeddingBatchSize) {
		LlmTemplateClient client = new LlmTemplateClient(base, connections, meters, embeddingBatchSize,
				HttpVersion.HTTP1_1);
		client.blocking = true;
		return client;
	}

	/** The {@code llm-group} client: a round-robin group of two clients with circuit breakers. */
	static LlmTemplateClient group(String base, int connections, boolean meters, int embeddingBatchSize) {
		return new LlmTemplateClient(base, connections, meters, embeddingBatchSize, 2);
	}

	private LlmTemplate template(Provider provider, String name, String base, int connections, boolean meters,
			int embeddingBatchSize, boolean breaker, HttpVersion httpVersion, RateLimitSettings rateLimit, OpenAiApi api,
			RetryQuotaSettings quota) {
		return LlmTemplate.builder(ClientConfig.builder(provider)
			.name(name)
			.openAiApi(api)
			.retry(RetrySettings.defaults().withQuota(quota))
			.rateLimit(rateLimit)
			.baseUrl(base)
			.model(Payloads.MODEL)
			.embeddingModel(EmbeddingPayloads.MODEL)
			.embeddingBatchSize(embeddingBatchSize)
			.maxConcurrent(connections)
			.maxQueued(Math.max(1000, connections))
			.httpVersion(httpVersion)
			.circuitBreaker(breaker ? CircuitBreakerSettings.defaults().enable() : CircuitBreakerSettings.defaults())
			.build()).metrics(meters ? new MicrometerLlmMetrics(this.registry) : LlmMetrics.NOOP).build();
	}

	/** Budgets of {@link Integer#MAX_VALUE} requests and tokens a minute, in process: never exhausted. */
	static RateLimitSettings neverExhaustedBudget() {
		return new RateLimitSettings(Integer.MAX_VALUE, Integer.MAX_VALUE, RateLimitStore.LOCAL, null,
				RateLimitSettings.DEFAULT_MAX_WAIT, RateLimitSettings.DEFAULT_STORE_TIMEOUT,
				RateLimitSettings.DEFAULT_OUTPUT_TOKENS, true);
	}

	/** The template, for {@link SpringAiBridgeClient}, which calls it through Spring AI. */
	LlmTemplate template() {
		return this.template;
	}

	@Override
	public Mono<Boolean> chat() {
		if (this.blocking) {
			return Mono
				.fromCallable(() -> Payloads.CHAT_ANSWER.equals(this.template.chat(this.request).block().content()))
				.subscribeOn(Schedulers.boundedElastic());
		}
		return this.template.chat(this.request).map((response) -> Payloads.CHAT_ANSWER.equals(response.content()));
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		if (this.gemini) {
			shape = new StreamShape(shape.chunks(), shape.delayMs(), shape.eventsPerWrite(), shape.content().gemini());
		}
		String answer = this.expected.answer(shape);
		if (shape.content() == StreamContent.GEMINI_TOOL_CALLS) {
			int calls = shape.chunks();
			return Mono.defer(() -> {
				GeminiCallCheck check = new GeminiCallCheck(answer.length());
				return this.template.stream(this.request)
					.doOnNext(check::add)
					.then(Mono.fromSupplier(() -> check.matches(answer, calls)));
			});
		}
		if (shape.content() == StreamContent.TOOL_CALLS) {
			return Mono.defer(() -> {
				ToolCallCheck check = new ToolCallCheck(answer.length());
				return this.template.stream(this.request)
					.doOnNext(check::add)
					.then(Mono.fromSupplier(() -> check.matches(answer)));
			});
		}
		LlmTemplate template = (shape.content() == StreamContent.RESPONSES_TEXT) ? this.responses : this.template;
		return Mono.defer(() -> {
			StringBuilder text = new StringBuilder(answer.length());
			return template.stream(this.request)
				.doOnNext((ChatChunk chunk) -> text.append(chunk.content()))
				.then(Mono.fromSupplier(() -> answer.contentEquals(text)));
		});
	}

	/**
	 * One {@code embed} call of all the texts: the template splits them into batches of its
	 * {@code embedding-batch-size}, sends at most {@code max-concurrent} at once (the scenario's
	 * concurrency) and joins them in order; it asks for base64, which the stub answers unless this
	 * client's base URL is the stub's {@code /floats} one.
	 */
	@Override
	public Mono<Predicate<EmbeddingPayloads.Check>> embed(List<String> texts, EmbedShape shape) {
		EmbeddingRequest request = EmbeddingRequest.builder().inputs(texts).dimensions(shape.dimensions()).build();
		return this.template.embed(request)
			.map((response) -> (check) -> check.matches(response.embeddings(), texts.size()));
	}

	@Override
	public double retriesSpent() {
		return this.registry.find(LlmMetricNames.RETRIES)
			.counters()
			.stream()
			.filter((counter) -> !LlmMetricNames.QUOTA_EXHAUSTED.equals(counter.getId().getTag(LlmMetricNames.REASON_TAG)))
			.mapToDouble(Counter::count)
			.sum();
	}

	@Override
	public double retryQuotaLeft() {
		io.micrometer.core.instrument.Gauge gauge = this.registry.find(LlmMetricNames.RETRY_QUOTA).gauge();
		return (gauge != null) ? gauge.value() : Double.NaN;
	}

	@Override
	public double retriesRefused() {
		return this.registry.find(LlmMetricNames.RETRIES)
			.tag(LlmMetricNames.REASON_TAG, LlmMetricNames.QUOTA_EXHAUSTED)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	@Override
	public void close() {
		this.members.forEach(LlmTemplate::close);
	}

	/**
	 * Checks a Gemini tool-call stream: one whole call per delta, indexes 0, 1, 2… in order, each
	 * with an id and the tool's name, the arguments joined exactly, finish reason
	 * {@code tool_calls} and no text.
	 */
	private static final class GeminiCallCheck {

		private final StringBuilder arguments;

		private int calls;

		private boolean wrong;

		private String finishReason;

		GeminiCallCheck(int length) {
			this.arguments = new StringBuilder(length);
		}

		void add(ChatChunk chunk) {
			if (!chunk.content().isEmpty()) {
				this.wrong = true;
			}
			if (chunk.finishReason() != null) {
				this.finishReason = chunk.finishReason();
			}
			for (ToolCallDelta delta : chunk.toolCalls()) {
				if (delta.index() != this.calls++ || delta.id() == null || !Payloads.TOOL_NAME.equals(delta.name())) {
					this.wrong = true;
				}
				this.arguments.append(delta.argumentsDelta());
			}
		}

		boolean matches(String expected, int calls) {
			boolean right = !this.wrong && this.calls == calls && "tool_calls".equals(this.finishReason)
					&& expected.contentEquals(this.arguments);
			if (!right && wrongToolCallLogged.compareAndSet(false, true)) {
				logger.warn("wrong Gemini tool-call stream (described once): calls " + this.calls + " of " + calls
						+ ", out-of-place delta or text " + this.wrong + ", finish reason " + this.finishReason
						+ ", arguments " + this.arguments.length() + " of " + expected.length() + " chars");
			}
			return right;
		}

	}

	/** Assembles one stream's tool call from its chunks, noting anything that does not belong. */
	private static final class ToolCallCheck {

		private final StringBuilder arguments;

		private boolean started;

		private boolean wrong;

		private String finishReason;

		ToolCallCheck(int length) {
			this.arguments = new StringBuilder(length);
		}

		void add(ChatChunk chunk) {
			if (!chunk.content().isEmpty()) {
				this.wrong = true;
			}
			if (chunk.finishReason() != null) {
				this.finishReason = chunk.finishReason();
			}
			for (ToolCallDelta delta : chunk.toolCalls()) {
				if (delta.index() != 0) {
					this.wrong = true;
				}
				if (delta.id() != null || delta.name() != null) {
					if (this.started || !Payloads.TOOL_CALL_ID.equals(delta.id())
							|| !Payloads.TOOL_NAME.equals(delta.name())) {
						this.wrong = true;
					}
					this.started = true;
				}
				else if (!this.started) {
					this.wrong = true;
				}
				this.arguments.append(delta.argumentsDelta());
			}
		}

		boolean matches(String expected) {
			boolean right = !this.wrong && this.started && "tool_calls".equals(this.finishReason)
					&& expected.contentEquals(this.arguments);
			if (!right && wrongToolCallLogged.compareAndSet(false, true)) {
				logger.warn("wrong tool-call stream (described once): call started " + this.started
						+ ", out-of-place delta or text " + this.wrong + ", finish reason " + this.finishReason
						+ ", arguments " + this.arguments.length() + " of " + expected.length() + " chars"
						+ (expected.contentEquals(this.arguments) ? " (equal)" : " (differ)"));
			}
			return right;
		}

	}

}
