package io.github.llmclient.sample.extract;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.sample.chat.Prompts;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/extract}: a typed answer. {@code LlmTemplate.chat(request, Contact.class)}
 * sends {@link Contact}'s JSON Schema as the response format and reads the answer as a
 * {@link Contact}; an answer that is not one fails with an {@code LlmException} naming the type,
 * which becomes a 502 problem (titled apart when the answer was cut off at the token limit).
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
	 * @param body the text, an optional model and an optional token limit
	 * @return the contact: {@code name}, {@code email}, {@code company}
	 */
	@PostMapping(path = "/extract", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<Contact> extract(@RequestBody ExtractRequest body) {
		if (body.maxTokens() != null && body.maxTokens() < 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "maxTokens must be at least 1");
		}
		ChatRequest.Builder request = ChatRequest.builder()
			.model(Prompts.model(body.model()))
			.system(INSTRUCTIONS)
			.user(Prompts.require(body.text(), "text"));
		if (body.maxTokens() != null) {
			request.maxTokens(body.maxTokens());
		}
		return this.llm.chat(request.build(), Contact.class);
	}

}
