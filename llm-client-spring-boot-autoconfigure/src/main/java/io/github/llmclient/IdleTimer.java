package io.github.llmclient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The idle timeout of one stream on a single Reactor timer that is re-armed only when it fires:
 * each network read that completes a line just records its time. Reactor's {@code timeout}
 * with a {@code Mono.delay} per read schedules and cancels a timer task per read, which took
 * about 7% of the client's CPU with 1,000 slow streams. Used as {@code timeout}'s per-item
 * publisher: each read subscribes anew, the timer signals the latest subscriber once the idle
 * time has passed since the latest restart, and {@code timeout} ignores a signal to a subscriber
 * it has replaced. Time is the scheduler's, so virtual-time tests see it pass. A {@code Mono},
 * so that {@code timeout} does not wrap it anew for every read. Subscribing to the timer itself
 * restarts the idle time (a read that completed a line); subscribing to {@link #continuing()}
 * keeps the time already counted (a read of part of a line).
 */
final class IdleTimer extends Mono<Long> implements Runnable {

	private final long limitNanos;

	private final Scheduler scheduler = Schedulers.parallel();

	private @Nullable Armed armed;

	private long armedAtNanos;

	private @Nullable Disposable task;

	private boolean stopped;

	private boolean started;

	private final Mono<Long> continuing = new Mono<>() {

		@Override
		public void subscribe(CoreSubscriber<? super Long> subscriber) {
			arm(subscriber, false);
		}

	};

	IdleTimer(Duration limit) {
		this.limitNanos = limit.toNanos();
	}

	/** The timer without restarting the idle time already counted. */
	Mono<Long> continuing() {
		return this.continuing;
	}

	@Override
	public void subscribe(CoreSubscriber<? super Long> subscriber) {
		arm(subscriber, true);
	}

	private void arm(CoreSubscriber<? super Long> subscriber, boolean restart) {
		Armed next = new Armed(this, subscriber);
		subscriber.onSubscribe(next);
		synchronized (this) {
			if (this.stopped) {
				return;
			}
			this.armed = next;
			long now = this.scheduler.now(TimeUnit.NANOSECONDS);
			if (restart || !this.started) {
				this.armedAtNanos = now;
				this.started = true;
			}
			if (this.task == null) {
				this.task = this.scheduler.schedule(this, Math.max(0, this.armedAtNanos + this.limitNanos - now),
						TimeUnit.NANOSECONDS);
			}
		}
	}

	synchronized void disarm(Armed armed) {
		if (this.armed == armed) {
			this.armed = null;
		}
	}

	/**
	 * Cancels the pending task when the attempt ends, rather than leaving it (and this timer)
	 * queued for up to the idle time: 1,000 short streams a round kept thousands waiting.
	 */
	void stop() {
		Disposable pending;
		synchronized (this) {
			this.stopped = true;
			this.armed = null;
			pending = this.task;
			this.task = null;
		}
		if (pending != null) {
			pending.dispose();
		}
	}

	@Override
	public void run() {
		Armed due;
		synchronized (this) {
			due = this.armed;
			if (due == null) {
				this.task = null;
				return;
			}
			long left = this.armedAtNanos + this.limitNanos - this.scheduler.now(TimeUnit.NANOSECONDS);
			if (left > 0) {
				this.task = this.scheduler.schedule(this, left, TimeUnit.NANOSECONDS);
				return;
			}
			this.armed = null;
			this.task = null;
		}
		due.subscriber.onNext(0L);
	}

	/** One subscription to the timer; cancelling it disarms the timer if it is the latest. */
	private static final class Armed implements Subscription {

		private final IdleTimer timer;

		private final Subscriber<? super Long> subscriber;

		Armed(IdleTimer timer, Subscriber<? super Long> subscriber) {
			this.timer = timer;
			this.subscriber = subscriber;
		}

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
			this.timer.disarm(this);
		}

	}

}
