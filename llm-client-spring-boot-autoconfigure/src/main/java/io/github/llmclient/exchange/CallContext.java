package io.github.llmclient.exchange;

import java.util.UUID;

import io.github.llmclient.metrics.CallObserver;

/**
 * One logical call: its client request id (the same on every attempt), its observer, and whether
 * its output has started reaching the subscriber.
 * <p>
 * Internal: not an API, it may change in any release.
 */
public final class CallContext {

	private final String clientRequestId;

	private final String operation;

	private final CallObserver observer;

	private int attempts;

	private volatile boolean contentDelivered;

	/** Opens a logical call under a new client request id. */
	public CallContext(String operation, CallObserver observer) {
		this(UUID.randomUUID().toString(), operation, observer);
	}

	private CallContext(String clientRequestId, String operation, CallObserver observer) {
		this.clientRequestId = clientRequestId;
		this.operation = operation;
		this.observer = observer;
	}

	/** The same call (the same client request id) reporting to another observer. */
	public CallContext withObserver(CallObserver observer) {
		return new CallContext(this.clientRequestId, this.operation, observer);
	}

	/** The id sent as {@code X-Client-Request-Id} on every attempt of this call. */
	public String clientRequestId() {
		return this.clientRequestId;
	}

	String operation() {
		return this.operation;
	}

	/** The observer of this call's signals. */
	public CallObserver observer() {
		return this.observer;
	}

	/** Attempts run one after another, never concurrently, so a plain counter is enough. */
	int nextAttempt() {
		return ++this.attempts;
	}

	/** Records that output reached the subscriber: the call is retried no more. */
	public void markContentDelivered() {
		this.contentDelivered = true;
	}

	/** Whether output has reached the subscriber. */
	public boolean contentDelivered() {
		return this.contentDelivered;
	}

}
