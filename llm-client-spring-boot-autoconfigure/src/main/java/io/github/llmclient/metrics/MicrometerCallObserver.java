package io.github.llmclient.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Records one logical call. Tags are resolved at most three times per call (first content chunk,
 * end, and per attempt or retry); the per-chunk path reads the clock and records into a timer
 * resolved at the first chunk. Reactor delivers a call's signals one after another, so plain
 * fields suffice; the end is guarded because a cancel may race with completion.
 */
final class MicrometerCallObserver implements CallObserver {

	/** The Reactor context key under which Micrometer and WebClient look for the parent observation. */
	static final String OBSERVATION_KEY = "micrometer.observation";

	private final ClientMeters meters;

	private final CallInfo info;

	private final Clock clock;

	private final long startNanos;

	private final Tags callTags;

	private final @Nullable Observation observation;

	private final @Nullable LlmObservationContext context;

	private final AtomicBoolean finished = new AtomicBoolean();

	private boolean observationStarted;

	private @Nullable String responseModel;

	private @Nullable Usage usage;

	/** Whether the usage has output tokens to record (embeddings have none). */
	private boolean hasOutputTokens = true;

	private @Nullable Tags responseTags;

	private long lastContentNanos;

	private @Nullable Timer perChunk;

	private long pendingRetryNanos = -1;

	private long retryScheduledAt;

	private String pendingRetryReason = LlmMetricNames.NONE;

	MicrometerCallObserver(ClientMeters meters, CallInfo info, Clock clock, @Nullable Observation observation,
			@Nullable LlmObservationContext context) {
		this.meters = meters;
		this.info = info;
		this.clock = clock;
		this.startNanos = clock.monotonicTime();
		this.callTags = Tags.of(LlmMetricNames.OPERATION_NAME_TAG, info.operation(), LlmMetricNames.REQUEST_MODEL_TAG,
				ErrorTypes.orNone(info.requestModel()), LlmMetricNames.STREAM_TAG, Boolean.toString(info.stream()));
		this.observation = observation;
		this.context = context;
	}

	@Override
	public Context addToContext(Context subscriberContext) {
		Observation observation = this.observation;
		if (observation == null) {
			return subscriberContext;
		}
		if (!this.observationStarted) {
			Observation parent = subscriberContext.getOrDefault(OBSERVATION_KEY, null);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			this.observationStarted = true;
			observation.start();
		}
		return subscriberContext.put(OBSERVATION_KEY, observation);
	}

	@Override
	public void onQueueWait(Duration wait) {
		if (this.pendingRetryNanos >= 0) {
			recordRetryDelay(this.pendingRetryNanos);
		}
		this.meters.queueWait.record(wait);
	}

	@Override
	public void onAttempt(int status, @Nullable Throwable error) {
		this.meters.requests
			.withTags(LlmMetricNames.STATUS_TAG, ErrorTypes.status(status), LlmMetricNames.ERROR_TYPE_TAG,
					ErrorTypes.of(error))
			.increment();
	}

	@Override
	public void onRetry(String reason, Duration delay) {
		this.meters.retries.withTag(LlmMetricNames.REASON_TAG, reason).increment();
		this.pendingRetryNanos = delay.toNanos();
		this.retryScheduledAt = this.clock.monotonicTime();
		this.pendingRetryReason = reason;
		if (this.observation != null) {
			this.observation.event(Observation.Event.of("retry", "retry after " + reason));
		}
	}

	@Override
	public void onRetryRefused(String reason) {
		this.meters.retries.withTag(LlmMetricNames.REASON_TAG, reason).increment();
		if (this.observation != null) {
			this.observation.event(Observation.Event.of("retry.refused", "retry refused: " + reason));
		}
	}

	@Override
	public void onFallback(String toClient) {
		this.meters.fallbacks.withTag("to", toClient).increment();
		if (this.observation != null) {
			this.observation.event(Observation.Event.of("fallback", "fallback to " + toClient));
		}
	}

	@Override
	public void onChunk(ChatChunk chunk) {
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		if (this.responseModel == null) {
			this.responseModel = chunk.model();
		}
		// output is text, a tool call's fragment or reasoning: a tool-only answer has its first chunk too
		if (chunk.content().isEmpty() && chunk.toolCalls().isEmpty() && chunk.reasoning().isEmpty()) {
			return;
		}
		long now = this.clock.monotonicTime();
		Timer perChunk = this.perChunk;
		if (perChunk != null) {
			perChunk.record(now - this.lastContentNanos, TimeUnit.NANOSECONDS);
		}
		else {
			Tags tags = responseTags();
			this.meters.timeToFirstChunk.withTags(tags).record(now - this.startNanos, TimeUnit.NANOSECONDS);
			this.perChunk = this.meters.timePerOutputChunk.withTags(tags);
		}
		this.lastContentNanos = now;
	}

	@Override
	public void onResponse(ChatResponse response) {
		this.usage = response.usage();
		this.responseModel = response.model();
	}

	@Override
	public void onBatchResult(ChatResponse result) {
		Usage usage = result.usage();
		if (usage != null) {
			this.meters.recordCost(result.model(), usage, true);
		}
	}

	@Override
	public void onEmbeddings(EmbeddingResponse response) {
		this.usage = response.usage();
		this.responseModel = response.model();
		this.hasOutputTokens = false;
	}

	@Override
	public void onSuccess() {
		finish(null, false);
	}

	@Override
	public void onError(Throwable error) {
		finish(error, false);
	}

	@Override
	public void onCancel() {
		finish(null, true);
	}

	private void finish(@Nullable Throwable error, boolean cancelled) {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		long now = this.clock.monotonicTime();
		if (this.pendingRetryNanos >= 0) {
			// the call ended during a backoff wait: only part of it was slept
			recordRetryDelay(Math.min(this.pendingRetryNanos, now - this.retryScheduledAt));
		}
		String errorType = cancelled ? LlmMetricNames.CANCELLED : ErrorTypes.of(error);
		Tags tags = responseTags();
		this.meters.duration.withTags(tags.and(LlmMetricNames.ERROR_TYPE_TAG, errorType))
			.record(now - this.startNanos, TimeUnit.NANOSECONDS);
		Usage usage = this.usage;
		if (usage != null) {
			this.meters.tokens.withTags(tags.and(LlmMetricNames.TOKEN_TYPE_TAG, "input")).record(usage.inputTokens());
			if (this.hasOutputTokens) {
				this.meters.tokens.withTags(tags.and(LlmMetricNames.TOKEN_TYPE_TAG, "output"))
					.record(usage.outputTokens());
			}
			this.meters.recordCost((this.info.requestModel() != null) ? this.info.requestModel() : this.responseModel,
					usage, false);
		}
		stopObservation(error, cancelled);
	}

	private void stopObservation(@Nullable Throwable error, boolean cancelled) {
		Observation observation = this.observation;
		LlmObservationContext context = this.context;
		if (observation == null || context == null) {
			return;
		}
		if (!this.observationStarted) {
			this.observationStarted = true;
			observation.start();
		}
		context.setResponseModel(this.responseModel);
		context.setUsage(this.usage);
		context.setCancelled(cancelled);
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	private void recordRetryDelay(long nanos) {
		this.meters.retryDelay.withTag(LlmMetricNames.REASON_TAG, this.pendingRetryReason)
			.record(nanos, TimeUnit.NANOSECONDS);
		this.pendingRetryNanos = -1;
	}

	private Tags responseTags() {
		Tags tags = this.responseTags;
		if (tags == null) {
			tags = this.callTags.and(LlmMetricNames.RESPONSE_MODEL_TAG, ErrorTypes.orNone(this.responseModel));
			this.responseTags = tags;
		}
		return tags;
	}

	@Override
	public String toString() {
		return "MicrometerCallObserver[" + this.info.client().name() + ", " + this.info.operation() + "]";
	}

}
