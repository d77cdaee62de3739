package io.github.llmclient.batch;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A batch job as the provider reported it last.
 *
 * @param id the provider's id of the job
 * @param status where the job is
 * @param total the requests in the job (0 while the provider has not counted them yet)
 * @param completed the requests answered so far
 * @param failed the requests that ended without an answer so far (errors; on Anthropic also
 * expired and cancelled ones)
 * @param createdAt when the job was created
 * @param endedAt when it ended (completed, failed, expired or cancelled), or null while it runs
 */
public record BatchJob(String id, Status status, int total, int completed, int failed, @Nullable Instant createdAt,
		@Nullable Instant endedAt) {

	public BatchJob {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(status, "status must not be null");
	}

	/**
	 * Whether the job has ended: its status is one of the final ones.
	 * @return true when it is {@code COMPLETED}, {@code FAILED}, {@code EXPIRED} or {@code CANCELLED}
	 */
	public boolean isEnded() {
		return this.status.isEnded();
	}

	/**
	 * The share of the requests that have ended, answered or not.
	 * @return from 0 to 1 (0 while the total is unknown)
	 */
	public double progress() {
		return (this.total > 0) ? Math.min(1.0, (this.completed + this.failed) / (double) this.total) : 0;
	}

	/** Where a batch job is. */
	public enum Status {

		/** The provider checks the input. */
		VALIDATING,

		/** The requests are being answered. */
		IN_PROGRESS,

		/** Answering is done; the results are being prepared. */
		FINALIZING,

		/** Ended: every request has a result. */
		COMPLETED,

		/** Ended: the input was rejected; no request was answered. */
		FAILED,

		/** Ended: the completion window passed; requests not answered by then have none. */
		EXPIRED,

		/** Cancellation was asked for; requests in flight finish. */
		CANCELLING,

		/** Ended: cancelled; requests answered before have their results. */
		CANCELLED;

		/**
		 * Whether this status is final.
		 * @return true for {@code COMPLETED}, {@code FAILED}, {@code EXPIRED} and {@code CANCELLED}
		 */
		public boolean isEnded() {
			return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
		}

	}

}
