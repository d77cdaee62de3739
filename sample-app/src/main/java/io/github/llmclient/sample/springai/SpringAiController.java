package io.github.llmclient.sample.springai;

import io.github.llmclient.sample.chat.Prompts;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/spring-ai/ask}: Spring AI's {@code ChatClient} over the auto-configured
 * {@code LlmChatModel} (the default client's {@code defaultChatModel}). ChatClient offers the
 * {@link SpringAiClock} tool, runs it when the model calls it, sends the result back, and reads
 * the final answer as a {@link ZoneTime} through the provider's structured output. Underneath,
 * every turn travels the starter's road: retries, permits, meters.
 */
@RestController
@RequestMapping("/api/spring-ai")
public class SpringAiController {

	private final ChatClient chatClient;

	/**
	 * Creates the controller.
	 * @param chatModel the auto-configured Spring AI model of the default client
	 * @param clock the tool ChatClient offers
	 */
	public SpringAiController(ChatModel chatModel, SpringAiClock clock) {
		this.chatClient = ChatClient.builder(chatModel).defaultTools(clock).build();
	}

	/**
	 * Answers a question about the time somewhere, as a typed answer.
	 * @param question the question
	 * @return the time zone and its date, read from the clock
	 */
	@PostMapping(path = "/ask", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<ZoneTime> ask(@RequestBody SpringAiQuestion question) {
		String prompt = Prompts.require(question.prompt(), "prompt");
		// ChatClient.call() blocks until the answer is there: off the event loop
		return Mono.fromCallable(() -> this.chatClient.prompt(prompt)
			.call()
			.entity(ZoneTime.class, (entity) -> entity.useProviderStructuredOutput()))
			.subscribeOn(Schedulers.boundedElastic());
	}

}
