package io.github.llmclient.provider.gemini;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * Google's Gemini wire format, spoken by the Gemini API ({@code gemini}:
 * {@code {base}/models/{m}:generateContent}, key in {@code x-goog-api-key}) and by Vertex AI
 * ({@code vertex-ai}: {@code {base}/projects/{p}/locations/{l}/publishers/google/models/{m}:…},
 * authorised per attempt by a Google OAuth2 token that the client adds, or in express mode by a
 * key and {@code {base}/publishers/google/models/{m}:…}). Streams use
 * {@code :streamGenerateContent?alt=sse}.
 *
 * <p>
 * The format is split by job: {@link GeminiRequestWriter} writes bodies,
 * {@link GeminiResponseReader} reads answers and model lists, a {@link GeminiStreamMapper} per
 * stream maps its events, {@link GeminiErrors} reads errors (RetryInfo, per-day quotas) and
 * {@link GeminiEmbeddings} speaks both embeddings APIs.
 */
public final class GeminiAdapter implements ProviderAdapter {

	private static final int MODELS_PAGE_SIZE = 1000;

	private final String id;

	private final boolean vertex;

	/** Where model paths start: the base, plus the project and location on Vertex AI. */
	private final URI modelsRoot;

	private final URI modelsUri;

	private final Map<String, String> headers;

	private final @Nullable Integer defaultMaxTokens;

	private final GeminiRequestWriter writer;

	private final GeminiResponseReader reader;

	private final GeminiErrors errors;

	private final GeminiEmbeddings embeddings;

	private final JsonMapper mapper;

	private GeminiAdapter(String id, boolean vertex, URI modelsRoot, URI modelsUri, @Nullable String apiKey,
			@Nullable Integer defaultMaxTokens, JsonMapper mapper) {
		this.id = id;
		this.vertex = vertex;
		this.modelsRoot = modelsRoot;
		this.modelsUri = modelsUri;
		this.headers = (apiKey != null && !apiKey.isEmpty()) ? Map.of("x-goog-api-key", apiKey) : Map.of();
		this.defaultMaxTokens = defaultMaxTokens;
		this.mapper = mapper;
		this.writer = new GeminiRequestWriter(mapper);
		this.reader = new GeminiResponseReader(mapper);
		this.errors = new GeminiErrors(mapper);
		this.embeddings = new GeminiEmbeddings(mapper);
	}

	/**
	 * The adapter of the Gemini API.
	 * @param baseUrl the API root, e.g. {@code https://generativelanguage.googleapis.com/v1beta}
	 * @param apiKey the key, or null when the server needs none
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param mapper the JSON mapper
	 * @return the adapter
	 */
	public static GeminiAdapter gemini(URI baseUrl, @Nullable String apiKey, @Nullable Integer defaultMaxTokens,
			JsonMapper mapper) {
		URI models = ProviderUrls.resolve(baseUrl, "models");
		return new GeminiAdapter("gemini", false, baseUrl,
				ProviderUrls.withQueryParam(models, "pageSize", Integer.toString(MODELS_PAGE_SIZE)), apiKey,
				defaultMaxTokens, mapper);
	}

	/**
	 * The adapter of Vertex AI. With a key (express mode) models are addressed without project and
	 * location; without one the client authorises each attempt with a Google OAuth2 token.
	 * @param baseUrl the API root, e.g. {@code https://aiplatform.googleapis.com/v1}
	 * @param apiKey the express-mode key, or null
	 * @param project the project id (required without a key)
	 * @param location the location
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param mapper the JSON mapper
	 * @return the adapter
	 */
	public static GeminiAdapter vertex(URI baseUrl, @Nullable String apiKey, @Nullable String project,
			String location, @Nullable Integer defaultMaxTokens, JsonMapper mapper) {
		boolean express = apiKey != null && !apiKey.isEmpty();
		if (!express && project == null) {
			throw new IllegalArgumentException("Vertex AI needs a project (llm.vertex.project) or an express-mode key");
		}
		URI root = express ? baseUrl
				: ProviderUrls.resolve(baseUrl, "projects/" + ProviderUrls.encodeSegment(Objects.requireNonNull(project))
						+ "/locations/" + ProviderUrls.encodeSegment(location));
		// Vertex lists Google's publisher models only on v1beta1
		String base = baseUrl.toString();
		URI beta = base.matches(".*/v1/?(\\?.*)?") ? URI.create(base.replaceFirst("/v1(/?)(\\?.*)?$", "/v1beta1$1$2"))
				: baseUrl;
		URI models = ProviderUrls.withQueryParam(ProviderUrls.resolve(beta, "publishers/google/models"), "pageSize",
				Integer.toString(MODELS_PAGE_SIZE));
		return new GeminiAdapter("vertex-ai", true, root, models, apiKey, defaultMaxTokens, mapper);
	}

	@Override
	public String id() {
		return this.id;
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException when the request cannot be expressed: an image URL without
	 * a known extension, a {@code data:} URL that is not base64, a tool result for no known call
	 */
	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		byte[] body = this.writer.write(request, this.defaultMaxTokens);
		String model = Objects.requireNonNull(request.model(), "model must be resolved");
		URI uri = stream ? ProviderUrls.withQueryParam(modelUri(model, "streamGenerateContent"), "alt", "sse")
				: modelUri(model, "generateContent");
		return new ProviderRequest(HttpMethod.POST, uri, this.headers, body, "chat");
	}

	private URI modelUri(String model, String method) {
		String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
		String path = (name.indexOf('/') >= 0) ? name : ProviderUrls.encodeSegment(name);
		return ProviderUrls.resolve(this.modelsRoot,
				(this.vertex ? "publishers/google/models/" : "models/") + path + ":" + method);
	}

	@Override
	public ProviderRequest modelsRequest() {
		return new ProviderRequest(HttpMethod.GET, this.modelsUri, this.headers, null, "models");
	}

	@Override
	public @Nullable ProviderRequest nextModelsRequest(ProviderRequest previous, byte[] body) {
		String token = this.reader.nextPageToken(body);
		if (token == null) {
			return null;
		}
		return new ProviderRequest(HttpMethod.GET, ProviderUrls.withQueryParam(this.modelsUri, "pageToken", token),
				this.headers, null, "models");
	}

	@Override
	public ChatResponse readResponse(byte[] body) {
		return this.reader.read(body);
	}

	@Override
	public List<String> readModels(byte[] body) {
		return this.reader.readModels(body);
	}

	@Override
	public ProviderError readError(byte[] body) {
		return this.errors.read(body);
	}

	@Override
	public StreamMapper streamMapper() {
		return new GeminiStreamMapper(this.mapper);
	}

	@Override
	public void requireEmbeddings() {
		// both APIs embed
	}

	@Override
	public int maxEmbeddingBatchSize(String model) {
		return this.vertex ? Integer.MAX_VALUE : GeminiEmbeddings.GEMINI_MAX_BATCH;
	}

	@Override
	public ProviderRequest embeddingsRequest(EmbeddingRequest request) {
		String model = Objects.requireNonNull(request.model(), "model must be resolved");
		String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
		if (this.vertex) {
			return new ProviderRequest(HttpMethod.POST, modelUri(name, "predict"), this.headers,
					this.embeddings.writeVertex(request), "embeddings");
		}
		return new ProviderRequest(HttpMethod.POST, modelUri(name, "batchEmbedContents"), this.headers,
				this.embeddings.writeGemini(request, name), "embeddings");
	}

	@Override
	public EmbeddingResponse readEmbeddings(byte[] body, int inputs) {
		return this.embeddings.read(body, inputs);
	}

	@Override
	public EmbeddingResponse readEmbeddings(DataBuffer body, int inputs) {
		return this.embeddings.read(body, inputs);
	}

	@Override
	public String toString() {
		return "GeminiAdapter[" + this.id + ", " + this.modelsRoot + "]";
	}

}
