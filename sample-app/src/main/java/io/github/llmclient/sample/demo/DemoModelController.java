package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.llmclient.sample.demo.DemoWire.ChunkChoice;
import io.github.llmclient.sample.demo.DemoWire.CompletionChunk;
import io.github.llmclient.sample.demo.DemoWire.CompletionRequest;
import io.github.llmclient.sample.demo.DemoWire.Message;
import io.github.llmclient.sample.demo.DemoWire.TokenUsage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
 * the answer short with {@code finish_reason: length}. A {@link DemoFault} keyword in the prompt
 * makes it fail on purpose. {@code GET /demo/v1/models} lists {@code demo.model}.
 */
@RestController
@RequestMapping("/demo/v1")
@ConditionalOnBooleanProperty(name = "demo.enabled", matchIfMissing = true)
public class DemoModelController {

	private static final String CLIENT_REQUEST_ID = "X-Client-Request-Id";

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
	 * Lists the one model served.
	 * @return the model list
	 */
	@GetMapping("/models")
	public DemoWire.ModelList models() {
		return new DemoWire.ModelList("list",
				List.of(new DemoWire.Model(this.properties.model(), "model", 0, "llm-client-sample-app")));
	}

	/**
	 * Answers a chat completion request, streamed or not, or fails as its prompt asks.
	 * @param request the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the completion, the event stream, or an OpenAI-style error
	 */
	@PostMapping("/chat/completions")
	public ResponseEntity<Object> completions(@RequestBody CompletionRequest request,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		String requestId = "req_demo_" + this.ids.incrementAndGet();
		if (request.model() == null || request.model().isBlank()) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId, "You must provide a model parameter.",
					null);
		}
		if (!request.model().equals(this.properties.model())) {
			return DemoErrors.invalidRequest(HttpStatus.NOT_FOUND, requestId, "The model `" + request.model()
					+ "` does not exist; this demo serves `" + this.properties.model() + "`.", "model_not_found");
		}
		String prompt = lastUserMessage(request);
		if (prompt == null) {
			return DemoErrors.invalidRequest(HttpStatus.BAD_REQUEST, requestId,
					"The messages must include a user message.", null);
		}
		int attempt = this.attempts.next((clientRequestId != null) ? clientRequestId : prompt);
		DemoFault fault = DemoFault.in(prompt);
		ResponseEntity<Object> failure = (fault != null) ? DemoErrors.actedOut(fault, attempt, requestId) : null;
		if (failure != null) {
			return failure;
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		List<String> pieces = DemoAnswers.pieces(DemoAnswers.answer(prompt, attempt));
		String finishReason = "stop";
		if (request.maxTokens() != null && request.maxTokens() < pieces.size()) {
			pieces = pieces.subList(0, Math.max(1, request.maxTokens()));
			finishReason = "length";
		}
		int promptTokens = request.messages()
			.stream()
			.mapToInt((message) -> DemoAnswers.words(message.content()))
			.sum();
		TokenUsage usage = new TokenUsage(promptTokens, pieces.size(), promptTokens + pieces.size());
		String id = "chatcmpl-demo-" + requestId.substring("req_demo_".length());
		long created = Instant.now().getEpochSecond();
		if (request.streaming()) {
			Flux<ServerSentEvent<Object>> events = stream(id, created, request, pieces, finishReason, usage);
			return ResponseEntity.ok()
				.header(REQUEST_ID, requestId)
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.body(events.delaySubscription(delay));
		}
		DemoWire.Completion completion = new DemoWire.Completion(id, "chat.completion", created, request.model(),
				List.of(new DemoWire.Choice(0, new Message("assistant", String.join("", pieces)), finishReason)),
				usage);
		return ResponseEntity.ok()
			.header(REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(completion).delaySubscription(delay));
	}

	private Flux<ServerSentEvent<Object>> stream(String id, long created, CompletionRequest request,
			List<String> pieces, String finishReason, TokenUsage usage) {
		String model = request.model();
		Flux<CompletionChunk> chunks = Flux.concat(
				Mono.just(chunk(id, created, model, new Message("assistant", ""), null)),
				Flux.fromIterable(pieces)
					.delayElements(this.properties.wordDelay())
					.map((piece) -> chunk(id, created, model, new Message(null, piece), null)),
				Mono.just(chunk(id, created, model, new Message(null, null), finishReason)),
				request.includeUsage()
						? Mono.just(new CompletionChunk(id, "chat.completion.chunk", created, model, List.of(), usage))
						: Mono.empty());
		return chunks.map((chunk) -> ServerSentEvent.<Object>builder(chunk).build())
			.concatWith(Mono.just(ServerSentEvent.<Object>builder("[DONE]").build()));
	}

	private static CompletionChunk chunk(String id, long created, String model, Message delta,
			@Nullable String finishReason) {
		return new CompletionChunk(id, "chat.completion.chunk", created, model,
				List.of(new ChunkChoice(0, delta, finishReason)), null);
	}

	private static @Nullable String lastUserMessage(CompletionRequest request) {
		if (request.messages() == null) {
			return null;
		}
		String prompt = null;
		for (Message message : request.messages()) {
			if ("user".equals(message.role()) && message.content() != null) {
				prompt = message.content();
			}
		}
		return prompt;
	}

}
