package io.github.llmclient.provider;

import java.util.List;

import io.github.llmclient.batch.BatchJob;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One provider's batch-job API: how a job is created from chat request bodies, read, cancelled,
 * and how its result lines read. Each request carries its position in the submitted list as its
 * {@code custom_id}, so that results, which providers write in any order, can be put back in
 * submission order. Formats are immutable and send every call through the given
 * {@link BatchCalls}.
 */
public interface BatchFormat {

	/**
	 * Creates a job.
	 * @param chatBodies the body of each request, exactly as a chat call sends it, in order
	 * @param calls how to send
	 * @return the created job
	 */
	Mono<BatchJob> submit(List<byte[]> chatBodies, BatchCalls calls);

	/**
	 * Reads a job.
	 * @param id the job's id
	 * @param calls how to send
	 * @return the job
	 */
	Mono<BatchJob> get(String id, BatchCalls calls);

	/**
	 * Cancels a job.
	 * @param id the job's id
	 * @param calls how to send
	 * @return the job
	 */
	Mono<BatchJob> cancel(String id, BatchCalls calls);

	/**
	 * The lines of a job's results. Lines of failures come first where the provider writes them
	 * apart (OpenAI's error file: usually few, so that the answers that follow seldom wait).
	 * @param id the job's id
	 * @param calls how to send
	 * @return how many requests the job holds, and its result lines
	 */
	Mono<Lines> results(String id, BatchCalls calls);

	/**
	 * Reads one result line.
	 * @param line the line
	 * @return the outcome it holds
	 * @throws RuntimeException when the line is not what the provider documents
	 */
	BatchOutcome readLine(String line);

	/**
	 * A job's result lines.
	 * @param job the job, whose {@link BatchJob#total()} is the number of requests
	 * @param lines the lines, streamed
	 */
	record Lines(BatchJob job, Flux<String> lines) {
	}

}
