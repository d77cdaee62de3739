package io.github.llmclient.sample.tools;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.sample.chat.Prompts;
import io.github.llmclient.sample.problem.LlmProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tools/stream}: the tool loop of {@link ToolsController} as server-sent events,
 * so the page shows each step as it happens: a {@code call} event when the model asks for the
 * clock ({@code {"turn", "id", "name", "arguments"}}), a {@code result} event once it ran
 * ({@code {"turn", "id", "name", "result"}}), then one {@code answer} event
 * ({@code {"answer", "turns", "finishReason"}}) or one {@code problem} event.
 */
@RestController
@RequestMapping("/api/tools")
public class ToolStreamController {

	private static final Log logger = LogFactory.getLog(ToolStreamController.class);

	private final LlmTemplate llm;

	private final ClockTool clock;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 * @param clock the tool the model may call
	 */
	public ToolStreamController(LlmTemplate llm, ClockTool clock) {
		this.llm = llm;
		this.clock = clock;
	}

	/**
	 * Runs the tool loop for a question, one event per step.
	 * @param q the question
	 * @param model the model, or null for {@code llm.model}
	 * @return the events
	 */
	// No "produces": with it, a problem body for bad input would be written as an event stream.
	@GetMapping("/stream")
	public Flux<ServerSentEvent<Object>> stream(@RequestParam("q") String q,
			@RequestParam(name = "model", required = false) @Nullable String model) {
		ChatRequest request = ChatRequest.builder()
			.model(Prompts.model(model))
			.user(Prompts.require(q, "question"))
			.tool(ClockTool.TOOL)
			.build();
		return Flux.defer(() -> turn(request, 1))
			.onErrorResume((ex) -> Mono.just(event("problem", problemOf(ex))));
	}

	private Flux<ServerSentEvent<Object>> turn(ChatRequest request, int turn) {
		return this.llm.chat(request).flatMapMany((answer) -> {
			if (answer.toolCalls().isEmpty()) {
				return Flux.just(event("answer", new Answer(answer.content(), turn, answer.finishReason())));
			}
			if (turn == ToolsController.MAX_TURNS) {
				return Flux.error(new IllegalStateException(
						"The model still called tools after " + ToolsController.MAX_TURNS + " turns"));
			}
			ChatRequest.Builder next = request.mutate().message(ChatMessage.assistant(answer));
			return Flux.fromIterable(answer.toolCalls())
				.concatMap((call) -> run(call, turn, next))
				.concatWith(Flux.defer(() -> turn(next.build(), turn + 1)));
		});
	}

	/** A call event, then the tool runs and its result is added to the next request and sent. */
	private Flux<ServerSentEvent<Object>> run(ToolCall call, int turn, ChatRequest.Builder next) {
		return Flux.concat(Mono.just(event("call", new Call(turn, call.id(), call.name(), call.arguments()))),
				Mono.fromSupplier(() -> {
					String result = this.clock.call(call);
					next.message(ChatMessage.tool(call.id(), result));
					return event("result", new Result(turn, call.id(), call.name(), result));
				}));
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	private static ProblemDetail problemOf(Throwable failure) {
		if (failure instanceof LlmException llmFailure) {
			logger.warn("Tool loop failed: " + llmFailure.getMessage());
			return LlmProblems.problemOf(llmFailure);
		}
		if (failure instanceof IllegalStateException) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, failure.getMessage());
		}
		logger.error("Tool loop failed", failure);
		return LlmProblems.internalError();
	}

	/**
	 * The data of a {@code call} event.
	 *
	 * @param turn the turn that asked for it, from 1
	 * @param id the call's id
	 * @param name the tool
	 * @param arguments the arguments' JSON, as the model wrote it
	 */
	record Call(int turn, String id, String name, String arguments) {

	}

	/**
	 * The data of a {@code result} event.
	 *
	 * @param turn the turn that asked for the call
	 * @param id the call's id
	 * @param name the tool
	 * @param result the result's JSON, as sent back to the model
	 */
	record Result(int turn, String id, String name, String result) {

	}

	/**
	 * The data of the {@code answer} event.
	 *
	 * @param answer the model's final text
	 * @param turns how many times the model was asked
	 * @param finishReason why the last turn stopped
	 */
	record Answer(String answer, int turns, @Nullable String finishReason) {

	}

}
