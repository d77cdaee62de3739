package io.github.llmclient.provider.openai;

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
import io.github.llmclient.provider.StreamMapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;

/**
 * An adapter that speaks OpenAI's Chat Completions and embeddings wire formats, whatever its
 * addressing and authentication (OpenAI and compatible servers, Azure OpenAI): it writes bodies,
 * and reads answers, model lists, errors, streams and embeddings the same way; subclasses choose
 * the URLs and the authentication headers.
 */
public abstract class OpenAiFormatAdapter implements ProviderAdapter {

	private final Map<String, String> headers;

	private final @Nullable Integer defaultMaxTokens;

	private final boolean streamUsage;

	private final OpenAiWireFormat format;

	private final OpenAiEmbeddingsFormat embeddings;

	/**
	 * Creates the adapter.
	 * @param headers the authentication headers sent on every request
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param streamUsage whether streams ask for the usage chunk
	 * @param mapper the JSON mapper
	 */
	protected OpenAiFormatAdapter(Map<String, String> headers, @Nullable Integer defaultMaxTokens, boolean streamUsage,
			JsonMapper mapper) {
		this.headers = headers;
		this.defaultMaxTokens = defaultMaxTokens;
		this.streamUsage = streamUsage;
		this.format = new OpenAiWireFormat(mapper);
		this.embeddings = new OpenAiEmbeddingsFormat(mapper);
	}

	/**
	 * The authentication headers sent on every request.
	 * @return the headers
	 */
	protected final Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * The body of a chat request.
	 * @param request the request
	 * @param sendModel whether the body names the model (not on Azure's deployments route, whose
	 * URL names the deployment)
	 * @param stream whether the answer is streamed
	 * @return the JSON body
	 */
	protected final byte[] chatBody(ChatRequest request, boolean sendModel, boolean stream) {
		return this.format.writeRequest(request, this.defaultMaxTokens, sendModel, stream, this.streamUsage);
	}

	/**
	 * The body of an embeddings request.
	 * @param request the request
	 * @param sendModel whether the body names the model
	 * @return the JSON body
	 */
	protected final byte[] embeddingsBody(EmbeddingRequest request, boolean sendModel) {
		return this.embeddings.writeRequest(request, sendModel);
	}

	/**
	 * A {@code POST} of a JSON body with the authentication headers.
	 * @param uri where it goes
	 * @param body the body
	 * @param operation the operation it serves, e.g. {@code chat}
	 * @return the request
	 */
	protected final ProviderRequest post(URI uri, byte[] body, String operation) {
		return new ProviderRequest(HttpMethod.POST, uri, this.headers, body, operation);
	}

	/**
	 * The {@code GET} of the model list at the given URL.
	 * @param modelsUri where the models are listed
	 * @return the request
	 */
	protected final ProviderRequest modelsRequestAt(URI modelsUri) {
		return new ProviderRequest(HttpMethod.GET, modelsUri, this.headers, null, "models");
	}

	@Override
	public final ChatResponse readResponse(byte[] body) {
		return this.format.readResponse(body);
	}

	@Override
	public final List<String> readModels(byte[] body) {
		return this.format.readModels(body);
	}

	@Override
	public final ProviderError readError(byte[] body) {
		return this.format.readError(body);
	}

	@Override
	public final StreamMapper streamMapper() {
		return this.format.streamMapper();
	}

	@Override
	public final EmbeddingResponse readEmbeddings(byte[] body, int inputs) {
		return this.embeddings.readResponse(body, inputs);
	}

	@Override
	public final EmbeddingResponse readEmbeddings(DataBuffer body, int inputs) {
		return this.embeddings.readResponse(body, inputs);
	}

}
