package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.llmclient.sample.demo.DemoWire.CompletionRequest;
import io.github.llmclient.sample.demo.DemoWire.EmbeddingsRequest;
import io.github.llmclient.sample.demo.DemoWire.TokenUsage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The offline demo model: an OpenAI-compatible server under {@code /demo/v1} that the starter
 * calls over real HTTP, so streaming, retries and metrics run with nothing outside the machine.
 *
 * <p>
 * {@code POST /demo/v1/chat/completions} answers JSON, or with {@code "stream": true} server-sent
 * events word by word ({@code demo.word-delay} apart), ending with a usage chunk when
 * {@code stream_options.include_usage} is true and {@code data: [DONE]}. {@code max_tokens} cuts
 * the answer short with {@code finish_reason: length}. It reads tools, tool choices, tool results,
 * image parts and response formats, and answers them ({@link DemoModel}): a tool call, an answer
 * from a tool's result, JSON for a schema, a description of an image. A request OpenAI would reject
 * (a tool message without its call, an unknown content part…) gets OpenAI's 400
 * ({@link DemoConversation}). A {@link DemoFault} keyword in the prompt makes it fail on purpose.
 * {@code POST /demo/v1/embeddings} answers {@code demo.embedding-model} with deterministic vectors
 * ({@link DemoEmbeddings}), as JSON arrays or, with {@code "encoding_format": "base64"}, as
 * base64 little-endian float32. {@code GET /demo/v1/models} lists {@code demo.model} and
 * {@code demo.embedding-model}. {@code POST /demo/v1/responses} answers OpenAI's Responses API
 * the same way ({@link DemoResponses}), with reasoning summaries when asked for reasoning, so that
 * the sample runs on it with {@code --llm.openai.api=responses}.
 */
@RestController
@RequestMapping("/demo/v1")
@ConditionalOnBooleanProperty(name = "demo.enabled", matchIfMissing = true)
public class DemoModelController {

	private static final String CLIENT_REQUEST_ID = "X-Client-Request-Id";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String REQUEST_ID = "x-request-id";

	private final DemoModelProperties properties;

	private final AttemptCounter attempts = new AttemptCounter();

	private final AtomicLong ids = new AtomicLong();

	/**
	 * Creates the demo model.
	 * @param properties the {@code demo.*} properties
	 */
	public DemoModelController(DemoModelProperties properties) {
		this.properties = properties;
	}

	/**
	 * Lists the models served: the chat model, then the embedding model.
	 * @return the model list
	 */
	@GetMapping("/models")
	public DemoWire.ModelList models() {
		return new DemoWire.ModelList("list",
				List.of(new DemoWire.Model(this.properties.model(), "model", 0, "llm-client-sample-app"),
						new DemoWire.Model(this.properties.embeddingModel(), "model", 0, "llm-client-sample-app")));
	}

	/**
	 * Answers a chat completion request, streamed or not, or fails as its prompt asks. What it
	 * answers is {@link DemoModel}'s decision; how it is written, {@link DemoCompletions}'.
	 * @param request the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the completion, the event stream, or an OpenAI-style error
	 */
	@PostMapping("/chat/completions")
	public ResponseEntity<Object> completions(@RequestBody CompletionRequest request,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		long number = this.ids.incrementAndGet();
		String requestId = "req_demo_" + number;
		if (request.model() == null || request.model().isBlank()) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId, "You must provide a model parameter.",
					null);
		}
		if (!request.model().equals(this.properties.model())) {
			return DemoErrors.invalidRequest(HttpStatus.NOT_FOUND, requestId, "The model `" + request.model()
					+ "` does not exist; this demo serves `" + this.properties.model() + "`.", "model_not_found");
		}
		DemoConversation conversation;
		try {
			conversation = DemoConversation.of(request);
		}
		catch (IllegalArgumentException ex) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId, String.valueOf(ex.getMessage()), null);
		}
		String prompt = conversation.prompt();
		int attempt = this.attempts.next((clientRequestId != null) ? clientRequestId : prompt);
		DemoFault fault = DemoFault.in(prompt);
		ResponseEntity<Object> failure = (fault != null) ? DemoErrors.actedOut(fault, attempt, requestId) : null;
		if (failure != null) {
			return failure;
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		DemoReply reply = DemoModel.reply(conversation, attempt, "call_demo_" + number)
			.limitedTo(request.maxTokens());
		int promptTokens = conversation.promptTokens();
		TokenUsage usage = new TokenUsage(promptTokens, reply.tokens(), promptTokens + reply.tokens());
		String id = "chatcmpl-demo-" + number;
		long created = Instant.now().getEpochSecond();
		if (request.streaming()) {
			Flux<ServerSentEvent<Object>> events = DemoCompletions.stream(id, created, request.model(), reply,
					request.includeUsage() ? usage : null, this.properties.wordDelay());
			return ResponseEntity.ok()
				.header(REQUEST_ID, requestId)
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.body(events.delaySubscription(delay));
		}
		return ResponseEntity.ok()
			.header(REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(DemoCompletions.completion(id, created, request.model(), reply, usage))
				.delaySubscription(delay));
	}

	/**
	 * Answers a Responses API request, streamed or not, or fails as its prompt asks: the same
	 * decision as for a chat completion ({@link DemoResponsesRequest} reads the request as one),
	 * written the Responses way ({@link DemoResponses}), with a reasoning summary and encrypted
	 * reasoning when the request asks for {@code reasoning}.
	 * @param body the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the response, the event stream, or an OpenAI-style error
	 */
	@PostMapping("/responses")
	public ResponseEntity<Object> responses(@RequestBody JsonNode body,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		long number = this.ids.incrementAndGet();
		String requestId = "req_demo_" + number;
		CompletionRequest request;
		DemoConversation conversation;
		try {
			request = DemoResponsesRequest.of(JSON, body);
			conversation = DemoConversation.of(request);
		}
		catch (IllegalArgumentException ex) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId, String.valueOf(ex.getMessage()), null);
		}
		if (!this.properties.model().equals(request.model())) {
			return DemoErrors.invalidRequest(HttpStatus.NOT_FOUND, requestId, "The model `" + request.model()
					+ "` does not exist; this demo serves `" + this.properties.model() + "`.", "model_not_found");
		}
		String prompt = conversation.prompt();
		int attempt = this.attempts.next((clientRequestId != null) ? clientRequestId : prompt);
		DemoFault fault = DemoFault.in(prompt);
		ResponseEntity<Object> failure = (fault != null) ? DemoErrors.actedOut(fault, attempt, requestId) : null;
		if (failure != null) {
			return failure;
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		DemoReply reply = DemoModel.reply(conversation, attempt, "call_demo_" + number)
			.limitedTo(request.maxTokens());
		String summary = body.path("reasoning").isObject() ? DemoResponses.reasoningSummary(reply) : null;
		String id = "resp_demo_" + number;
		long created = Instant.now().getEpochSecond();
		if (request.streaming()) {
			return ResponseEntity.ok()
				.header(REQUEST_ID, requestId)
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.body(DemoResponses.stream(id, created, request.model(), reply, summary, conversation.promptTokens(),
						this.properties.wordDelay()).delaySubscription(delay));
		}
		return ResponseEntity.ok()
			.header(REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(DemoResponses.response(id, created, request.model(), reply, summary,
					conversation.promptTokens())).delaySubscription(delay));
	}

	/**
	 * Answers an embeddings request: one vector per input, in input order, and the inputs' tokens;
	 * or fails as a {@link DemoFault} keyword in an input asks (each batch of a call counts its
	 * own attempts); or rejects, with OpenAI's 400, a request without model or input, an empty
	 * input, an unknown {@code encoding_format} or {@code dimensions} out of range.
	 * @param request the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the embeddings or an OpenAI-style error
	 */
	@PostMapping("/embeddings")
	public ResponseEntity<Object> embeddings(@RequestBody EmbeddingsRequest request,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		String requestId = "req_demo_" + this.ids.incrementAndGet();
		if (request.model() == null || request.model().isBlank()) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId, "You must provide a model parameter.",
					null);
		}
		if (!request.model().equals(this.properties.embeddingModel())) {
			return DemoErrors.invalidRequest(HttpStatus.NOT_FOUND, requestId, "The model `" + request.model()
					+ "` does not exist; this demo serves `" + this.properties.embeddingModel() + "` for embeddings.",
					"model_not_found");
		}
		List<String> inputs;
		boolean base64;
		int dimensions;
		try {
			inputs = DemoEmbeddings.inputs(request.input());
			base64 = DemoEmbeddings.base64(request.encodingFormat());
			dimensions = DemoEmbeddings.dimensions(request.dimensions());
		}
		catch (IllegalArgumentException ex) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId, String.valueOf(ex.getMessage()), null);
		}
		String text = String.join("\n", inputs);
		// the batches of one call share its request id: the first input tells them apart
		String callKey = "embeddings|" + ((clientRequestId != null) ? clientRequestId : text) + "|" + inputs.get(0);
		int attempt = this.attempts.next(callKey);
		DemoFault fault = DemoFault.in(text);
		ResponseEntity<Object> failure = (fault != null) ? DemoErrors.actedOut(fault, attempt, requestId) : null;
		if (failure != null) {
			return failure;
		}
		List<DemoWire.Embedding> data = new ArrayList<>(inputs.size());
		int tokens = 0;
		for (int i = 0; i < inputs.size(); i++) {
			float[] vector = DemoEmbeddings.vector(inputs.get(i), dimensions);
			data.add(new DemoWire.Embedding("embedding", i, base64 ? DemoEmbeddings.toBase64(vector) : vector));
			tokens += DemoEmbeddings.tokens(inputs.get(i));
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		DemoWire.Embeddings body = new DemoWire.Embeddings("list", data, request.model(),
				new DemoWire.EmbeddingsUsage(tokens, tokens));
		return ResponseEntity.ok()
			.header(REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(body).delaySubscription(delay));
	}

}
