package io.github.llmclient.sample.demo;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The subset of OpenAI's wire format that the demo model reads and writes: Chat Completions (text
 * and content-part messages, tools, tool calls and their results, response formats) and Embeddings.
 */
final class DemoWire {

	private DemoWire() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CompletionRequest(@Nullable String model, @Nullable List<InMessage> messages, @Nullable Boolean stream,
			@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
			@JsonProperty("max_tokens") @Nullable Integer maxTokens, @Nullable List<ToolDefinition> tools,
			@JsonProperty("tool_choice") @Nullable JsonNode toolChoice,
			@JsonProperty("response_format") @Nullable ResponseFormat responseFormat) {

		boolean streaming() {
			return Boolean.TRUE.equals(this.stream);
		}

		boolean includeUsage() {
			return this.streamOptions != null && Boolean.TRUE.equals(this.streamOptions.includeUsage());
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record StreamOptions(@JsonProperty("include_usage") @Nullable Boolean includeUsage) {

	}

	/**
	 * A message of the request.
	 *
	 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
	 * @param content a string, an array of content parts, or null (an assistant turn that only
	 * calls tools)
	 * @param toolCalls an assistant turn's tool calls
	 * @param toolCallId the call a tool message answers
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record InMessage(@Nullable String role, @Nullable JsonNode content,
			@JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
			@JsonProperty("tool_call_id") @Nullable String toolCallId) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolDefinition(@Nullable String type, @Nullable FunctionDefinition function) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FunctionDefinition(@Nullable String name, @Nullable String description, @Nullable JsonNode parameters) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ResponseFormat(@Nullable String type, @JsonProperty("json_schema") @Nullable JsonSchemaFormat jsonSchema) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record JsonSchemaFormat(@Nullable String name, @Nullable JsonNode schema, @Nullable Boolean strict) {

	}

	/** A tool call, in an answer or replayed in a request. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolCall(@Nullable String id, @Nullable String type, @Nullable FunctionCall function) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record FunctionCall(@Nullable String name, @Nullable String arguments) {

	}

	/** A text delta of a stream, or its first ({@code role}) and last (empty) deltas. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Delta(@Nullable String role, @Nullable String content) {

	}

	/**
	 * A delta of a streamed tool call: the first of a call carries its id, type and name, the
	 * others a fragment of its arguments.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ToolCallDelta(int index, @Nullable String id, @Nullable String type, FunctionDelta function) {

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FunctionDelta(@Nullable String name, String arguments) {

	}

	/**
	 * The answer's message: {@code content} is written even when null (an answer that only calls
	 * tools), as OpenAI does; {@code tool_calls} only when there are some.
	 */
	record AnswerMessage(String role, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String content,
			@JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls) {

	}

	record Completion(String id, String object, long created, String model, List<Choice> choices, TokenUsage usage) {

	}

	record Choice(int index, AnswerMessage message, @JsonProperty("finish_reason") String finishReason) {

	}

	record CompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable TokenUsage usage) {

	}

	/**
	 * One choice of a chunk.
	 *
	 * @param index always 0
	 * @param delta a {@link Delta}, or a map for the delta that starts a tool call (whose
	 * {@code content} is an explicit null, as OpenAI sends it)
	 * @param finishReason the finish reason, on the last chunk
	 */
	record ChunkChoice(int index, Object delta, @JsonProperty("finish_reason") @Nullable String finishReason) {

	}

	record TokenUsage(@JsonProperty("prompt_tokens") int promptTokens,
			@JsonProperty("completion_tokens") int completionTokens, @JsonProperty("total_tokens") int totalTokens) {

	}

	/**
	 * The body of {@code POST /embeddings}.
	 *
	 * @param model the embedding model
	 * @param input a string or an array of strings (read as a tree, to answer a wrong shape with
	 * OpenAI's 400 rather than a deserialisation error)
	 * @param encodingFormat {@code float} (the default) or {@code base64}
	 * @param dimensions the length the vectors should have, or null for the model's own
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record EmbeddingsRequest(@Nullable String model, @Nullable JsonNode input,
			@JsonProperty("encoding_format") @Nullable String encodingFormat, @Nullable JsonNode dimensions) {

	}

	/**
	 * The answer of {@code POST /embeddings}.
	 *
	 * @param object always {@code list}
	 * @param data one embedding per input, in input order
	 * @param model the model
	 * @param usage the inputs' tokens
	 */
	record Embeddings(String object, List<Embedding> data, String model, EmbeddingsUsage usage) {

	}

	/**
	 * One embedding.
	 *
	 * @param object always {@code embedding}
	 * @param index the input's position
	 * @param embedding a {@code float[]} (written as a JSON array) or a base64 {@code String} of
	 * little-endian float32 values
	 */
	record Embedding(String object, int index, Object embedding) {

	}

	record EmbeddingsUsage(@JsonProperty("prompt_tokens") int promptTokens,
			@JsonProperty("total_tokens") int totalTokens) {

	}

	record ModelList(String object, List<Model> data) {

	}

	record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

	}

	record ErrorBody(Error error) {

	}

	record Error(String message, String type, @Nullable String param, @Nullable String code) {

	}

}
