package io.github.llmclient;

import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.anthropic.AnthropicAdapter;
import io.github.llmclient.provider.azure.AzureOpenAiAdapter;
import io.github.llmclient.provider.gemini.GeminiAdapter;
import io.github.llmclient.provider.bedrock.BedrockAdapter;
import io.github.llmclient.provider.openai.OpenAiAdapter;
import io.github.llmclient.provider.openai.responses.ResponsesAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire protocol a client speaks. OpenAI-compatible servers (Ollama, vLLM, DeepSeek, Qwen
 * compatible mode, LiteLLM…) use {@link #OPENAI} with {@code llm.base-url}.
 */
public enum Provider {

	/**
	 * OpenAI's Chat Completions API, and every server compatible with it; its Responses API with
	 * {@code llm.openai.api=responses}.
	 */
	OPENAI("openai", "openai") {
		@Override
		ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper) {
			OpenAiAdapter chat = new OpenAiAdapter(config.baseUrl(), config.apiKey(), config.maxTokens(),
					config.streamUsage(), mapper);
			return (config.openAiApi() == OpenAiApi.RESPONSES) ? new ResponsesAdapter(chat, config.baseUrl(),
					OpenAiAdapter.authHeaders(config.apiKey()), config.maxTokens(), config.openAiStore(), mapper) : chat;
		}
	},

	/** Anthropic's native Messages API. */
	ANTHROPIC("anthropic", "anthropic") {
		@Override
		ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper) {
			return new AnthropicAdapter(config.baseUrl(), config.apiKey(), config.anthropicVersion(), config.maxTokens(),
					mapper);
		}
	},

	/** Azure OpenAI: deployments addressed by URL, {@code api-key} header. */
	AZURE_OPENAI("azure-openai", "azure.ai.openai") {
		@Override
		ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper) {
			AzureOpenAiAdapter chat = new AzureOpenAiAdapter(config.baseUrl(), config.apiKey(),
					config.azureApiVersion(), config.maxTokens(), config.streamUsage(), mapper);
			if (config.openAiApi() != OpenAiApi.RESPONSES) {
				return chat;
			}
			if (!AzureOpenAiAdapter.isV1Route(config.baseUrl())) {
				throw new IllegalArgumentException("llm.openai.api=responses needs Azure OpenAI's v1 route: a base URL "
						+ "ending in /openai/v1, not " + config.baseUrl());
			}
			return new ResponsesAdapter(chat, config.baseUrl(), AzureOpenAiAdapter.authHeaders(config.apiKey()),
					config.maxTokens(), config.openAiStore(), mapper);
		}
	},

	/** Google's Gemini API (AI Studio): {@code x-goog-api-key} header. */
	GEMINI("gemini", "gcp.gemini") {
		@Override
		ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper) {
			return GeminiAdapter.gemini(config.baseUrl(), config.apiKey(), config.maxTokens(), mapper);
		}
	},

	/**
	 * Google Cloud Vertex AI: Gemini's wire format under a project and location, authorised by a
	 * Google OAuth2 token (Application Default Credentials), or by a key in express mode.
	 */
	VERTEX_AI("vertex-ai", "gcp.vertex_ai") {
		@Override
		ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper) {
			return GeminiAdapter.vertex(config.baseUrl(), config.apiKey(), config.vertex().project(),
					config.vertex().location(), config.maxTokens(), mapper);
		}
	},

	/**
	 * AWS Bedrock's Converse API ({@code converse}, {@code converse-stream} as AWS event-stream
	 * frames), signed with AWS Signature V4 or authorised with a Bedrock API key.
	 */
	BEDROCK("bedrock", "aws.bedrock") {
		@Override
		ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper) {
			return new BedrockAdapter(config.baseUrl(), config.apiKey(), config.bedrockRegion(), config.maxTokens(),
					mapper);
		}
	};

	private final String propertyValue;

	private final String semanticConventionName;

	Provider(String propertyValue, String semanticConventionName) {
		this.propertyValue = propertyValue;
		this.semanticConventionName = semanticConventionName;
	}

	/**
	 * The value of {@code llm.provider} that selects this provider.
	 * @return {@code openai}, {@code anthropic} or {@code azure-openai}
	 */
	public String propertyValue() {
		return this.propertyValue;
	}

	/**
	 * Creates the adapter that speaks this provider's wire format.
	 * @param config the client's configuration
	 * @param mapper the JSON mapper for wire bodies
	 * @return the adapter
	 */
	abstract ProviderAdapter createAdapter(ClientConfig config, JsonMapper mapper);

	/**
	 * The value of {@code llm.provider} for the given text, accepting the enum name too.
	 * @param value {@code openai}, {@code anthropic}, {@code azure-openai} (any case)
	 * @return the provider
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static Provider fromPropertyValue(String value) {
		String normalized = value.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		for (Provider provider : values()) {
			if (provider.propertyValue.equals(normalized)) {
				return provider;
			}
		}
		throw new IllegalArgumentException("Unknown provider '" + value
				+ "': use openai, anthropic, azure-openai, gemini, vertex-ai or bedrock");
	}

	/**
	 * The OpenTelemetry GenAI {@code gen_ai.provider.name}.
	 * @return {@code openai}, {@code anthropic} or {@code azure.ai.openai}
	 */
	public String semanticConventionName() {
		return this.semanticConventionName;
	}

}
