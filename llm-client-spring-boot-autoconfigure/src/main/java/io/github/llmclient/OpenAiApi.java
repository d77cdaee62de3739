package io.github.llmclient;

/**
 * Which of OpenAI's APIs an {@code openai} or {@code azure-openai} client speaks
 * ({@code llm.openai.api}): {@code chat-completions} or {@code responses}. The property values
 * bind to these constants through Spring Boot's relaxed enum binding.
 */
public enum OpenAiApi {

	/** {@code POST {base}/chat/completions} ({@code chat-completions}, the default). */
	CHAT_COMPLETIONS("chat-completions"),

	/**
	 * {@code POST {base}/responses} ({@code responses}): reasoning summaries, encrypted reasoning
	 * replayed statelessly; on Azure only on the v1 route ({@code {base}/openai/v1}).
	 */
	RESPONSES("responses");

	private final String propertyValue;

	OpenAiApi(String propertyValue) {
		this.propertyValue = propertyValue;
	}

	/**
	 * The value of {@code llm.openai.api} that selects this API.
	 * @return {@code chat-completions} or {@code responses}
	 */
	public String propertyValue() {
		return this.propertyValue;
	}

}
