package io.github.llmclient.batch;

import java.time.Duration;
import java.util.List;

import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Batch jobs of one client (OpenAI's Batch API, Anthropic's Message Batches): many chat requests
 * answered asynchronously, usually within hours, at the provider's batch price (half the usual).
 * Every HTTP call travels the client's road (retries, the concurrency limit, meters, circuit
 * breaker); result files are read as a stream, line by line. Other providers throw
 * {@link UnsupportedOperationException} naming themselves.
 *
 * <pre class="code">
 * BatchJobs jobs = template.batchJobs();
 * BatchJob job = jobs.submit(requests).block();
 * jobs.await(job.id(), Duration.ofMinutes(1))
 *     .thenMany(jobs.results(job.id()))
 *     .subscribe((result) -&gt; store(result.index(), result.response()));
 * </pre>
 */
public interface BatchJobs {

	/**
	 * Creates a job of the given requests. Each request is sent exactly as {@code chat} would
	 * send it (without a model: {@code llm.model}); a request the provider's writer refuses fails
	 * the call before anything is sent.
	 * @param requests the requests, at least one
	 * @return the created job
	 */
	Mono<BatchJob> submit(List<ChatRequest> requests);

	/**
	 * The job as the provider reports it now.
	 * @param id the job's id
	 * @return the job
	 */
	Mono<BatchJob> get(String id);

	/**
	 * Asks the provider to cancel the job; requests already answered keep their results.
	 * @param id the job's id
	 * @return the job, usually {@code CANCELLING}
	 */
	Mono<BatchJob> cancel(String id);

	/**
	 * Polls the job until it has ended (each poll an ordinary call, retried like chat).
	 * @param id the job's id
	 * @param pollEvery the wait between two polls
	 * @return the ended job
	 */
	Mono<BatchJob> await(String id, Duration pollEvery);

	/**
	 * Every request's result, in submission order: its answer or its error (a request without
	 * result, for example expired, has an error that says so). {@link BatchResult#index()} is the
	 * position in the submitted list; {@link BatchResult#request()} is null (the requests stay on
	 * the provider's side). Results are read as a stream, line by line; results the provider wrote
	 * out of order wait in memory until their turn.
	 * @param id the id of a job submitted through {@link #submit(List)}
	 * @return the results
	 */
	Flux<BatchResult> results(String id);

}
