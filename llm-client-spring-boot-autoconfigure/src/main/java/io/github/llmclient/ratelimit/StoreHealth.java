package io.github.llmclient.ratelimit;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether a client's shared store answers: one WARN when an outage starts, one INFO when it ends,
 * and every failed operation counted.
 */
final class StoreHealth {

	private static final Log logger = LogFactory.getLog(StoreHealth.class);

	private final String client;

	private final AtomicBoolean down = new AtomicBoolean();

	private volatile Runnable errors = () -> {
	};

	StoreHealth(String client) {
		this.client = client;
	}

	void countErrorsWith(Runnable counter) {
		this.errors = counter;
	}

	void failed(Throwable ex) {
		this.errors.run();
		if (this.down.compareAndSet(false, true)) {
			logger.warn("LLM client '" + this.client + "': the shared rate-limit store failed ("
					+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "")
					+ "); calls go on under the local budget until it answers again");
		}
	}

	void ok() {
		if (this.down.get() && this.down.compareAndSet(true, false)) {
			logger.info("LLM client '" + this.client + "': the shared rate-limit store answers again");
		}
	}

	boolean down() {
		return this.down.get();
	}

}
