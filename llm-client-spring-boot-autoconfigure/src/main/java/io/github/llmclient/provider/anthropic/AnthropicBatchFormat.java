package io.github.llmclient.provider.anthropic;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * Anthropic's Message Batches: {@code POST /messages/batches {requests: [{custom_id, params}]}}
 * (each {@code params} exactly the body a chat call sends), {@code GET /messages/batches/{id}},
 * {@code POST /messages/batches/{id}/cancel}, and results as JSONL from the job's
 * {@code results_url}. Each request's {@code custom_id} is its position.
 */
final class AnthropicBatchFormat implements BatchFormat {

	private final URI batchesUri;

	private final Map<String, String> headers;

	private final JsonMapper mapper;

	private final Function<byte[], ChatResponse> responses;

	private final Function<byte[], ProviderError> errors;

	AnthropicBatchFormat(URI baseUrl, Map<String, String> headers, JsonMapper mapper,
			Function<byte[], ChatResponse> responses, Function<byte[], ProviderError> errors) {
		this.batchesUri = ProviderUrls.resolve(baseUrl, "messages/batches");
		this.headers = headers;
		this.mapper = mapper;
		this.responses = responses;
		this.errors = errors;
	}

	@Override
	public Mono<BatchJob> submit(List<byte[]> chatBodies, BatchCalls calls) {
		return calls.call(new ProviderRequest(HttpMethod.POST, this.batchesUri, this.headers, body(chatBodies), "batch"),
				this::readJob);
	}

	/** The request bodies are put in as written: built as bytes, so each is exactly what chat sends. */
	static byte[] body(List<byte[]> chatBodies) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("{\"requests\":[".getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < chatBodies.size(); i++) {
			String head = ((i > 0) ? "," : "") + "{\"custom_id\":\"" + i + "\",\"params\":";
			out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(chatBodies.get(i));
			out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	@Override
	public Mono<BatchJob> get(String id, BatchCalls calls) {
		return calls.call(request(HttpMethod.GET, ProviderUrls.resolve(this.batchesUri, ProviderUrls.encodeSegment(id))),
				this::readJob);
	}

	@Override
	public Mono<BatchJob> cancel(String id, BatchCalls calls) {
		return calls.call(
				request(HttpMethod.POST,
						ProviderUrls.resolve(this.batchesUri, ProviderUrls.encodeSegment(id) + "/cancel")),
				this::readJob);
	}

	@Override
	public Mono<Lines> results(String id, BatchCalls calls) {
		return calls
			.call(request(HttpMethod.GET, ProviderUrls.resolve(this.batchesUri, ProviderUrls.encodeSegment(id))),
					(body) -> this.mapper.readTree(body))
			.flatMap((batch) -> {
				BatchJob job = readJob(batch);
				JsonNode url = batch.get("results_url");
				if (url == null || !url.isString()) {
					return Mono.error(new IllegalStateException("Anthropic batch " + job.id() + " has no results yet ("
							+ job.status() + "): await it first"));
				}
				return Mono.just(new Lines(job, calls.lines(request(HttpMethod.GET, URI.create(url.asString())))));
			});
	}

	/** Reads one result line: {@code {custom_id, result: {type, message | error}}}. */
	@Override
	public BatchOutcome readLine(String line) {
		JsonNode node = this.mapper.readTree(line);
		JsonNode customId = node.get("custom_id");
		int index;
		try {
			index = Integer.parseInt((customId != null && customId.isString()) ? customId.asString() : "");
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("custom_id " + customId + " is not the position of a request: "
					+ "results are read of jobs submitted through BatchJobs.submit");
		}
		JsonNode result = node.path("result");
		String type = result.path("type").asString("");
		return switch (type) {
			case "succeeded" -> BatchOutcome.answered(index,
					this.responses.apply(this.mapper.writeValueAsBytes(result.get("message"))));
			case "errored" -> BatchOutcome.failed(index, 0,
					this.errors.apply(this.mapper.writeValueAsBytes(result.path("error"))));
			case "canceled" -> BatchOutcome.failed(index, 0,
					new ProviderError("The request was cancelled with its batch before it was answered", "canceled"));
			case "expired" -> BatchOutcome.failed(index, 0,
					new ProviderError("The batch expired before the request was answered", "expired"));
			default -> throw new IllegalArgumentException("unknown result type '" + type + "'");
		};
	}

	private ProviderRequest request(HttpMethod method, URI uri) {
		return new ProviderRequest(method, uri, this.headers, null, "batch");
	}

	private BatchJob readJob(byte[] body) {
		return readJob(this.mapper.readTree(body));
	}

	/**
	 * A Message Batch: {@code processing_status} {@code in_progress}, {@code canceling} or
	 * {@code ended}; an ended batch is {@code CANCELLED} when its cancellation was asked for,
	 * {@code EXPIRED} when every request expired, otherwise {@code COMPLETED}.
	 */
	private static BatchJob readJob(JsonNode batch) {
		JsonNode counts = batch.path("request_counts");
		int processing = counts.path("processing").asInt(0);
		int succeeded = counts.path("succeeded").asInt(0);
		int errored = counts.path("errored").asInt(0);
		int canceled = counts.path("canceled").asInt(0);
		int expired = counts.path("expired").asInt(0);
		String processingStatus = batch.path("processing_status").asString("");
		boolean cancelAsked = time(batch, "cancel_initiated_at") != null;
		BatchJob.Status status = switch (processingStatus) {
			case "in_progress" -> BatchJob.Status.IN_PROGRESS;
			case "canceling" -> BatchJob.Status.CANCELLING;
			case "ended" -> cancelAsked ? BatchJob.Status.CANCELLED
					: (expired > 0 && succeeded == 0 && errored == 0) ? BatchJob.Status.EXPIRED
							: BatchJob.Status.COMPLETED;
			default -> throw new IllegalArgumentException("unknown processing_status '" + processingStatus + "'");
		};
		JsonNode id = batch.get("id");
		if (id == null || !id.isString()) {
			throw new IllegalArgumentException("no id");
		}
		return new BatchJob(id.asString(), status, processing + succeeded + errored + canceled + expired, succeeded,
				errored + canceled + expired, time(batch, "created_at"), time(batch, "ended_at"));
	}

	private static @Nullable Instant time(JsonNode batch, String field) {
		JsonNode value = batch.get(field);
		return (value != null && value.isString()) ? OffsetDateTime.parse(value.asString()).toInstant() : null;
	}

}
