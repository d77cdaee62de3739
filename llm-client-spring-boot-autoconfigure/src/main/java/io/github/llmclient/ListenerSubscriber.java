package io.github.llmclient;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.StreamListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * Drives a {@link StreamListener}: aggregates the chunks, guarantees exactly one terminal callback
 * (none after dispose), and turns a throwing {@code onChunk} into a cancelled stream reported
 * through {@code onError}.
 */
final class ListenerSubscriber extends BaseSubscriber<ChatChunk> {

	private static final Log logger = LogFactory.getLog(ListenerSubscriber.class);

	private final StreamListener listener;

	private final ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();

	private final AtomicBoolean terminated = new AtomicBoolean();

	ListenerSubscriber(StreamListener listener) {
		this.listener = listener;
	}

	@Override
	protected void hookOnSubscribe(Subscription subscription) {
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	protected void hookOnNext(ChatChunk chunk) {
		if (this.terminated.get()) {
			return;
		}
		this.aggregator.add(chunk);
		try {
			this.listener.onChunk(chunk);
		}
		catch (Throwable ex) {
			if (this.terminated.compareAndSet(false, true)) {
				cancel();
				notifyError(ex);
			}
		}
	}

	@Override
	protected void hookOnComplete() {
		if (this.terminated.compareAndSet(false, true)) {
			try {
				this.listener.onComplete(this.aggregator.toResponse());
			}
			catch (Throwable ex) {
				logger.warn("StreamListener.onComplete threw", ex);
			}
		}
	}

	@Override
	protected void hookOnError(Throwable error) {
		if (this.terminated.compareAndSet(false, true)) {
			notifyError(error);
		}
	}

	@Override
	protected void hookOnCancel() {
		this.terminated.set(true);
	}

	private void notifyError(Throwable error) {
		try {
			this.listener.onError(error);
		}
		catch (Throwable ex) {
			logger.warn("StreamListener.onError threw", ex);
		}
	}

}
