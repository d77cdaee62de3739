package io.github.llmclient.sample.extract;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.sample.chat.Prompts;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/extract}: a typed answer. {@code LlmTemplate.chat(request, Contact.class)}
 * sends {@link Contact}'s JSON Schema as the response format and reads the answer as a
 * {@link Contact}; an answer that is not one fails with an {@code LlmException} naming the type,
 * which becomes a 502 problem.
 */
@RestController
@RequestMapping("/api")
public class ExtractController {

	static final String INSTRUCTIONS = "Extract the contact the user's text mentions: the person's name, e-mail "
			+ "address and company. Use null for what the text does not say.";

	private final LlmTemplate llm;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 */
	public ExtractController(LlmTemplate llm) {
		this.llm = llm;
	}

	/**
	 * Extracts a contact from a text.
	 * @param body the text and an optional model
	 * @return the contact: {@code name}, {@code email}, {@code company}
	 */
	@PostMapping(path = "/extract", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<Contact> extract(@RequestBody ExtractRequest body) {
		ChatRequest request = ChatRequest.builder()
			.model(Prompts.model(body.model()))
			.system(INSTRUCTIONS)
			.user(Prompts.require(body.text(), "text"))
			.build();
		return this.llm.chat(request, Contact.class);
	}

}
