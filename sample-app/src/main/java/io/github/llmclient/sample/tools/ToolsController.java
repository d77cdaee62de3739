package io.github.llmclient.sample.tools;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.sample.chat.Prompts;
import io.github.llmclient.sample.tools.ToolAnswer.ToolRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/tools/ask}: asks the model with the {@link ClockTool} offered, and runs the tool
 * loop — while the model answers with tool calls, run each one and send its result back — until it
 * answers in text. Failures become problem bodies like the chat API's.
 */
@RestController
@RequestMapping("/api/tools")
public class ToolsController {

	/** The most times the model is asked in one question: a guard against a model that never stops calling. */
	static final int MAX_TURNS = 5;

	private final LlmTemplate llm;

	private final ClockTool clock;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 * @param clock the tool the model may call
	 */
	public ToolsController(LlmTemplate llm, ClockTool clock) {
		this.llm = llm;
		this.clock = clock;
	}

	/**
	 * Answers a question, calling the clock as often as the model asks.
	 * @param question the question, an optional model and whether to stream
	 * @return the final answer, the tool calls made and their results
	 */
	@PostMapping(path = "/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<ToolAnswer> ask(@RequestBody ToolQuestion question) {
		ChatRequest request = ChatRequest.builder()
			.model(Prompts.model(question.model()))
			.user(Prompts.require(question.prompt(), "prompt"))
			.tool(ClockTool.TOOL)
			.build();
		return Mono.defer(() -> converse(request, question.streamed(), new ArrayList<>(), 1, null));
	}

	/** The tool loop: ask; if the model calls tools, replay its turn, add each result, and ask again. */
	private Mono<ToolAnswer> converse(ChatRequest request, boolean streamed, List<ToolRun> runs, int turn,
			@Nullable Usage usedSoFar) {
		return send(request, streamed).flatMap((answer) -> {
			Usage used = add(usedSoFar, answer.usage());
			if (answer.toolCalls().isEmpty()) {
				return Mono.just(new ToolAnswer(answer.content(), List.copyOf(runs), turn, answer.finishReason(), used));
			}
			if (turn == MAX_TURNS) {
				return Mono.error(new ResponseStatusException(HttpStatus.BAD_GATEWAY,
						"The model still called tools after " + MAX_TURNS + " turns"));
			}
			ChatRequest.Builder next = request.mutate().message(ChatMessage.assistant(answer));
			for (ToolCall call : answer.toolCalls()) {
				String result = this.clock.call(call);
				next.message(ChatMessage.tool(call.id(), result));
				runs.add(new ToolRun(call.id(), call.name(), call.arguments(), result));
			}
			return converse(next.build(), streamed, runs, turn + 1, used);
		});
	}

	private Mono<ChatResponse> send(ChatRequest request, boolean streamed) {
		return streamed ? this.llm.stream(request).as(ChatChunks::aggregate) : this.llm.chat(request);
	}

	private static @Nullable Usage add(@Nullable Usage total, @Nullable Usage more) {
		if (total == null || more == null) {
			return (total != null) ? total : more;
		}
		return new Usage(total.inputTokens() + more.inputTokens(), total.outputTokens() + more.outputTokens(),
				total.totalTokens() + more.totalTokens(), total.cachedInputTokens() + more.cachedInputTokens(),
				total.reasoningTokens() + more.reasoningTokens());
	}

}
