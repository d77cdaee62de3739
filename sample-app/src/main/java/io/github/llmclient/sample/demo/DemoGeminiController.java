package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The offline demo model in Google's Gemini API, under {@code /demo/v1beta} (the sample app calls it
 * with {@code --llm.provider=gemini}): the same answers and failure keywords as the OpenAI format
 * ({@link DemoModelController}), in Gemini's shapes.
 *
 * <p>
 * {@code POST /demo/v1beta/models/{model}:generateContent} answers one response;
 * {@code :streamGenerateContent?alt=sse} streams them word by word with cumulative usage and no end
 * marker; tool calls are {@code functionCall} parts, the first signed ({@code thoughtSignature});
 * results come back as {@code functionResponse} parts; {@code responseJsonSchema} gets JSON filling
 * the schema. {@code :batchEmbedContents} answers the demo's vectors as JSON arrays;
 * {@code GET /demo/v1beta/models} lists the two models. A {@code #limit-once} prompt gets a 429
 * whose {@code google.rpc.RetryInfo} asks for 1s; {@code #fail-once} a 503 {@code UNAVAILABLE}.
 */
@RestController
@RequestMapping("/demo/v1beta")
@ConditionalOnBooleanProperty(name = "demo.enabled", matchIfMissing = true)
public class DemoGeminiController {

	private static final String CLIENT_REQUEST_ID = "X-Client-Request-Id";

	private static final String GENERATE = "generateContent";

	private static final String STREAM = "streamGenerateContent";

	private static final String EMBED = "batchEmbedContents";

	private final DemoModelProperties properties;

	private final AttemptCounter attempts = new AttemptCounter();

	private final AtomicLong ids = new AtomicLong();

	/**
	 * Creates the Gemini face of the demo model.
	 * @param properties the {@code demo.*} properties
	 */
	public DemoGeminiController(DemoModelProperties properties) {
		this.properties = properties;
	}

	/**
	 * Lists the models served, in one page.
	 * @return the list
	 */
	@GetMapping("/models")
	public JsonNode models() {
		return DemoGeminiAnswers.models(this.properties);
	}

	/**
	 * Serves {@code models/{model}:{method}}: {@code generateContent}, {@code streamGenerateContent}
	 * or {@code batchEmbedContents}.
	 * @param target {@code {model}:{method}}
	 * @param alt {@code sse} for a server-sent event stream
	 * @param body the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the answer or a Gemini-style error
	 */
	@PostMapping("/models/{target}")
	public ResponseEntity<Object> call(@PathVariable String target, @RequestParam(required = false) @Nullable String alt,
			@RequestBody JsonNode body,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		int colon = target.lastIndexOf(':');
		String model = (colon > 0) ? target.substring(0, colon) : target;
		String method = (colon > 0) ? target.substring(colon + 1) : "";
		return switch (method) {
			case GENERATE -> generate(model, body, false, clientRequestId);
			case STREAM -> generate(model, body, "sse".equals(alt), clientRequestId);
			case EMBED -> embed(model, body, clientRequestId);
			default -> DemoGeminiErrors.notFound(model, method);
		};
	}

	private ResponseEntity<Object> generate(String model, JsonNode body, boolean sse,
			@Nullable String clientRequestId) {
		if (!model.equals(this.properties.model())) {
			return DemoGeminiErrors.notFound(model, GENERATE);
		}
		DemoConversation conversation;
		DemoWire.CompletionRequest request;
		try {
			request = DemoGeminiRequest.toCompletion(model, body, sse);
			conversation = DemoConversation.of(request);
		}
		catch (IllegalArgumentException ex) {
			return DemoGeminiErrors.invalidArgument(String.valueOf(ex.getMessage()));
		}
		String prompt = conversation.prompt();
		int attempt = this.attempts.next((clientRequestId != null) ? clientRequestId : prompt);
		DemoFault fault = DemoFault.in(prompt);
		ResponseEntity<Object> failure = (fault != null) ? DemoGeminiErrors.actedOut(fault, attempt) : null;
		if (failure != null) {
			return failure;
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		long number = this.ids.incrementAndGet();
		String responseId = "demo-gemini-" + number;
		DemoReply reply = DemoModel.reply(conversation, attempt, "call_demo_" + number).limitedTo(request.maxTokens());
		if (sse) {
			Flux<ServerSentEvent<Object>> events = DemoGeminiAnswers.stream(responseId, model, reply,
					conversation.promptTokens(), this.properties.wordDelay());
			return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events.delaySubscription(delay));
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(DemoGeminiAnswers.response(responseId, model, reply, conversation.promptTokens()))
				.delaySubscription(delay));
	}

	private ResponseEntity<Object> embed(String model, JsonNode body, @Nullable String clientRequestId) {
		if (!model.equals(this.properties.embeddingModel())) {
			return DemoGeminiErrors.notFound(model, EMBED);
		}
		JsonNode requests = body.path("requests");
		if (!requests.isArray() || requests.isEmpty()) {
			return DemoGeminiErrors.invalidArgument("* BatchEmbedContentsRequest.requests: requests is not specified");
		}
		if (requests.size() > 100) {
			return DemoGeminiErrors.invalidArgument("* BatchEmbedContentsRequest.requests: at most 100 requests can "
					+ "be in one batch");
		}
		List<String> inputs = new ArrayList<>();
		List<Integer> dimensions = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			JsonNode request = requests.get(i);
			if (!("models/" + model).equals(request.path("model").asString(""))) {
				return DemoGeminiErrors.invalidArgument("* BatchEmbedContentsRequest.requests[" + i + "].model: the "
						+ "model of each request must be the batch's model, models/" + model);
			}
			StringBuilder text = new StringBuilder();
			for (JsonNode part : request.path("content").path("parts")) {
				text.append(part.path("text").asString(""));
			}
			if (text.isEmpty()) {
				return DemoGeminiErrors.invalidArgument("* BatchEmbedContentsRequest.requests[" + i
						+ "].content: content must not be empty");
			}
			try {
				dimensions.add(DemoEmbeddings.dimensions(request.get("outputDimensionality")));
			}
			catch (IllegalArgumentException ex) {
				return DemoGeminiErrors.invalidArgument(String.valueOf(ex.getMessage()));
			}
			inputs.add(text.toString());
		}
		String text = String.join("\n", inputs);
		String callKey = "embeddings|" + ((clientRequestId != null) ? clientRequestId : text) + "|" + inputs.get(0);
		DemoFault fault = DemoFault.in(text);
		ResponseEntity<Object> failure = (fault != null)
				? DemoGeminiErrors.actedOut(fault, this.attempts.next(callKey)) : null;
		if (failure != null) {
			return failure;
		}
		List<float[]> vectors = new ArrayList<>(inputs.size());
		for (int i = 0; i < inputs.size(); i++) {
			vectors.add(DemoEmbeddings.vector(inputs.get(i), dimensions.get(i)));
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(DemoGeminiAnswers.embeddings(vectors)).delaySubscription(delay));
	}

}
