package io.github.llmclient.sample.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo model's OpenAI Batch API: {@code POST /demo/v1/files} (multipart, {@code purpose=batch})
 * keeps a JSONL file of chat requests, {@code POST /demo/v1/batches} starts a job that runs for
 * {@code demo.batch-duration} (validating, then in progress with its completed count growing, then
 * completed), {@code GET /demo/v1/batches/{id}}, {@code POST /demo/v1/batches/{id}/cancel}, and
 * {@code GET /demo/v1/files/{id}/content} serves the output file: one answer per request, written
 * in reverse order as a real output file may be (the starter puts them back in order). Jobs live
 * in memory.
 */
@RestController
@RequestMapping("/demo/v1")
@ConditionalOnBooleanProperty(name = "demo.enabled", matchIfMissing = true)
public class DemoBatches {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<String, List<String>> inputFiles = new ConcurrentHashMap<>();

	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	private final DemoModelProperties properties;

	private final Duration duration;

	/**
	 * Creates the batch endpoints.
	 * @param properties the {@code demo.*} properties
	 * @param duration how long a job runs, {@code demo.batch-duration} (default 4 seconds)
	 */
	public DemoBatches(DemoModelProperties properties, @Value("${demo.batch-duration:4s}") Duration duration) {
		this.properties = properties;
		this.duration = duration;
	}

	/**
	 * Keeps an uploaded JSONL file of requests.
	 * @param purpose must be {@code batch}
	 * @param file the JSONL file
	 * @return the file object
	 */
	@PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	public Mono<ResponseEntity<Map<String, Object>>> upload(@RequestPart("purpose") String purpose,
			@RequestPart("file") Part file) {
		if (!"batch".equals(purpose)) {
			return Mono.just(error(HttpStatus.BAD_REQUEST, "The demo model keeps only files of purpose 'batch'"));
		}
		return DataBufferUtils.join(file.content()).map((buffer) -> {
			String text = buffer.toString(StandardCharsets.UTF_8);
			DataBufferUtils.release(buffer);
			List<String> lines = text.lines().filter((line) -> !line.isBlank()).toList();
			String id = "file-" + UUID.randomUUID();
			this.inputFiles.put(id, lines);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("id", id);
			body.put("object", "file");
			body.put("bytes", text.length());
			body.put("created_at", Instant.now().getEpochSecond());
			body.put("filename", "batch.jsonl");
			body.put("purpose", "batch");
			return ResponseEntity.ok(body);
		});
	}

	/**
	 * Starts a job on an uploaded file.
	 * @param request {@code input_file_id}, {@code endpoint}, {@code completion_window}
	 * @return the batch object
	 */
	@PostMapping("/batches")
	public ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> request) {
		List<String> lines = this.inputFiles.get(String.valueOf(request.get("input_file_id")));
		if (lines == null) {
			return error(HttpStatus.NOT_FOUND, "No such file: " + request.get("input_file_id"));
		}
		Job job = new Job("batch_" + UUID.randomUUID().toString().replace("-", ""), lines, Instant.now());
		this.jobs.put(job.id, job);
		return ResponseEntity.ok(job.view(this.duration));
	}

	/**
	 * A job as it is now.
	 * @param id the job's id
	 * @return the batch object
	 */
	@GetMapping("/batches/{id}")
	public ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
		Job job = this.jobs.get(id);
		return (job != null) ? ResponseEntity.ok(job.view(this.duration))
				: error(HttpStatus.NOT_FOUND, "No such batch: " + id);
	}

	/**
	 * Cancels a job that has not ended.
	 * @param id the job's id
	 * @return the batch object
	 */
	@PostMapping("/batches/{id}/cancel")
	public ResponseEntity<Map<String, Object>> cancel(@PathVariable String id) {
		Job job = this.jobs.get(id);
		if (job == null) {
			return error(HttpStatus.NOT_FOUND, "No such batch: " + id);
		}
		job.cancelledAt = Instant.now();
		return ResponseEntity.ok(job.view(this.duration));
	}

	/**
	 * The output file of a completed job: one chat completion per request, in reverse order.
	 * @param id the file's id ({@code <batch id>-output})
	 * @return the JSONL file
	 */
	@GetMapping(path = "/files/{id}/content", produces = "application/jsonl")
	public ResponseEntity<String> content(@PathVariable String id) {
		Job job = this.jobs.get(id.replace("-output", ""));
		if (job == null || !id.endsWith("-output")) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body("");
		}
		int answered = job.answered(this.duration);
		StringBuilder file = new StringBuilder();
		for (int index = answered - 1; index >= 0; index--) {
			file.append(outputLine(job, index)).append('\n');
		}
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/jsonl")).body(file.toString());
	}

	private String outputLine(Job job, int index) {
		JsonNode line = this.mapper.readTree(job.lines.get(index));
		JsonNode body = line.path("body");
		String question = lastUserText(body);
		String answer = "Batch answer " + (index + 1) + ": " + question;
		Map<String, Object> completion = new LinkedHashMap<>();
		completion.put("id", "chatcmpl-" + job.id + "-" + index);
		completion.put("object", "chat.completion");
		completion.put("created", job.createdAt.getEpochSecond());
		completion.put("model", body.path("model").asString(this.properties.model()));
		completion.put("choices", List.of(Map.of("index", 0, "message",
				Map.of("role", "assistant", "content", answer), "finish_reason", "stop")));
		int promptTokens = Math.max(1, question.split("\\s+").length);
		int completionTokens = answer.split("\\s+").length;
		completion.put("usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
				"total_tokens", promptTokens + completionTokens));
		Map<String, Object> output = new LinkedHashMap<>();
		output.put("id", "batch_req_" + index);
		output.put("custom_id", line.path("custom_id").asString());
		output.put("response", Map.of("status_code", 200, "request_id", "req_" + index, "body", completion));
		output.put("error", null);
		return this.mapper.writeValueAsString(output);
	}

	private static String lastUserText(JsonNode body) {
		String text = "";
		for (JsonNode message : body.path("messages")) {
			if ("user".equals(message.path("role").asString())) {
				text = message.path("content").isString() ? message.path("content").asString() : "(parts)";
			}
		}
		return text;
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status)
			.body(Map.of("error", Map.of("message", message, "type", "invalid_request_error")));
	}

	/** A job: its requests answer one after another over the batch duration, after a short validation. */
	private static final class Job {

		private final String id;

		private final List<String> lines;

		private final Instant createdAt;

		private volatile @Nullable Instant cancelledAt;

		Job(String id, List<String> lines, Instant createdAt) {
			this.id = id;
			this.lines = new ArrayList<>(lines);
			this.createdAt = createdAt;
		}

		/** Requests answered by now: none while validating (the first tenth), then evenly until the end. */
		int answered(Duration duration) {
			Instant until = (this.cancelledAt != null) ? this.cancelledAt : Instant.now();
			double elapsed = Duration.between(this.createdAt, until).toMillis() / (double) Math.max(1, duration.toMillis());
			if (elapsed < 0.1) {
				return 0;
			}
			return (int) Math.min(this.lines.size(), Math.floor(this.lines.size() * (elapsed - 0.1) / 0.9));
		}

		Map<String, Object> view(Duration duration) {
			int total = this.lines.size();
			int answered = answered(duration);
			Instant now = Instant.now();
			boolean elapsed = !now.isBefore(this.createdAt.plus(duration));
			String status;
			if (this.cancelledAt != null) {
				status = "cancelled";
			}
			else if (elapsed) {
				status = "completed";
				answered = total;
			}
			else {
				status = (Duration.between(this.createdAt, now).compareTo(duration.dividedBy(10)) < 0) ? "validating"
						: "in_progress";
			}
			Map<String, Object> batch = new LinkedHashMap<>();
			batch.put("id", this.id);
			batch.put("object", "batch");
			batch.put("endpoint", "/v1/chat/completions");
			batch.put("input_file_id", "file-input");
			batch.put("completion_window", "24h");
			batch.put("status", status);
			if (this.cancelledAt != null || elapsed) {
				batch.put("output_file_id", this.id + "-output");
			}
			batch.put("created_at", this.createdAt.getEpochSecond());
			if (status.equals("completed")) {
				batch.put("completed_at", this.createdAt.plus(duration).getEpochSecond());
			}
			if (this.cancelledAt != null) {
				batch.put("cancelled_at", this.cancelledAt.getEpochSecond());
			}
			batch.put("request_counts", Map.of("total", total, "completed", answered, "failed", 0));
			return batch;
		}

	}

}
