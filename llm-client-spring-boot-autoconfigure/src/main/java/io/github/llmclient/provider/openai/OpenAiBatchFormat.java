package io.github.llmclient.provider.openai;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.github.llmclient.batch.BatchJob;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.provider.BatchCalls;
import io.github.llmclient.provider.BatchFormat;
import io.github.llmclient.provider.BatchOutcome;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderUrls;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * OpenAI's Batch API: the requests as a JSONL file uploaded to {@code POST /files}
 * ({@code purpose=batch}, multipart), then {@code POST /batches {input_file_id, endpoint:
 * "/v1/chat/completions", completion_window: "24h"}}; {@code GET /batches/{id}},
 * {@code POST /batches/{id}/cancel}; results in the output and error files read from
 * {@code GET /files/{id}/content}. Each line's {@code custom_id} is the request's position.
 */
final class OpenAiBatchFormat implements BatchFormat {

	static final String ENDPOINT = "/v1/chat/completions";

	private final URI baseUrl;

	private final Map<String, String> headers;

	private final JsonMapper mapper;

	private final Function<byte[], ChatResponse> responses;

	private final Function<byte[], ProviderError> errors;

	OpenAiBatchFormat(URI baseUrl, Map<String, String> headers, JsonMapper mapper,
			Function<byte[], ChatResponse> responses, Function<byte[], ProviderError> errors) {
		this.baseUrl = baseUrl;
		this.headers = headers;
		this.mapper = mapper;
		this.responses = responses;
		this.errors = errors;
	}

	@Override
	public Mono<BatchJob> submit(List<byte[]> chatBodies, BatchCalls calls) {
		ProviderRequest upload = upload(jsonl(chatBodies));
		return calls.call(upload, (body) -> text(this.mapper.readTree(body), "id"))
			.flatMap((fileId) -> calls.call(json(HttpMethod.POST, "batches", Map.of("input_file_id", fileId,
					"endpoint", ENDPOINT, "completion_window", "24h")), this::readJob));
	}

	@Override
	public Mono<BatchJob> get(String id, BatchCalls calls) {
		return calls.call(request(HttpMethod.GET, "batches/" + ProviderUrls.encodeSegment(id), null), this::readJob);
	}

	@Override
	public Mono<BatchJob> cancel(String id, BatchCalls calls) {
		return calls.call(request(HttpMethod.POST, "batches/" + ProviderUrls.encodeSegment(id) + "/cancel", null),
				this::readJob);
	}

	@Override
	public Mono<Lines> results(String id, BatchCalls calls) {
		return calls
			.call(request(HttpMethod.GET, "batches/" + ProviderUrls.encodeSegment(id), null),
					(body) -> this.mapper.readTree(body))
			.map((batch) -> {
				BatchJob job = readJob(batch);
				String output = optionalText(batch, "output_file_id");
				String errorFile = optionalText(batch, "error_file_id");
				// failures first: the error file holds only them, so answers seldom wait for their turn
				Flux<String> lines = Flux.concat(file(errorFile, calls), file(output, calls));
				return new Lines(job, lines);
			});
	}

	private Flux<String> file(@Nullable String fileId, BatchCalls calls) {
		if (fileId == null) {
			return Flux.empty();
		}
		return Flux.defer(() -> calls
			.lines(request(HttpMethod.GET, "files/" + ProviderUrls.encodeSegment(fileId) + "/content", null)));
	}

	/**
	 * Reads one line of the output or error file: {@code {custom_id, response: {status_code,
	 * body}, error}}.
	 */
	@Override
	public BatchOutcome readLine(String line) {
		JsonNode node = this.mapper.readTree(line);
		int index = index(node);
		JsonNode response = node.get("response");
		if (response != null && response.isObject()) {
			int status = response.path("status_code").asInt(0);
			JsonNode body = response.get("body");
			byte[] bytes = (body != null) ? this.mapper.writeValueAsBytes(body) : new byte[0];
			if (status >= 200 && status < 300) {
				return BatchOutcome.answered(index, this.responses.apply(bytes));
			}
			return BatchOutcome.failed(index, status, this.errors.apply(bytes));
		}
		JsonNode error = node.get("error");
		if (error != null && error.isObject()) {
			return BatchOutcome.failed(index, 0,
					new ProviderError(optionalText(error, "message"), optionalText(error, "code")));
		}
		throw new IllegalArgumentException("a result line with neither response nor error");
	}

	static int index(JsonNode line) {
		String customId = optionalText(line, "custom_id");
		try {
			return Integer.parseInt((customId != null) ? customId : "");
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("custom_id '" + customId + "' is not the position of a request: "
					+ "results are read of jobs submitted through BatchJobs.submit");
		}
	}

	/** One line per request: {@code {custom_id, method, url, body}}, the body exactly as chat sends it. */
	static byte[] jsonl(List<byte[]> chatBodies) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < chatBodies.size(); i++) {
			out.writeBytes(("{\"custom_id\":\"" + i + "\",\"method\":\"POST\",\"url\":\"" + ENDPOINT + "\",\"body\":")
				.getBytes(StandardCharsets.UTF_8));
			// the writer's JSON is compact: its strings escape line ends, so one body stays one line
			out.writeBytes(chatBodies.get(i));
			out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	/**
	 * The multipart upload of a JSONL file. Written by hand: the pipeline sends bodies as bytes
	 * (so that a retry sends the same bytes, and the log and meters see them), and two parts of
	 * known text need no multipart library.
	 */
	private ProviderRequest upload(byte[] jsonl) {
		String boundary = "llm-batch-" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream(jsonl.length + 512);
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"batch.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(jsonl);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
		return new ProviderRequest(HttpMethod.POST, ProviderUrls.resolve(this.baseUrl, "files"), headers,
				out.toByteArray(), "batch");
	}

	private ProviderRequest json(HttpMethod method, String path, Map<String, String> body) {
		return request(method, path, this.mapper.writeValueAsBytes(body));
	}

	private ProviderRequest request(HttpMethod method, String path, byte @Nullable [] body) {
		return new ProviderRequest(method, ProviderUrls.resolve(this.baseUrl, path), this.headers, body, "batch");
	}

	private BatchJob readJob(byte[] body) {
		return readJob(this.mapper.readTree(body));
	}

	/** A Batch object: {@code id}, {@code status}, {@code request_counts}, unix-second times. */
	private static BatchJob readJob(JsonNode batch) {
		JsonNode counts = batch.path("request_counts");
		Instant ended = null;
		for (String field : List.of("completed_at", "failed_at", "expired_at", "cancelled_at")) {
			JsonNode time = batch.get(field);
			if (time != null && time.isNumber()) {
				ended = Instant.ofEpochSecond(time.asLong());
			}
		}
		JsonNode created = batch.get("created_at");
		return new BatchJob(text(batch, "id"), status(text(batch, "status")), counts.path("total").asInt(0),
				counts.path("completed").asInt(0), counts.path("failed").asInt(0),
				(created != null && created.isNumber()) ? Instant.ofEpochSecond(created.asLong()) : null, ended);
	}

	private static BatchJob.Status status(String status) {
		return switch (status) {
			case "validating" -> BatchJob.Status.VALIDATING;
			case "in_progress" -> BatchJob.Status.IN_PROGRESS;
			case "finalizing" -> BatchJob.Status.FINALIZING;
			case "completed" -> BatchJob.Status.COMPLETED;
			case "failed" -> BatchJob.Status.FAILED;
			case "expired" -> BatchJob.Status.EXPIRED;
			case "cancelling" -> BatchJob.Status.CANCELLING;
			case "cancelled" -> BatchJob.Status.CANCELLED;
			default -> throw new IllegalArgumentException("unknown batch status '" + status + "'");
		};
	}

	private static String text(JsonNode node, String field) {
		String text = optionalText(node, field);
		if (text == null) {
			throw new IllegalArgumentException("no " + field);
		}
		return text;
	}

	static @Nullable String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
