package io.github.llmclient.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What a Spring user writes without the starter: a {@link WebClient} with Jackson, a request
 * record, {@code bodyToMono} of a response record, and {@code bodyToFlux(ServerSentEvent)} with
 * each event's data read into a chunk record. It reads each stream to its end and checks that
 * {@code [DONE]} arrived. A tool-call stream is read into chunk records with {@code tool_calls}
 * (a second set of records, so that the text stream's parse is the same as before they existed) and
 * checked like LlmTemplate's: one call, its id and name first, the arguments joined exactly, finish
 * reason {@code tool_calls}.
 */
final class PlainWebClient implements BenchClient {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private final HttpClient httpClient;

	private final WebClient webClient;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final String base;

	private final Expected expected = new Expected();

	PlainWebClient(String base, int connections) {
		this.httpClient = Connections.httpClient("webclient", connections);
		this.webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(this.httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		this.base = base;
	}

	@Override
	public Mono<Boolean> chat() {
		return this.webClient.post()
			.uri(this.base + "/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Request.of(false))
			.retrieve()
			.bodyToMono(Completion.class)
			.map((completion) -> Payloads.CHAT_ANSWER.equals(completion.choices().get(0).message().content()));
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		String answer = this.expected.answer(shape);
		if (shape.content() == StreamContent.TOOL_CALLS) {
			return toolCallStream(answer);
		}
		return Mono.defer(() -> {
			StringBuilder text = new StringBuilder(answer.length());
			boolean[] done = new boolean[1];
			return this.webClient.post()
				.uri(this.base + "/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Request.of(true))
				.retrieve()
				.bodyToFlux(SSE)
				.doOnNext((event) -> {
					String data = event.data();
					if ("[DONE]".equals(data)) {
						done[0] = true;
						return;
					}
					Chunk chunk = this.mapper.readValue(data, Chunk.class);
					if (!chunk.choices().isEmpty() && chunk.choices().get(0).delta().content() != null) {
						text.append(chunk.choices().get(0).delta().content());
					}
				})
				.then(Mono.fromSupplier(() -> done[0] && answer.contentEquals(text)));
		});
	}

	private Mono<Boolean> toolCallStream(String answer) {
		return Mono.defer(() -> {
			StringBuilder arguments = new StringBuilder(answer.length());
			// [DONE] seen, the call started, something wrong, finish reason tool_calls seen
			boolean[] state = new boolean[4];
			return this.webClient.post()
				.uri(this.base + "/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Request.of(true))
				.retrieve()
				.bodyToFlux(SSE)
				.doOnNext((event) -> {
					String data = event.data();
					if ("[DONE]".equals(data)) {
						state[0] = true;
						return;
					}
					ToolChunk chunk = this.mapper.readValue(data, ToolChunk.class);
					if (chunk.choices().isEmpty()) {
						return;
					}
					ToolChunkChoice choice = chunk.choices().get(0);
					if ("tool_calls".equals(choice.finishReason())) {
						state[3] = true;
					}
					if (choice.delta() == null || choice.delta().toolCalls() == null) {
						return;
					}
					for (ToolCallPart call : choice.delta().toolCalls()) {
						if (call.index() != 0 || call.function() == null) {
							state[2] = true;
							continue;
						}
						if (call.id() != null) {
							state[2] |= state[1] || !Payloads.TOOL_CALL_ID.equals(call.id())
									|| !Payloads.TOOL_NAME.equals(call.function().name());
							state[1] = true;
						}
						else {
							state[2] |= !state[1];
						}
						if (call.function().arguments() != null) {
							arguments.append(call.function().arguments());
						}
					}
				})
				.then(Mono.fromSupplier(
						() -> state[0] && state[1] && !state[2] && state[3] && answer.contentEquals(arguments)));
		});
	}

	/**
	 * E1 as a hand-written client does it: the texts cut into batches, each a request record
	 * posted with {@code bodyValue} (no {@code encoding_format}, so JSON numbers, the API's
	 * default), each answer bound by {@code bodyToMono} to a response record whose
	 * {@code embedding} is a {@code float[]} (Jackson's primitive-array reader; a
	 * {@code List<Float>} would box every value), placed by {@code index}; at most the scenario's
	 * concurrency at once, joined in order with {@code flatMapSequential}.
	 */
	@Override
	public Mono<Predicate<EmbeddingPayloads.Check>> embed(List<String> texts, EmbedShape shape) {
		int size = shape.batchSize();
		int batches = (texts.size() + size - 1) / size;
		return Flux.range(0, batches).flatMapSequential((batch) -> {
			List<String> slice = texts.subList(batch * size, Math.min(texts.size(), (batch + 1) * size));
			return this.webClient.post()
				.uri(this.base + "/embeddings")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new EmbeddingsRequest(EmbeddingPayloads.MODEL, slice, shape.dimensions()))
				.retrieve()
				.bodyToMono(EmbeddingsResponse.class)
				.map((response) -> inOrder(response, slice.size()));
		}, shape.concurrency(), 1).collectList().map((parts) -> {
			List<float[]> vectors = new ArrayList<>(texts.size());
			parts.forEach(vectors::addAll);
			return (check) -> check.matches(vectors, texts.size());
		});
	}

	/** The vectors by their index; a missing or doubled one leaves a gap the check finds. */
	private static List<float[]> inOrder(EmbeddingsResponse response, int inputs) {
		float[][] vectors = new float[inputs][];
		if (response.data() != null) {
			for (EmbeddingData item : response.data()) {
				if (item.index() >= 0 && item.index() < inputs) {
					vectors[item.index()] = item.embedding();
				}
			}
		}
		return Arrays.asList(vectors);
	}

	@Override
	public void close() {
		Connections.dispose(this.httpClient);
	}

	record EmbeddingsRequest(String model, List<String> input, int dimensions) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record EmbeddingsResponse(String object, List<EmbeddingData> data, String model, EmbeddingUsage usage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
			@JsonProperty("total_tokens") int totalTokens) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record EmbeddingData(String object, int index, float[] embedding) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Request(String model, List<Message> messages, Boolean stream,
			@JsonProperty("stream_options") StreamOptions streamOptions) {

		static Request of(boolean stream) {
			return new Request(Payloads.MODEL, List.of(new Message("user", Payloads.PROMPT)), stream ? true : null,
					stream ? new StreamOptions(true) : null);
		}

	}

	record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Message(String role, String content) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Completion(String id, String model, List<Choice> choices, Usage usage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Chunk(String id, String model, List<ChunkChoice> choices, Usage usage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ChunkChoice(int index, Message delta, @JsonProperty("finish_reason") String finishReason) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolChunk(String id, String model, List<ToolChunkChoice> choices, Usage usage) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolChunkChoice(int index, ToolDelta delta, @JsonProperty("finish_reason") String finishReason) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolDelta(String role, String content, @JsonProperty("tool_calls") List<ToolCallPart> toolCalls) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolCallPart(int index, String id, String type, FunctionPart function) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FunctionPart(String name, String arguments) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Usage(@JsonProperty("prompt_tokens") int promptTokens,
			@JsonProperty("completion_tokens") int completionTokens,
			@JsonProperty("total_tokens") int totalTokens) {
	}

}
