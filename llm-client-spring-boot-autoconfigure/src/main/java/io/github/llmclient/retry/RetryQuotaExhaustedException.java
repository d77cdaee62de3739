package io.github.llmclient.retry;

import org.jspecify.annotations.Nullable;

/**
 * Says that a failure was delivered at once because the client's retry quota
 * ({@code llm.retry.quota.*}) could not pay for its retry. Never thrown on its own: it is added
 * to the delivered failure as a {@linkplain Throwable#getSuppressed() suppressed} exception, so
 * the failure keeps its own type and message; {@link #find(Throwable)} tells whether a failure
 * carries one.
 */
public final class RetryQuotaExhaustedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int available;

	private final int cost;

	/**
	 * Creates the note.
	 * @param clientName the client whose quota was empty
	 * @param available the tokens left
	 * @param capacity the tokens of a full quota
	 * @param cost what the refused retry would have cost
	 */
	public RetryQuotaExhaustedException(String clientName, int available, int capacity, int cost) {
		// no stack trace: it would only show the retry operator, and refusals come in storms
		super("Not retried: the retry quota of LLM client '" + clientName + "' was empty (" + available + " of "
				+ capacity + " tokens left, this retry costs " + cost
				+ "); retries resume as calls succeed (llm.retry.quota.*)", null, false, false);
		this.available = available;
		this.cost = cost;
	}

	/**
	 * The tokens the quota held when the retry was refused.
	 * @return the tokens
	 */
	public int available() {
		return this.available;
	}

	/**
	 * What the refused retry would have cost.
	 * @return the cost
	 */
	public int cost() {
		return this.cost;
	}

	/**
	 * The note of a failure that was not retried because the retry quota was empty.
	 * @param failure a failure a call delivered
	 * @return the note, or null when the failure was not refused a retry by the quota
	 */
	public static @Nullable RetryQuotaExhaustedException find(Throwable failure) {
		for (Throwable suppressed : failure.getSuppressed()) {
			if (suppressed instanceof RetryQuotaExhaustedException note) {
				return note;
			}
		}
		return null;
	}

}
