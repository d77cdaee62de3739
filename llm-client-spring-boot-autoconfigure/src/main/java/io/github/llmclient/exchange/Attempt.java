package io.github.llmclient.exchange;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmTimeoutException;
import io.github.llmclient.provider.ProviderRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;

/**
 * The state of one HTTP attempt of an {@link Exchange}: its number, status and headers, which
 * timeout runs before the first event, and its outcome, reported once to the call's observer and
 * logged as the exchange's DEBUG line.
 */
final class Attempt {

	private final int number;

	private final long startNanos = Schedulers.parallel().now(TimeUnit.NANOSECONDS);

	int status;

	@Nullable HttpHeaders headers;

	private final Duration firstChunkTimeout;

	private final Duration idleTimeout;

	/** Which timeout the timer now running stands for, before the first event. */
	LlmTimeoutException.Phase pendingPhase = LlmTimeoutException.Phase.FIRST_CHUNK;

	private boolean finished;

	Attempt(int number, ClientConfig config) {
		this.number = number;
		this.firstChunkTimeout = config.firstChunkTimeout();
		this.idleTimeout = config.streamIdleTimeout();
	}

	/**
	 * The timer to start after a network read that brought no event yet (keep-alive comments,
	 * part of an event): whichever ends first of what is left of the idle timeout, counted
	 * from the latest progress of the body, and what is left of the first-chunk one.
	 * @param progressAtNanos when the body last completed a line (or started)
	 */
	Duration timeoutBeforeFirstEvent(long progressAtNanos) {
		long now = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
		Duration remaining = this.firstChunkTimeout.minusNanos(now - this.startNanos);
		Duration idleLeft = this.idleTimeout.minusNanos(now - progressAtNanos);
		if (remaining.compareTo(idleLeft) < 0) {
			this.pendingPhase = LlmTimeoutException.Phase.FIRST_CHUNK;
			return remaining.isNegative() ? Duration.ZERO : remaining;
		}
		this.pendingPhase = LlmTimeoutException.Phase.STREAM_IDLE;
		return idleLeft.isNegative() ? Duration.ZERO : idleLeft;
	}

	void finish(ProviderRequest request, CallContext call, @Nullable Throwable error) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		call.observer().onAttempt(this.status, error);
		if (Exchange.logger.isDebugEnabled()) {
			long millis = (Schedulers.parallel().now(TimeUnit.NANOSECONDS) - this.startNanos) / 1_000_000;
			String requestId = (this.headers != null) ? ErrorMapper.requestId(this.headers)
					: (error instanceof LlmException llm) ? llm.requestId() : null;
			Exchange.logger.debug(request.method() + " " + request.uri().getPath() + " -> "
					+ ((this.status != 0) ? this.status : "no response") + " in " + millis + "ms (attempt "
					+ this.number + ", client request id " + call.clientRequestId()
					+ ((requestId != null) ? ", request id " + requestId : "")
					+ ((error != null) ? ", " + error.getClass().getSimpleName() : "") + ")");
		}
	}

}
