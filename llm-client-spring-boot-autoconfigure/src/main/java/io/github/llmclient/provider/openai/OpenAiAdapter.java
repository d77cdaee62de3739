package io.github.llmclient.provider.openai;

import java.net.URI;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.provider.BatchFormat;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderUrls;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI and every OpenAI-compatible server: {@code POST {base}/chat/completions} with
 * {@code Authorization: Bearer <key>} (omitted when there is no key), {@code GET {base}/models},
 * and {@code POST {base}/embeddings}.
 */
public final class OpenAiAdapter extends OpenAiFormatAdapter {

	private final URI chatUri;

	private final URI modelsUri;

	private final URI embeddingsUri;

	private final OpenAiBatchFormat batches;

	/**
	 * Creates the adapter.
	 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}
	 * @param apiKey the key, or null for servers that need none
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param streamUsage whether streams ask for the usage chunk
	 * @param mapper the JSON mapper
	 */
	public OpenAiAdapter(URI baseUrl, @Nullable String apiKey, @Nullable Integer defaultMaxTokens, boolean streamUsage,
			JsonMapper mapper) {
		super(authHeaders(apiKey), defaultMaxTokens, streamUsage, mapper);
		this.chatUri = resolve(baseUrl, "chat/completions");
		this.modelsUri = resolve(baseUrl, "models");
		this.embeddingsUri = resolve(baseUrl, "embeddings");
		this.batches = new OpenAiBatchFormat(baseUrl, headers(), mapper, this::readResponse, this::readError);
	}

	/**
	 * OpenAI's authentication header.
	 * @param apiKey the key, or null for servers that need none
	 * @return {@code Authorization: Bearer <key>}, or no header without a key
	 */
	public static Map<String, String> authHeaders(@Nullable String apiKey) {
		return (apiKey != null && !apiKey.isEmpty()) ? Map.of("Authorization", "Bearer " + apiKey) : Map.of();
	}

	/**
	 * Appends a path to a base URL, keeping the base's own path and query.
	 * @param base the base URL, with or without a trailing slash
	 * @param path the relative path
	 * @return the joined URI
	 */
	public static URI resolve(URI base, String path) {
		return ProviderUrls.resolve(base, path);
	}

	@Override
	public String id() {
		return "openai";
	}

	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		return post(this.chatUri, chatBody(request, true, stream), "chat");
	}

	@Override
	public ProviderRequest modelsRequest() {
		return modelsRequestAt(this.modelsUri);
	}

	/** OpenAI's Batch API, under the same base URL and key. */
	@Override
	public BatchFormat batchFormat() {
		return this.batches;
	}

	@Override
	public void requireEmbeddings() {
		// POST {base}/embeddings
	}

	@Override
	public ProviderRequest embeddingsRequest(EmbeddingRequest request) {
		return post(this.embeddingsUri, embeddingsBody(request, true), "embeddings");
	}

	@Override
	public String toString() {
		return "OpenAiAdapter[" + this.chatUri + "]";
	}

}
