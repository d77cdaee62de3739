package io.github.llmclient.provider.azure;

import java.net.URI;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderUrls;
import io.github.llmclient.provider.openai.OpenAiFormatAdapter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Azure OpenAI: OpenAI's Chat Completions wire format, addressed the Azure way, with an
 * {@code api-key} header (omitted when there is no key, e.g. when {@code llm.headers} carries a
 * Microsoft Entra ID {@code Authorization} header) and never {@code Authorization: Bearer <key>}.
 *
 * <p>
 * Two routes, chosen by the base URL:
 * <ul>
 * <li>the deployments route (the resource endpoint, e.g. {@code https://my-resource.openai.azure.com}):
 * {@code POST {base}/openai/deployments/{deployment}/chat/completions?api-version=…}, where the
 * deployment is the request's model (or {@code llm.model}) and the body names no model;
 * {@link #modelsRequest()} is {@code GET {base}/openai/models?api-version=…}, the base and
 * fine-tuned models the resource can deploy (Azure's data plane has no list of deployments);</li>
 * <li>the v1 route (a base URL ending in {@code /openai/v1}): {@code POST {base}/chat/completions}
 * with the deployment as the body's {@code model}, as with OpenAI, and no {@code api-version};
 * {@link #modelsRequest()} is {@code GET {base}/models}.</li>
 * </ul>
 * Embeddings take the same two routes: {@code {base}/openai/deployments/{deployment}/embeddings?api-version=…}
 * with the embedding model ({@code llm.embedding-model}) as the deployment, or {@code {base}/embeddings}
 * with it as the body's {@code model}.
 */
public final class AzureOpenAiAdapter extends OpenAiFormatAdapter {

	private static final String V1_PATH = "/openai/v1";

	private final boolean v1;

	/** The deployments route's root, {@code {base}/openai/deployments/}; unused on the v1 route. */
	private final String deploymentsRoot;

	private final URI v1ChatUri;

	private final URI modelsUri;

	private final String apiVersion;

	private final URI v1EmbeddingsUri;

	/**
	 * Creates the adapter.
	 * @param baseUrl the resource endpoint, e.g. {@code https://my-resource.openai.azure.com}
	 * (with or without {@code /openai}), or the v1 API root ending in {@code /openai/v1}
	 * @param apiKey the key, or null when another header authenticates
	 * @param apiVersion the {@code api-version} of the deployments route, e.g. {@code 2024-10-21}
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param streamUsage whether streams ask for the usage chunk
	 * @param mapper the JSON mapper
	 */
	public AzureOpenAiAdapter(URI baseUrl, @Nullable String apiKey, String apiVersion,
			@Nullable Integer defaultMaxTokens, boolean streamUsage, JsonMapper mapper) {
		super(authHeaders(apiKey), defaultMaxTokens, streamUsage, mapper);
		this.v1 = isV1Route(baseUrl);
		this.apiVersion = apiVersion;
		// The deployments route's only query parameter is the api-version it adds itself.
		URI endpoint = withoutQuery(baseUrl);
		URI openAiRoot = ProviderUrls.pathEndsWith(endpoint, "/openai") ? endpoint
				: ProviderUrls.resolve(endpoint, "openai");
		this.deploymentsRoot = ProviderUrls.resolve(openAiRoot, "deployments/").toString();
		this.v1ChatUri = ProviderUrls.resolve(baseUrl, "chat/completions");
		this.modelsUri = this.v1 ? ProviderUrls.resolve(baseUrl, "models")
				: ProviderUrls.withQueryParam(ProviderUrls.resolve(openAiRoot, "models"), "api-version", apiVersion);
		this.v1EmbeddingsUri = ProviderUrls.resolve(baseUrl, "embeddings");
	}

	private static URI withoutQuery(URI uri) {
		String text = uri.toString();
		int q = text.indexOf('?');
		return (q >= 0) ? URI.create(text.substring(0, q)) : uri;
	}

	/**
	 * Azure OpenAI's authentication header.
	 * @param apiKey the key, or null when another header authenticates
	 * @return {@code api-key: <key>}, or no header without a key
	 */
	public static Map<String, String> authHeaders(@Nullable String apiKey) {
		return (apiKey != null && !apiKey.isEmpty()) ? Map.of("api-key", apiKey) : Map.of();
	}

	/**
	 * Whether a base URL selects Azure's v1 route: its path ends with {@code /openai/v1}.
	 * @param baseUrl the base URL
	 * @return true for the v1 route, false for the deployments route
	 */
	public static boolean isV1Route(URI baseUrl) {
		return ProviderUrls.pathEndsWith(baseUrl, V1_PATH);
	}

	@Override
	public String id() {
		return "azure-openai";
	}

	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		byte[] body = chatBody(request, this.v1, stream);
		URI uri = this.v1 ? this.v1ChatUri : deploymentUri(request);
		return post(uri, body, "chat");
	}

	private URI deploymentUri(ChatRequest request) {
		String deployment = request.model();
		if (deployment == null || deployment.isBlank()) {
			throw new IllegalArgumentException(
					"Azure OpenAI needs a deployment: set llm.model or the request's model to the deployment name");
		}
		return ProviderUrls.withQueryParam(
				URI.create(this.deploymentsRoot + ProviderUrls.encodeSegment(deployment) + "/chat/completions"),
				"api-version", this.apiVersion);
	}

	@Override
	public ProviderRequest modelsRequest() {
		return modelsRequestAt(this.modelsUri);
	}

	@Override
	public void requireEmbeddings() {
		// both routes have /embeddings
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException on the deployments route, when the request names no
	 * deployment
	 */
	@Override
	public ProviderRequest embeddingsRequest(EmbeddingRequest request) {
		URI uri = this.v1 ? this.v1EmbeddingsUri : deploymentOperationUri(request.model(), "embeddings");
		return post(uri, embeddingsBody(request, this.v1), "embeddings");
	}

	private URI deploymentOperationUri(@Nullable String deployment, String operation) {
		if (deployment == null || deployment.isBlank()) {
			throw new IllegalArgumentException("Azure OpenAI needs a deployment: set llm.embedding-model or the "
					+ "request's model to the name of the embedding model's deployment");
		}
		return ProviderUrls.withQueryParam(
				URI.create(this.deploymentsRoot + ProviderUrls.encodeSegment(deployment) + "/" + operation),
				"api-version", this.apiVersion);
	}

	@Override
	public String toString() {
		return "AzureOpenAiAdapter[" + (this.v1 ? this.v1ChatUri : this.deploymentsRoot) + "]";
	}

}
