package io.github.llmclient.sample.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the attempts of each logical call the demo model sees. The starter sends the same
 * {@code X-Client-Request-Id} on every attempt of one call, which is what makes "fail the first
 * attempt, then succeed" possible; only the most recent calls are remembered.
 */
final class AttemptCounter {

	private static final int CAPACITY = 10_000;

	private final Map<String, Integer> attempts = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
			return size() > CAPACITY;
		}

	};

	/**
	 * Records an attempt of a call.
	 * @param callKey what identifies the call
	 * @return the attempt's number, from 1
	 */
	synchronized int next(String callKey) {
		return this.attempts.merge(callKey, 1, Integer::sum);
	}

}
