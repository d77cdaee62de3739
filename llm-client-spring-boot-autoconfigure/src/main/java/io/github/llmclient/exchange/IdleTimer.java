package io.github.llmclient.exchange;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
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
 *
 * <p>
 * The timer runs on the event loop that reads the stream whenever it is armed from one (as it is
 * in production: reads arrive there), not on Reactor's parallel scheduler. An event loop runs its
 * I/O before its due tasks, so when the client itself is starved of CPU (a machine running
 * 10,000 streams beside other work) the bytes that did arrive are read before the timer asks how
 * long the stream has been silent: the timeout measures the server's silence, not the client's
 * own backlog. On the parallel scheduler a starved client timed out streams whose next events were
 * already waiting in its socket buffers.
 */
final class IdleTimer extends Mono<Long> implements Runnable {

	private final long limitNanos;

	private final Scheduler scheduler = Schedulers.parallel();

	private @Nullable Armed armed;

	private long armedAtNanos;

	private @Nullable Disposable task;

	/** The event loop the stream is read on, once a read armed the timer from it. */
	private @Nullable EventExecutor loop;

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
			if (this.loop == null) {
				this.loop = currentEventLoop();
			}
			if (this.task == null) {
				this.task = schedule(Math.max(0, this.armedAtNanos + this.limitNanos - now));
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
				this.task = schedule(left);
				return;
			}
			this.armed = null;
			this.task = null;
		}
		due.subscriber.onNext(0L);
	}

	private Disposable schedule(long delayNanos) {
		EventExecutor loop = this.loop;
		if (loop == null || loop.isShuttingDown()) {
			return this.scheduler.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
		}
		try {
			Future<?> future = loop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
			return () -> future.cancel(false);
		}
		catch (RejectedExecutionException ex) {
			// the loop began shutting down since the check above: keep the time elsewhere
			return this.scheduler.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * The Netty event loop running the calling thread, if any. Netty has no public accessor for
	 * it: {@code ThreadExecutorMap} is what its own executors set for their threads (public, in
	 * its internal package); without it (another runtime, a test's thread) the parallel scheduler
	 * keeps the time.
	 */
	private static @Nullable EventExecutor currentEventLoop() {
		try {
			EventExecutor executor = ThreadExecutorMap.currentExecutor();
			return (executor != null && executor.inEventLoop()) ? executor : null;
		}
		catch (LinkageError ex) {
			return null;
		}
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
