package io.github.llmclient.metrics;

/**
 * The names of the meters, tags and observation that the client records (SPEC §7, following
 * the OpenTelemetry GenAI semantic conventions).
 */
public final class LlmMetricNames {

	/** Timer: one sample per logical call, retries included. */
	public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	/** Distribution summary in {@code {token}}: input and output tokens of each call. */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/** Timer: from subscription to the first content chunk of a stream. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** Timer: between consecutive content chunks of a stream, after the first. */
	public static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";

	/**
	 * Counter: what calls cost at {@code llm.pricing.*}, in the configured currency (its base
	 * unit), by {@link #TOKEN_TYPE_TAG} ({@code input} or {@code output}).
	 */
	public static final String COST = "llm.client.cost";

	/** Counter: every HTTP attempt. */
	public static final String REQUESTS = "llm.client.requests";

	/** Counter: every retry, and every retry the retry quota refused (reason {@code quota_exhausted}). */
	public static final String RETRIES = "llm.client.retries";

	/** Counter: calls handed from one client to its fallback client (tags {@code from}, {@code to}). */
	public static final String FALLBACKS = "llm.client.fallbacks";

	/** Gauge: the tokens left in a client's retry quota ({@code llm.retry.quota.*}). */
	public static final String RETRY_QUOTA = "llm.client.retry.quota";

	/** The {@code reason} of a retry the client's retry quota refused. */
	public static final String QUOTA_EXHAUSTED = "quota_exhausted";

	/** Timer: the backoff waits actually slept. */
	public static final String RETRY_DELAY = "llm.client.retry.delay";

	/** Gauge: requests holding a permit of the concurrency limit. */
	public static final String ACTIVE = "llm.client.active";

	/** Gauge: requests waiting for a permit. */
	public static final String QUEUED = "llm.client.queued";

	/** Timer: how long each attempt waited for its permit. */
	public static final String QUEUE_WAIT = "llm.client.queue.wait";

	/**
	 * The name of the observation opened for each logical call (a span with a tracing bridge).
	 * Its own meters would repeat {@link #OPERATION_DURATION}, so the auto-configuration denies
	 * them.
	 */
	public static final String OBSERVATION = "llm.client.operation";

	/** Tag: {@code chat}, {@code embeddings} or {@code models}. */
	public static final String OPERATION_NAME_TAG = "gen_ai.operation.name";

	/** Tag: {@code openai}, {@code anthropic} or {@code azure.ai.openai}. */
	public static final String PROVIDER_NAME_TAG = "gen_ai.provider.name";

	/** Tag: the model asked for. */
	public static final String REQUEST_MODEL_TAG = "gen_ai.request.model";

	/** Tag: the model that answered. */
	public static final String RESPONSE_MODEL_TAG = "gen_ai.response.model";

	/** Tag: the host of the API root. */
	public static final String SERVER_ADDRESS_TAG = "server.address";

	/** Tag: the port of the API root. */
	public static final String SERVER_PORT_TAG = "server.port";

	/** Tag: {@code none}, an HTTP status, an exception's simple name, or {@code cancelled}. */
	public static final String ERROR_TYPE_TAG = "error.type";

	/** Tag: the client's name. */
	public static final String CLIENT_TAG = "llm.client";

	/** Tag: {@code true} for streams. */
	public static final String STREAM_TAG = "llm.stream";

	/** Tag: {@code input} or {@code output}. */
	public static final String TOKEN_TYPE_TAG = "gen_ai.token.type";

	/** Tag: the HTTP status of an attempt, or {@code none}. */
	public static final String STATUS_TAG = "status";

	/** Tag: why a call was retried (status code, exception name or in-stream error type). */
	public static final String REASON_TAG = "reason";

	/** Timer: how long calls waited for the client-side rate limit (budget or announced pause). */
	public static final String RATE_LIMIT_WAIT = "llm.client.rate_limit.wait";

	/** Gauge: the latest remaining count the provider's rate-limit headers announced, by {@code kind}. */
	public static final String RATE_LIMIT_REMAINING = "llm.client.rate_limit.remaining";

	/** Counter: failed operations on the shared rate-limit store. */
	public static final String RATE_LIMIT_STORE_ERRORS = "llm.client.rate_limit.store.errors";

	/** Tag: {@code requests} or {@code tokens}. */
	public static final String KIND_TAG = "kind";

	/** The value of a tag that does not apply: no error, no status, no model. */
	public static final String NONE = "none";

	/** The {@code error.type} of a call its subscriber cancelled. */
	public static final String CANCELLED = "cancelled";

	private LlmMetricNames() {
	}

}
