package io.github.llmclient.chat;

import java.util.Objects;

/**
 * What a provider needs to continue a conversation that the text does not show — Anthropic's
 * signed {@code thinking} and {@code redacted_thinking} blocks, the Responses API's
 * {@code reasoning} items with their {@code encrypted_content}, Gemini's
 * {@code thoughtSignature}s on the parts that carried them, Bedrock's {@code reasoningContent}
 * with its signature. It travels inside {@link ChatResponse} and comes back with
 * {@link ChatMessage#assistant(ChatResponse)}; only a client speaking the same wire format sends
 * it, every other ignores it (so a conversation can move to a client of another provider).
 * <p>
 * The data is opaque JSON text in the provider's own wire shape: store it as it is and never
 * edit it (signatures cover it).
 *
 * @param format the wire format that wrote it: {@link #ANTHROPIC}, {@link #OPENAI_RESPONSES},
 * {@link #GEMINI} or {@link #BEDROCK}
 * @param data the provider's continuation data, JSON text whose shape only that format knows
 */
public record ReplayData(String format, String data) {

	/** Anthropic's Messages API. */
	public static final String ANTHROPIC = "anthropic";

	/** OpenAI's Responses API (OpenAI and Azure OpenAI). */
	public static final String OPENAI_RESPONSES = "openai-responses";

	/** Google's Gemini API (Gemini and Vertex AI). */
	public static final String GEMINI = "gemini";

	/** AWS Bedrock's Converse API. */
	public static final String BEDROCK = "bedrock";

	public ReplayData {
		Objects.requireNonNull(format, "format must not be null");
		Objects.requireNonNull(data, "data must not be null");
	}

	/**
	 * Whether this data was written by the given wire format.
	 * @param format one of the constants of this class
	 * @return true when a writer of that format should replay it
	 */
	public boolean isFor(String format) {
		return this.format.equals(format);
	}

	@Override
	public String toString() {
		return "ReplayData[format=" + this.format + ", " + this.data.length() + " chars]";
	}

}
