package io.github.llmclient.sample.demo;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The subset of OpenAI's Chat Completions wire format that the demo model reads and writes. */
final class DemoWire {

	private DemoWire() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CompletionRequest(@Nullable String model, @Nullable List<Message> messages, @Nullable Boolean stream,
			@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
			@JsonProperty("max_tokens") @Nullable Integer maxTokens) {

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

	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Message(@Nullable String role, @Nullable String content) {

	}

	record Completion(String id, String object, long created, String model, List<Choice> choices, TokenUsage usage) {

	}

	record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {

	}

	record CompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable TokenUsage usage) {

	}

	record ChunkChoice(int index, Message delta, @JsonProperty("finish_reason") @Nullable String finishReason) {

	}

	record TokenUsage(@JsonProperty("prompt_tokens") int promptTokens,
			@JsonProperty("completion_tokens") int completionTokens, @JsonProperty("total_tokens") int totalTokens) {

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
