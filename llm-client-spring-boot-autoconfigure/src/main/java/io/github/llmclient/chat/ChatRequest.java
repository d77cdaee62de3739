package io.github.llmclient.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What to ask a model: the messages, and optional sampling settings. Unset fields fall back to
 * the client's configuration ({@code llm.model}, {@code llm.max-tokens}) or the provider's
 * defaults.
 *
 * <pre class="code">
 * ChatRequest request = ChatRequest.builder()
 *     .system("You answer in one sentence.")
 *     .user("What is Reactor?")
 *     .temperature(0.2)
 *     .extraBody("seed", 42)
 *     .build();
 *
 * ChatRequest withTools = ChatRequest.builder()
 *     .user("What time is it in Tokyo?")
 *     .tool(Tool.function("clock", "The current time in a time zone", Clock.class))
 *     .build();
 * </pre>
 *
 * @param model the model (Azure: the deployment), or null for the client's default
 * @param messages the conversation, at least one message
 * @param temperature sampling temperature, or null
 * @param maxTokens cap on generated tokens, or null for the client's default
 * @param topP nucleus sampling, or null
 * @param stop stop sequences (empty when none)
 * @param extraBody fields merged verbatim into the provider's JSON body (empty when none)
 * @param tools the functions the model may call (empty when none)
 * @param toolChoice whether and which tool the model must call, or null for the provider's default
 * @param responseFormat the shape the answer must have, or null for free text
 * @param reasoning how much a reasoning model should think, or null for the provider's default
 * @param cache which part of the request the provider should cache, or null for none
 */
public record ChatRequest(@Nullable String model, List<ChatMessage> messages, @Nullable Double temperature,
		@Nullable Integer maxTokens, @Nullable Double topP, List<String> stop, Map<String, Object> extraBody,
		List<Tool> tools, @Nullable ToolChoice toolChoice, @Nullable ResponseFormat responseFormat,
		@Nullable Reasoning reasoning, @Nullable PromptCache cache) {

	public ChatRequest {
		Objects.requireNonNull(messages, "messages must not be null");
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("A chat request needs at least one message");
		}
		messages = List.copyOf(messages);
		stop = (stop != null) ? List.copyOf(stop) : List.of();
		extraBody = (extraBody != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(extraBody)) : Map.of();
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
		}
		tools = (tools != null) ? List.copyOf(tools) : List.of();
		checkTools(tools, toolChoice);
		if (toolChoice != null && tools.isEmpty() && !extraBody.containsKey("tools")) {
			// the providers answer a tool choice without tools with a 400
			throw new IllegalArgumentException("A tool choice needs tools: add them with .tool(...)");
		}
	}

	/**
	 * A request without tools or response format.
	 * @param model the model, or null for the client's default
	 * @param messages the conversation, at least one message
	 * @param temperature sampling temperature, or null
	 * @param maxTokens cap on generated tokens, or null
	 * @param topP nucleus sampling, or null
	 * @param stop stop sequences
	 * @param extraBody fields merged verbatim into the provider's JSON body
	 */
	public ChatRequest(@Nullable String model, List<ChatMessage> messages, @Nullable Double temperature,
			@Nullable Integer maxTokens, @Nullable Double topP, List<String> stop, Map<String, Object> extraBody) {
		this(model, messages, temperature, maxTokens, topP, stop, extraBody, List.of(), null, null, null, null);
	}

	/**
	 * A request without reasoning or prompt cache settings.
	 * @param model the model, or null for the client's default
	 * @param messages the conversation, at least one message
	 * @param temperature sampling temperature, or null
	 * @param maxTokens cap on generated tokens, or null
	 * @param topP nucleus sampling, or null
	 * @param stop stop sequences
	 * @param extraBody fields merged verbatim into the provider's JSON body
	 * @param tools the functions the model may call
	 * @param toolChoice whether and which tool the model must call, or null
	 * @param responseFormat the shape the answer must have, or null
	 */
	public ChatRequest(@Nullable String model, List<ChatMessage> messages, @Nullable Double temperature,
			@Nullable Integer maxTokens, @Nullable Double topP, List<String> stop, Map<String, Object> extraBody,
			List<Tool> tools, @Nullable ToolChoice toolChoice, @Nullable ResponseFormat responseFormat) {
		this(model, messages, temperature, maxTokens, topP, stop, extraBody, tools, toolChoice, responseFormat, null,
				null);
	}

	private static void checkTools(List<Tool> tools, @Nullable ToolChoice toolChoice) {
		if (tools.isEmpty()) {
			return;
		}
		Set<String> names = new HashSet<>();
		for (Tool tool : tools) {
			if (!names.add(tool.name())) {
				throw new IllegalArgumentException("Two tools are named '" + tool.name() + "': tool names must differ");
			}
		}
		if (toolChoice != null && toolChoice.name() != null && !names.contains(toolChoice.name())) {
			throw new IllegalArgumentException("The tool choice names '" + toolChoice.name()
					+ "', which is not one of the request's tools " + names);
		}
	}

	/**
	 * A request with one user message and every other setting from the client's configuration.
	 * @param userPrompt the question
	 * @return the request
	 */
	public static ChatRequest of(String userPrompt) {
		return builder().user(userPrompt).build();
	}

	/**
	 * A builder for a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder pre-filled with this request, to derive another.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model = this.model;
		builder.messages.addAll(this.messages);
		builder.temperature = this.temperature;
		builder.maxTokens = this.maxTokens;
		builder.topP = this.topP;
		builder.stop = this.stop;
		builder.extraBody.putAll(this.extraBody);
		builder.tools.addAll(this.tools);
		builder.toolChoice = this.toolChoice;
		builder.responseFormat = this.responseFormat;
		builder.reasoning = this.reasoning;
		builder.cache = this.cache;
		return builder;
	}

	/**
	 * This request with the given model.
	 * @param model the model to use
	 * @return a copy with the model set
	 */
	public ChatRequest withModel(String model) {
		return new ChatRequest(model, this.messages, this.temperature, this.maxTokens, this.topP, this.stop,
				this.extraBody, this.tools, this.toolChoice, this.responseFormat, this.reasoning, this.cache);
	}

	/** Builds a {@link ChatRequest}. Not thread-safe. */
	public static final class Builder {

		private @Nullable String model;

		private final List<ChatMessage> messages = new ArrayList<>();

		private @Nullable Double temperature;

		private @Nullable Integer maxTokens;

		private @Nullable Double topP;

		private List<String> stop = List.of();

		private final Map<String, Object> extraBody = new LinkedHashMap<>();

		private final List<Tool> tools = new ArrayList<>();

		private @Nullable ToolChoice toolChoice;

		private @Nullable ResponseFormat responseFormat;

		private @Nullable Reasoning reasoning;

		private @Nullable PromptCache cache;

		private Builder() {
		}

		/**
		 * Sets the model (Azure: the deployment name).
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Adds a system message.
		 * @param content the instructions
		 * @return this builder
		 */
		public Builder system(String content) {
			return message(ChatMessage.system(content));
		}

		/**
		 * Adds a user message.
		 * @param content the question
		 * @return this builder
		 */
		public Builder user(String content) {
			return message(ChatMessage.user(content));
		}

		/**
		 * Adds a user message of several parts, such as text and images.
		 * @param parts the parts, at least one
		 * @return this builder
		 */
		public Builder user(ContentPart... parts) {
			return message(ChatMessage.user(parts));
		}

		/**
		 * Adds an assistant message.
		 * @param content an earlier answer
		 * @return this builder
		 */
		public Builder assistant(String content) {
			return message(ChatMessage.assistant(content));
		}

		/**
		 * Adds a message.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(ChatMessage message) {
			this.messages.add(Objects.requireNonNull(message, "message must not be null"));
			return this;
		}

		/**
		 * Adds messages in order.
		 * @param messages the messages
		 * @return this builder
		 */
		public Builder messages(List<ChatMessage> messages) {
			messages.forEach(this::message);
			return this;
		}

		/**
		 * Sets the sampling temperature.
		 * @param temperature the temperature
		 * @return this builder
		 */
		public Builder temperature(double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the cap on generated tokens.
		 * @param maxTokens at least 1
		 * @return this builder
		 */
		public Builder maxTokens(int maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets nucleus sampling.
		 * @param topP the probability mass
		 * @return this builder
		 */
		public Builder topP(double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Sets stop sequences.
		 * @param stop the sequences
		 * @return this builder
		 */
		public Builder stop(List<String> stop) {
			this.stop = List.copyOf(stop);
			return this;
		}

		/**
		 * Adds a field merged verbatim into the provider's JSON body (for example
		 * {@code response_format}, {@code seed} or {@code tools}); it overrides a modelled field
		 * of the same name.
		 * @param key the JSON field name
		 * @param value any value Jackson can write
		 * @return this builder
		 */
		public Builder extraBody(String key, Object value) {
			this.extraBody.put(Objects.requireNonNull(key, "key must not be null"), value);
			return this;
		}

		/**
		 * Adds a function the model may call.
		 * @param tool the tool
		 * @return this builder
		 */
		public Builder tool(Tool tool) {
			this.tools.add(Objects.requireNonNull(tool, "tool must not be null"));
			return this;
		}

		/**
		 * Adds functions the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(List<Tool> tools) {
			tools.forEach(this::tool);
			return this;
		}

		/**
		 * Sets whether and which tool the model must call.
		 * @param toolChoice the choice
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Sets the shape the answer must have.
		 * @param responseFormat the format
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Sets how much a reasoning model should think ({@link Reasoning#effort} or
		 * {@link Reasoning#budgetTokens}); each provider maps it to its own field.
		 * @param reasoning the setting, or null for the provider's default
		 * @return this builder
		 */
		public Builder reasoning(@Nullable Reasoning reasoning) {
			this.reasoning = reasoning;
			return this;
		}

		/**
		 * Asks the provider to cache the request's stable prefix ({@link PromptCache}).
		 * @param cache the setting, or null for none
		 * @return this builder
		 */
		public Builder cache(@Nullable PromptCache cache) {
			this.cache = cache;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws IllegalArgumentException when there is no message, two tools share a name, or
		 * the tool choice names a tool the request does not have
		 */
		public ChatRequest build() {
			return new ChatRequest(this.model, this.messages, this.temperature, this.maxTokens, this.topP, this.stop,
					this.extraBody, this.tools, this.toolChoice, this.responseFormat, this.reasoning, this.cache);
		}

	}

}
