package io.github.llmclient.provider.openai.responses;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderUrls;
import io.github.llmclient.provider.StreamMapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;

/**
 * OpenAI's Responses API: chat calls go to {@code POST {base}/responses}
 * ({@link ResponsesRequestWriter}, {@link ResponsesResponseReader}, {@link ResponsesStreamMapper});
 * everything else — the model list, embeddings, error bodies (the same {@code {"error":{…}}} as
 * Chat Completions) — is the adapter of the provider's Chat Completions format it wraps, OpenAI's
 * or Azure OpenAI's v1 route, with its authentication headers.
 */
public final class ResponsesAdapter implements ProviderAdapter {

	private final ProviderAdapter base;

	private final URI responsesUri;

	private final Map<String, String> headers;

	private final @Nullable Integer defaultMaxTokens;

	private final boolean store;

	private final ResponsesRequestWriter writer;

	private final ResponsesResponseReader reader;

	private final ResponsesEventReader events;

	/**
	 * Creates the adapter.
	 * @param base the provider's Chat Completions adapter, for everything but chat calls
	 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1} or
	 * {@code https://my-resource.openai.azure.com/openai/v1}
	 * @param headers the provider's authentication headers
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param store {@code llm.openai.store}
	 * @param mapper the JSON mapper
	 */
	public ResponsesAdapter(ProviderAdapter base, URI baseUrl, Map<String, String> headers,
			@Nullable Integer defaultMaxTokens, boolean store, JsonMapper mapper) {
		this.base = base;
		this.responsesUri = ProviderUrls.resolve(baseUrl, "responses");
		this.headers = Map.copyOf(headers);
		this.defaultMaxTokens = defaultMaxTokens;
		this.store = store;
		this.writer = new ResponsesRequestWriter(mapper);
		this.reader = new ResponsesResponseReader(mapper);
		this.events = new ResponsesEventReader(mapper);
	}

	@Override
	public String id() {
		return this.base.id();
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException when the request has stop sequences, which the Responses
	 * API does not support
	 */
	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		byte[] body = this.writer.write(request, this.defaultMaxTokens, this.store, stream);
		return new ProviderRequest(HttpMethod.POST, this.responsesUri, this.headers, body, "chat");
	}

	@Override
	public ProviderRequest modelsRequest() {
		return this.base.modelsRequest();
	}

	@Override
	public ChatResponse readResponse(byte[] body) {
		return this.reader.read(body);
	}

	@Override
	public List<String> readModels(byte[] body) {
		return this.base.readModels(body);
	}

	@Override
	public ProviderError readError(byte[] body) {
		return this.base.readError(body);
	}

	@Override
	public StreamMapper streamMapper() {
		return new ResponsesStreamMapper(this.events, this.reader);
	}

	@Override
	public void requireEmbeddings() {
		this.base.requireEmbeddings();
	}

	@Override
	public ProviderRequest embeddingsRequest(EmbeddingRequest request) {
		return this.base.embeddingsRequest(request);
	}

	@Override
	public EmbeddingResponse readEmbeddings(byte[] body, int inputs) {
		return this.base.readEmbeddings(body, inputs);
	}

	@Override
	public EmbeddingResponse readEmbeddings(DataBuffer body, int inputs) {
		return this.base.readEmbeddings(body, inputs);
	}

	@Override
	public String toString() {
		return "ResponsesAdapter[" + this.responsesUri + "]";
	}

}
