package io.github.llmclient.provider.openai;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.provider.BatchFormat;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderUrls;
import io.github.llmclient.provider.StreamMapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * OpenAI and every OpenAI-compatible server: {@code POST {base}/chat/completions} with
 * {@code Authorization: Bearer <key>} (omitted when there is no key), {@code GET {base}/models},
 * and {@code POST {base}/embeddings}.
 */
public final class OpenAiAdapter implements ProviderAdapter {

	private final URI chatUri;

	private final URI modelsUri;

	private final Map<String, String> headers;

	private final @Nullable Integer defaultMaxTokens;

	private final boolean streamUsage;

	private final OpenAiWireFormat format;

	private final URI embeddingsUri;

	private final OpenAiEmbeddingsFormat embeddings;

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
		this.chatUri = resolve(baseUrl, "chat/completions");
		this.modelsUri = resolve(baseUrl, "models");
		this.headers = authHeaders(apiKey);
		this.defaultMaxTokens = defaultMaxTokens;
		this.streamUsage = streamUsage;
		this.format = new OpenAiWireFormat(mapper);
		this.embeddingsUri = resolve(baseUrl, "embeddings");
		this.embeddings = new OpenAiEmbeddingsFormat(mapper);
		this.batches = new OpenAiBatchFormat(baseUrl, this.headers, mapper, this::readResponse, this::readError);
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
		byte[] body = this.format.writeRequest(request, this.defaultMaxTokens, true, stream, this.streamUsage);
		return new ProviderRequest(HttpMethod.POST, this.chatUri, this.headers, body, "chat");
	}

	@Override
	public ProviderRequest modelsRequest() {
		return new ProviderRequest(HttpMethod.GET, this.modelsUri, this.headers, null, "models");
	}

	@Override
	public ChatResponse readResponse(byte[] body) {
		return this.format.readResponse(body);
	}

	@Override
	public List<String> readModels(byte[] body) {
		return this.format.readModels(body);
	}

	@Override
	public ProviderError readError(byte[] body) {
		return this.format.readError(body);
	}

	@Override
	public StreamMapper streamMapper() {
		return this.format.streamMapper();
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
		return new ProviderRequest(HttpMethod.POST, this.embeddingsUri, this.headers,
				this.embeddings.writeRequest(request, true), "embeddings");
	}

	@Override
	public EmbeddingResponse readEmbeddings(byte[] body, int inputs) {
		return this.embeddings.readResponse(body, inputs);
	}

	@Override
	public String toString() {
		return "OpenAiAdapter[" + this.chatUri + "]";
	}

}
