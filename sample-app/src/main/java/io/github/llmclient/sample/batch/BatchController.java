package io.github.llmclient.sample.batch;

import java.util.List;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.batch.BatchJob;
import io.github.llmclient.chat.ChatRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batch jobs through the starter's {@code LlmTemplate.batchJobs()}: {@code POST /api/batch}
 * submits prompts as one job, {@code GET /api/batch/{id}} reads its status and progress,
 * {@code GET /api/batch/{id}/results} its answers in submission order. Offline, the demo model
 * serves the OpenAI Batch API and finishes a job in a few seconds.
 */
@RestController
@RequestMapping("/api/batch")
public class BatchController {

	private final LlmTemplate llm;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 */
	public BatchController(LlmTemplate llm) {
		this.llm = llm;
	}

	/**
	 * Submits prompts as one batch job.
	 * @param request the prompts
	 * @return the job
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<JobView> submit(@RequestBody BatchPrompts request) {
		List<ChatRequest> requests = request.prompts()
			.stream()
			.filter((prompt) -> !prompt.isBlank())
			.map(ChatRequest::of)
			.toList();
		if (requests.isEmpty()) {
			throw new IllegalArgumentException("Give at least one prompt");
		}
		return this.llm.batchJobs().submit(requests).map(JobView::of);
	}

	/**
	 * A job's status and progress.
	 * @param id the job's id
	 * @return the job
	 */
	@GetMapping("/{id}")
	public Mono<JobView> get(@PathVariable String id) {
		return this.llm.batchJobs().get(id).map(JobView::of);
	}

	/**
	 * A job's results, in submission order.
	 * @param id the job's id
	 * @return one result per prompt
	 */
	@GetMapping("/{id}/results")
	public Flux<ResultView> results(@PathVariable String id) {
		return this.llm.batchJobs()
			.results(id)
			.map((result) -> new ResultView(result.index(),
					(result.response() != null) ? result.response().content() : null,
					(result.error() != null) ? result.error().getMessage() : null));
	}

	/**
	 * Prompts to submit.
	 * @param prompts one prompt per request
	 */
	public record BatchPrompts(List<String> prompts) {
	}

	/**
	 * A job as the page shows it.
	 * @param id the id
	 * @param status the status
	 * @param total the requests
	 * @param completed the answered ones
	 * @param failed the failed ones
	 * @param progress the ended share, from 0 to 1
	 * @param ended whether the job has ended
	 */
	public record JobView(String id, String status, int total, int completed, int failed, double progress,
			boolean ended) {

		static JobView of(BatchJob job) {
			return new JobView(job.id(), job.status().name(), job.total(), job.completed(), job.failed(),
					job.isEnded() ? 1.0 : job.progress(), job.isEnded());
		}

	}

	/**
	 * One result.
	 * @param index the prompt's position
	 * @param content the answer, or null
	 * @param error why there is none, or null
	 */
	public record ResultView(int index, @Nullable String content, @Nullable String error) {
	}

}
