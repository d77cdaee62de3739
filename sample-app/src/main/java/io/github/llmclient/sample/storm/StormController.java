package io.github.llmclient.sample.storm;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/storm}: streams {@value #PROMPTS} prompts at once through the default client,
 * every fifth with {@code #fail-once} (a 503, retried after a backoff) and every fifth with
 * {@code #limit-once} (a 429 whose {@code Retry-After: 1} is waited out). More prompts than
 * {@code llm.max-concurrent} (10 in the sample), so the rest queue for a permit: the live panel
 * shows the queue, the retries by reason and the waits. Sent from the server because a browser
 * opens only six connections to one host.
 */
@RestController
@RequestMapping("/api")
public class StormController {

	/** How many prompts one storm sends. */
	public static final int PROMPTS = 50;

	private static final Log logger = LogFactory.getLog(StormController.class);

	private final LlmTemplate llm;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 */
	public StormController(LlmTemplate llm) {
		this.llm = llm;
	}

	/**
	 * Sends the storm and answers when every prompt has ended.
	 * @return how many were answered and how many failed
	 */
	@PostMapping("/storm")
	public Mono<StormResult> storm() {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return Flux.fromIterable(prompts())
				.flatMap(this::answered, PROMPTS)
				.reduce(new int[2], (counts, ok) -> {
					counts[ok ? 0 : 1]++;
					return counts;
				})
				.map((counts) -> new StormResult(PROMPTS, counts[0], counts[1],
						(System.nanoTime() - start) / 1_000_000));
		});
	}

	static List<String> prompts() {
		List<String> prompts = new ArrayList<>(PROMPTS);
		for (int i = 1; i <= PROMPTS; i++) {
			String keyword = switch (i % 5) {
				case 1 -> "#fail-once ";
				case 2 -> "#limit-once ";
				default -> "";
			};
			prompts.add(keyword + "Storm prompt " + i + ": how do retries and queues behave under load?");
		}
		return prompts;
	}

	private Mono<Boolean> answered(String prompt) {
		return this.llm.stream(ChatRequest.builder().user(prompt).build())
			.then(Mono.just(true))
			.onErrorResume((ex) -> {
				logger.warn("Storm prompt failed: " + ex.getMessage());
				return Mono.just(false);
			});
	}

}
