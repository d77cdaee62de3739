package io.github.llmclient.sample.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.llmclient.sample.demo.DemoWire.CompletionRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The offline demo model behind AWS Bedrock's runtime API, under {@code /demo/bedrock}: the same
 * model as {@link DemoModelController} ({@link DemoModel} decides, {@link DemoConversation}
 * checks), read from and written in Bedrock's wire format, so that the sample app runs with
 * {@code llm.provider=bedrock} with nothing outside the machine.
 *
 * <p>
 * {@code POST /demo/bedrock/model/{modelId}/converse} answers JSON;
 * {@code /converse-stream} answers {@code application/vnd.amazon.eventstream} frames
 * ({@link DemoBedrockAnswers}, {@link DemoBedrockFrames}). {@code POST /model/{modelId}/invoke}
 * answers a Titan embeddings request ({@code inputText} → {@code embedding},
 * {@code inputTextTokenCount}) for a model id containing {@code titan-embed}. Any bearer key is
 * accepted; SigV4 signatures are not checked. The {@link DemoFault} keywords fail as Bedrock fails:
 * HTTP 503 {@code ServiceUnavailableException} or 429 {@code ThrottlingException}, named by
 * {@code x-amzn-ErrorType}, without {@code Retry-After} (Bedrock sends none).
 */
@RestController
@RequestMapping("/demo/bedrock")
@ConditionalOnBooleanProperty(name = "demo.enabled", matchIfMissing = true)
public class DemoBedrockController {

	/** The media type of AWS event-stream frames. */
	static final MediaType EVENT_STREAM = MediaType.parseMediaType("application/vnd.amazon.eventstream");

	static final String REQUEST_ID = "x-amzn-RequestId";

	static final String ERROR_TYPE = "x-amzn-ErrorType";

	private static final String CLIENT_REQUEST_ID = "X-Client-Request-Id";

	private final DemoModelProperties properties;

	private final AttemptCounter attempts = new AttemptCounter();

	private final AtomicLong ids = new AtomicLong();

	/**
	 * Creates the demo model's Bedrock face.
	 * @param properties the {@code demo.*} properties
	 */
	public DemoBedrockController(DemoModelProperties properties) {
		this.properties = properties;
	}

	/**
	 * Answers a Converse request with one JSON answer.
	 * @param modelId the model, from the URL
	 * @param body the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the answer or a Bedrock-style error
	 */
	@PostMapping("/model/{modelId}/converse")
	public ResponseEntity<Object> converse(@PathVariable String modelId, @RequestBody JsonNode body,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		return answer(modelId, body, clientRequestId, false);
	}

	/**
	 * Answers a ConverseStream request with event-stream frames.
	 * @param modelId the model, from the URL
	 * @param body the request
	 * @param clientRequestId the starter's id of the logical call, the same on every attempt
	 * @return the frames or a Bedrock-style error (its JSON as bytes: the body type must be
	 * declared for WebFlux to find an encoder of the event-stream media type)
	 */
	@PostMapping("/model/{modelId}/converse-stream")
	@SuppressWarnings("unchecked")
	public ResponseEntity<Flux<byte[]>> converseStream(@PathVariable String modelId, @RequestBody JsonNode body,
			@RequestHeader(name = CLIENT_REQUEST_ID, required = false) @Nullable String clientRequestId) {
		ResponseEntity<Object> answer = answer(modelId, body, clientRequestId, true);
		Object content = answer.getBody();
		Flux<byte[]> bytes = (content instanceof Flux<?> frames) ? (Flux<byte[]>) frames
				: Flux.just(JsonMapper.shared().writeValueAsBytes(content));
		return new ResponseEntity<>(bytes, answer.getHeaders(), answer.getStatusCode());
	}

	/**
	 * Answers a Titan embeddings request: one text, one vector.
	 * @param modelId the model, from the URL
	 * @param body {@code {inputText, dimensions?, normalize?}}
	 * @return {@code {embedding, inputTextTokenCount}} or a Bedrock-style error
	 */
	@PostMapping("/model/{modelId}/invoke")
	public ResponseEntity<Object> invoke(@PathVariable String modelId, @RequestBody JsonNode body) {
		String requestId = requestId();
		if (!modelId.toLowerCase(Locale.ROOT).contains("titan-embed")) {
			return DemoBedrockErrors.validation(requestId,
					"The demo serves InvokeModel for Titan embeddings only (a model id containing titan-embed), not "
							+ modelId + "; chat goes to Converse.");
		}
		String text = body.path("inputText").asString("");
		if (text.isBlank()) {
			return DemoBedrockErrors.validation(requestId, "Malformed input request: inputText must not be empty");
		}
		int attempt = this.attempts.next("invoke|" + text);
		DemoFault fault = DemoFault.in(text);
		ResponseEntity<Object> failure = (fault != null) ? DemoBedrockErrors.actedOut(fault, attempt, requestId)
				: null;
		if (failure != null) {
			return failure;
		}
		int dimensions;
		try {
			dimensions = DemoEmbeddings.dimensions(body.get("dimensions"));
		}
		catch (IllegalArgumentException ex) {
			return DemoBedrockErrors.validation(requestId, String.valueOf(ex.getMessage()));
		}
		ObjectNode answer = JsonNodeFactory.instance.objectNode();
		var vector = answer.putArray("embedding");
		for (float value : DemoEmbeddings.vector(text, dimensions)) {
			vector.add(value);
		}
		answer.put("inputTextTokenCount", DemoEmbeddings.tokens(text));
		return ResponseEntity.ok().header(REQUEST_ID, requestId).contentType(MediaType.APPLICATION_JSON).body(answer);
	}

	private ResponseEntity<Object> answer(String modelId, JsonNode body, @Nullable String clientRequestId,
			boolean stream) {
		String requestId = requestId();
		if (!modelId.equals(this.properties.model())) {
			return DemoBedrockErrors.validation(requestId, "The provided model identifier is invalid: " + modelId
					+ " (this demo serves " + this.properties.model() + ").");
		}
		DemoConversation conversation;
		CompletionRequest request;
		try {
			request = DemoBedrockRequests.read(modelId, body, stream);
			conversation = DemoConversation.of(request);
		}
		catch (IllegalArgumentException ex) {
			return DemoBedrockErrors.validation(requestId, String.valueOf(ex.getMessage()));
		}
		String prompt = conversation.prompt();
		int attempt = this.attempts.next("bedrock|" + ((clientRequestId != null) ? clientRequestId : prompt));
		DemoFault fault = DemoFault.in(prompt);
		ResponseEntity<Object> failure = (fault != null) ? DemoBedrockErrors.actedOut(fault, attempt, requestId)
				: null;
		if (failure != null) {
			return failure;
		}
		Duration delay = (fault == DemoFault.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		DemoReply reply = DemoModel.reply(conversation, attempt, "tooluse_demo_" + this.ids.incrementAndGet())
			.limitedTo(request.maxTokens());
		int inputTokens = conversation.promptTokens();
		if (stream) {
			Flux<byte[]> frames = DemoBedrockAnswers.stream(reply, inputTokens, this.properties.wordDelay());
			return ResponseEntity.ok()
				.header(REQUEST_ID, requestId)
				.contentType(EVENT_STREAM)
				.body(frames.delaySubscription(delay));
		}
		return ResponseEntity.ok()
			.header(REQUEST_ID, requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Mono.just(DemoBedrockAnswers.converse(reply, inputTokens)).delaySubscription(delay));
	}

	private String requestId() {
		return "demo-bedrock-" + this.ids.incrementAndGet();
	}

}
