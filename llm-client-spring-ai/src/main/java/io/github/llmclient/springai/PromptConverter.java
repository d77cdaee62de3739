package io.github.llmclient.springai;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Turns a Spring AI {@link Prompt} and its merged {@link LlmChatOptions} into the starter's
 * {@link ChatRequest}: messages (images of user messages as content parts, an assistant's tool
 * calls and replay data, each tool response as a tool message), the options, the tools' definitions
 * (never their callbacks: {@code ChatClient} runs tools) and the output schema as a response format.
 */
final class PromptConverter {

	/** The name of the response format an {@code outputSchema} is sent as. */
	static final String OUTPUT_SCHEMA_NAME = "answer";

	private PromptConverter() {
	}

	static ChatRequest toRequest(Prompt prompt, LlmChatOptions options, Provider provider) {
		ChatRequest.Builder builder = ChatRequest.builder();
		List<ChatMessage> messages = new ArrayList<>(prompt.getInstructions().size() + 1);
		for (Message message : prompt.getInstructions()) {
			addMessage(message, messages);
		}
		builder.messages(messages).model(options.getModel());
		if (options.getTemperature() != null) {
			builder.temperature(options.getTemperature());
		}
		if (options.getMaxTokens() != null) {
			builder.maxTokens(options.getMaxTokens());
		}
		if (options.getTopP() != null) {
			builder.topP(options.getTopP());
		}
		if (options.getStopSequences() != null && !options.getStopSequences().isEmpty()) {
			builder.stop(options.getStopSequences());
		}
		addProviderOptions(options, provider, builder);
		List<ToolCallback> callbacks = options.getToolCallbacks();
		if (callbacks != null && !callbacks.isEmpty()) {
			List<Tool> tools = new ArrayList<>(callbacks.size());
			for (ToolCallback callback : callbacks) {
				ToolDefinition definition = callback.getToolDefinition();
				tools.add(Tool.function(definition.name(), emptyToNull(definition.description()),
						definition.inputSchema()));
			}
			builder.tools(tools);
		}
		if (options.getOutputSchema() != null) {
			builder.responseFormat(ResponseFormat.jsonSchema(OUTPUT_SCHEMA_NAME, options.getOutputSchema()));
		}
		builder.reasoning(options.getReasoning());
		return builder.build();
	}

	/**
	 * The portable options the starter's request has no field for, sent as the provider's own body
	 * fields where it has them; elsewhere a clear error before anything is sent (better than an
	 * option silently dropped).
	 */
	private static void addProviderOptions(LlmChatOptions options, Provider provider, ChatRequest.Builder builder) {
		String wire = provider.propertyValue();
		boolean openAi = wire.equals("openai") || wire.equals("azure-openai");
		if (options.getFrequencyPenalty() != null) {
			builder.extraBody("frequency_penalty", requireSupported(openAi, "frequencyPenalty", wire,
					options.getFrequencyPenalty()));
		}
		if (options.getPresencePenalty() != null) {
			builder.extraBody("presence_penalty", requireSupported(openAi, "presencePenalty", wire,
					options.getPresencePenalty()));
		}
		if (options.getTopK() != null) {
			builder.extraBody("top_k", requireSupported(wire.equals("anthropic"), "topK", wire, options.getTopK()));
		}
	}

	private static Object requireSupported(boolean supported, String option, String provider, Object value) {
		if (!supported) {
			throw new IllegalArgumentException("The chat option " + option + " is not supported by the " + provider
					+ " provider of this client; leave it unset");
		}
		return value;
	}

	private static void addMessage(Message message, List<ChatMessage> messages) {
		if (message instanceof UserMessage user) {
			messages.add(userMessage(user));
		}
		else if (message instanceof SystemMessage system) {
			messages.add(ChatMessage.system(text(system)));
		}
		else if (message instanceof AssistantMessage assistant) {
			messages.add(assistantMessage(assistant));
		}
		else if (message instanceof ToolResponseMessage tool) {
			for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
				messages.add(ChatMessage.tool(response.id(), response.responseData()));
			}
		}
		else {
			throw new IllegalArgumentException("Unsupported message type " + message.getMessageType());
		}
	}

	private static ChatMessage userMessage(UserMessage user) {
		if (user.getMedia().isEmpty()) {
			return ChatMessage.user(text(user));
		}
		List<ContentPart> parts = new ArrayList<>(user.getMedia().size() + 1);
		String text = text(user);
		if (!text.isEmpty()) {
			parts.add(ContentPart.text(text));
		}
		for (Media media : user.getMedia()) {
			parts.add(image(media));
		}
		return new ChatMessage(Role.USER, parts, List.of(), null);
	}

	private static ContentPart image(Media media) {
		String mimeType = media.getMimeType().toString();
		if (!"image".equals(media.getMimeType().getType())) {
			throw new IllegalArgumentException(
					"Only images can be sent as media, not " + mimeType + " (media '" + media.getName() + "')");
		}
		Object data = media.getData();
		if (data instanceof byte[] bytes) {
			return ContentPart.image(bytes, mimeType);
		}
		if (data instanceof URL || data instanceof URI) {
			return ContentPart.imageUrl(data.toString());
		}
		String value = data.toString();
		if (value.regionMatches(true, 0, "data:", 0, 5) || value.regionMatches(true, 0, "http://", 0, 7)
				|| value.regionMatches(true, 0, "https://", 0, 8)) {
			return ContentPart.imageUrl(value);
		}
		// Spring AI's Media takes a String as a URL or as base64 data
		return ContentPart.imageUrl("data:" + mimeType + ";base64," + value);
	}

	private static ChatMessage assistantMessage(AssistantMessage assistant) {
		String text = text(assistant);
		List<ContentPart> parts = text.isEmpty() ? List.of() : List.of(ContentPart.text(text));
		List<ToolCall> calls = List.of();
		if (assistant.hasToolCalls()) {
			calls = new ArrayList<>(assistant.getToolCalls().size());
			for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
				calls.add(new ToolCall(call.id(), call.name(), call.arguments()));
			}
		}
		Object replay = assistant.getMetadata().get(ResponseConverter.REPLAY_METADATA);
		return new ChatMessage(Role.ASSISTANT, parts, calls, null, (replay instanceof ReplayData data) ? data : null);
	}

	private static String text(Message message) {
		String text = message.getText();
		return (text != null) ? text : "";
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
