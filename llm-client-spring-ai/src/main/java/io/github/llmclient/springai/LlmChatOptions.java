package io.github.llmclient.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.llmclient.chat.Reasoning;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of an {@link LlmChatModel}: Spring AI's portable chat options, the tools
 * {@code ChatClient} adds (sent as definitions, never run by the model), the JSON Schema of a
 * native structured answer, and how much a reasoning model should think. Unset values fall back
 * to the client's configuration ({@code llm.model}, {@code llm.max-tokens}).
 *
 * <pre class="code">
 * chatClient.prompt("Plan my trip")
 *     .options(LlmChatOptions.builder().temperature(0.2).reasoning(Reasoning.effort(ReasoningEffort.LOW)))
 *     .call().content();
 * </pre>
 */
public final class LlmChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

	private final @Nullable String model;

	private final @Nullable Double frequencyPenalty;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double presencePenalty;

	private final @Nullable List<String> stopSequences;

	private final @Nullable Double temperature;

	private final @Nullable Integer topK;

	private final @Nullable Double topP;

	private final @Nullable List<ToolCallback> toolCallbacks;

	private final @Nullable Map<String, Object> toolContext;

	private final @Nullable String outputSchema;

	private final @Nullable Reasoning reasoning;

	private LlmChatOptions(Builder builder) {
		this.model = builder.model();
		this.frequencyPenalty = builder.frequencyPenalty();
		this.maxTokens = builder.maxTokens();
		this.presencePenalty = builder.presencePenalty();
		this.stopSequences = (builder.stopSequences() != null) ? List.copyOf(builder.stopSequences()) : null;
		this.temperature = builder.temperature();
		this.topK = builder.topK();
		this.topP = builder.topP();
		this.toolCallbacks = (builder.toolCallbacks() != null) ? List.copyOf(builder.toolCallbacks()) : null;
		this.toolContext = (builder.toolContext() != null) ? Map.copyOf(builder.toolContext()) : null;
		this.outputSchema = builder.outputSchema;
		this.reasoning = builder.reasoning;
	}

	/**
	 * A builder of options, all unset.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	@Override
	public @Nullable Integer getTopK() {
		return this.topK;
	}

	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	@Override
	public @Nullable List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	@Override
	public @Nullable Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	/**
	 * How much a reasoning model should think.
	 * @return the reasoning control, or null for the provider's default
	 */
	public @Nullable Reasoning getReasoning() {
		return this.reasoning;
	}

	@Override
	public Builder mutate() {
		Builder builder = new Builder().model(this.model)
			.frequencyPenalty(this.frequencyPenalty)
			.maxTokens(this.maxTokens)
			.presencePenalty(this.presencePenalty)
			.stopSequences(this.stopSequences)
			.temperature(this.temperature)
			.topK(this.topK)
			.topP(this.topP)
			.toolCallbacks(this.toolCallbacks)
			.toolContext(this.toolContext)
			.outputSchema(this.outputSchema);
		return builder.reasoning(this.reasoning);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof LlmChatOptions that)) {
			return false;
		}
		return Objects.equals(this.model, that.model) && Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.maxTokens, that.maxTokens)
				&& Objects.equals(this.presencePenalty, that.presencePenalty)
				&& Objects.equals(this.stopSequences, that.stopSequences)
				&& Objects.equals(this.temperature, that.temperature) && Objects.equals(this.topK, that.topK)
				&& Objects.equals(this.topP, that.topP) && Objects.equals(this.toolCallbacks, that.toolCallbacks)
				&& Objects.equals(this.toolContext, that.toolContext)
				&& Objects.equals(this.outputSchema, that.outputSchema) && Objects.equals(this.reasoning, that.reasoning);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.frequencyPenalty, this.maxTokens, this.presencePenalty, this.stopSequences,
				this.temperature, this.topK, this.topP, this.toolCallbacks, this.toolContext, this.outputSchema,
				this.reasoning);
	}

	@Override
	public String toString() {
		return "LlmChatOptions[model=" + this.model + ", temperature=" + this.temperature + ", maxTokens="
				+ this.maxTokens + ", topP=" + this.topP + ", tools="
				+ ((this.toolCallbacks != null) ? this.toolCallbacks.size() : 0) + ", outputSchema="
				+ (this.outputSchema != null) + ", reasoning=" + this.reasoning + "]";
	}

	/**
	 * Builds {@link LlmChatOptions}. {@code ChatClient} combines the model's defaults with a
	 * call's own options through {@link #combineWith}: a value set on the call wins, tools and
	 * stop sequences add up.
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private @Nullable String outputSchema;

		private @Nullable Reasoning reasoning;

		Builder() {
		}

		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return self();
		}

		/**
		 * How much a reasoning model should think ({@code ChatRequest.reasoning()}).
		 * @param reasoning the control, or null for the provider's default
		 * @return this builder
		 */
		public Builder reasoning(@Nullable Reasoning reasoning) {
			this.reasoning = reasoning;
			return self();
		}

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			if (other instanceof Builder that) {
				if (that.outputSchema != null) {
					this.outputSchema = that.outputSchema;
				}
				if (that.reasoning != null) {
					this.reasoning = that.reasoning;
				}
			}
			return self();
		}

		@Override
		public LlmChatOptions build() {
			return new LlmChatOptions(this);
		}

		@Nullable String model() {
			return this.model;
		}

		@Nullable Double frequencyPenalty() {
			return this.frequencyPenalty;
		}

		@Nullable Integer maxTokens() {
			return this.maxTokens;
		}

		@Nullable Double presencePenalty() {
			return this.presencePenalty;
		}

		@Nullable List<String> stopSequences() {
			return this.stopSequences;
		}

		@Nullable Double temperature() {
			return this.temperature;
		}

		@Nullable Integer topK() {
			return this.topK;
		}

		@Nullable Double topP() {
			return this.topP;
		}

		@Nullable List<ToolCallback> toolCallbacks() {
			return (this.toolCallbacks != null) ? new ArrayList<>(this.toolCallbacks) : null;
		}

		@Nullable Map<String, Object> toolContext() {
			return this.toolContext;
		}

	}

}
