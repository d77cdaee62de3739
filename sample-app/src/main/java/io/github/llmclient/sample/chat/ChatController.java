package io.github.llmclient.sample.chat;

import java.util.List;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.sample.problem.LlmProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chat API, a thin layer over the starter's {@link LlmTemplate}: {@code POST /api/chat}
 * answers with the whole {@link ChatResponse}, {@code GET /api/chat/stream} streams it as
 * server-sent events, {@code GET /api/models} lists the endpoint's models. Failures of the JSON
 * endpoints become problem bodies through {@link io.github.llmclient.sample.problem.ProblemHandler};
 * a failure of the stream ends it with a {@code problem} event, since a browser's
 * {@code EventSource} cannot read the body of an error response.
 */
@RestController
@RequestMapping("/api")
public class ChatController {

	private static final Log logger = LogFactory.getLog(ChatController.class);

	private final LlmTemplate llm;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 */
	public ChatController(LlmTemplate llm) {
		this.llm = llm;
	}

	/**
	 * Answers a prompt in one piece.
	 * @param prompt the prompt and an optional model
	 * @return the response: {@code content}, {@code model}, {@code finishReason}, {@code usage}
	 */
	@PostMapping(path = "/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<ChatResponse> chat(@RequestBody ChatPrompt prompt) {
		return this.llm.chat(requestOf(prompt.prompt(), prompt.model()));
	}

	/**
	 * Streams the answer to a prompt: one {@code chunk} event per piece of text, then a
	 * {@code done} event with the finish reason and token usage, or a {@code problem} event.
	 * @param q the prompt
	 * @param model the model, or null for {@code llm.model}
	 * @return the events
	 */
	// No "produces": with it, a problem body for bad input would be written as an event stream.
	@GetMapping("/chat/stream")
	public Flux<ServerSentEvent<Object>> stream(@RequestParam("q") String q,
			@RequestParam(name = "model", required = false) @Nullable String model) {
		ChatRequest request = requestOf(q, model);
		return Flux.defer(() -> {
			StreamEvents.Summary summary = new StreamEvents.Summary();
			return this.llm.stream(request)
				.doOnNext(summary::add)
				.filter((chunk) -> !chunk.content().isEmpty())
				.map((chunk) -> StreamEvents.of(StreamEvents.CHUNK, new StreamEvents.Text(chunk.content())))
				.concatWith(Mono.fromSupplier(() -> StreamEvents.of(StreamEvents.DONE, summary.done())))
				.onErrorResume((ex) -> Mono.just(StreamEvents.of(StreamEvents.PROBLEM, problemOf(ex))));
		});
	}

	/**
	 * Lists the models the configured endpoint offers.
	 * @return the model ids
	 */
	@GetMapping("/models")
	public Mono<List<String>> models() {
		return this.llm.models();
	}

	private static ProblemDetail problemOf(Throwable failure) {
		if (failure instanceof LlmException llmFailure) {
			logger.warn("Chat stream failed: " + llmFailure.getMessage());
			return LlmProblems.problemOf(llmFailure);
		}
		logger.error("Chat stream failed", failure);
		return LlmProblems.internalError();
	}

	private static ChatRequest requestOf(@Nullable String prompt, @Nullable String model) {
		return ChatRequest.builder().model(Prompts.model(model)).user(Prompts.require(prompt, "prompt")).build();
	}

}
