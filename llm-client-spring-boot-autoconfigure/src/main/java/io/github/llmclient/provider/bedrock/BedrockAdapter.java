package io.github.llmclient.provider.bedrock;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.StreamFraming;
import io.github.llmclient.provider.StreamMapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * AWS Bedrock's Converse API: {@code POST {base}/model/{modelId}/converse} and
 * {@code /converse-stream} (AWS event-stream frames, not SSE), embeddings through
 * {@code /model/{modelId}/invoke} (Titan and Cohere), and the model list from the control plane's
 * {@code GET https://bedrock.{region}.amazonaws.com/foundation-models} (or
 * {@code {base}/foundation-models} when {@code llm.base-url} points elsewhere). With an API key,
 * requests carry {@code Authorization: Bearer <key>}; without one, they are signed per attempt by
 * {@link BedrockSigV4}, which the client is given as its
 * {@link io.github.llmclient.provider.RequestAuth}.
 *
 * <p>
 * The wire format is split by job: {@link BedrockRequestWriter} (with {@link BedrockContent})
 * writes bodies, {@link BedrockResponseReader} reads answers and model lists,
 * {@link BedrockErrorReader} errors, a {@link BedrockStreamMapper} per stream its messages, and
 * {@link BedrockEmbeddings} the embeddings of either model family.
 */
public final class BedrockAdapter implements ProviderAdapter {

	private final URI baseUrl;

	private final URI modelsUri;

	private final Map<String, String> headers;

	private final @Nullable Integer defaultMaxTokens;

	private final BedrockRequestWriter writer;

	private final BedrockResponseReader reader;

	private final BedrockErrorReader errors;

	private final BedrockEmbeddings embeddings;

	private final JsonMapper mapper;

	/**
	 * Creates the adapter.
	 * @param baseUrl the runtime endpoint, e.g. {@code https://bedrock-runtime.us-east-1.amazonaws.com}
	 * @param apiKey a Bedrock API key (sent as a bearer token), or null to sign with SigV4
	 * @param region the AWS region, or null when unknown (the model list then goes to the base URL)
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null
	 * @param mapper the JSON mapper
	 */
	public BedrockAdapter(URI baseUrl, @Nullable String apiKey, @Nullable String region,
			@Nullable Integer defaultMaxTokens, JsonMapper mapper) {
		this.baseUrl = baseUrl;
		boolean regional = region != null
				&& BedrockPaths.trimmed(baseUrl).equals("https://bedrock-runtime." + region + ".amazonaws.com");
		this.modelsUri = regional ? URI.create("https://bedrock." + region + ".amazonaws.com/foundation-models")
				: URI.create(BedrockPaths.trimmed(baseUrl) + "/foundation-models");
		this.headers = (apiKey != null && !apiKey.isEmpty()) ? Map.of("Authorization", "Bearer " + apiKey) : Map.of();
		this.defaultMaxTokens = defaultMaxTokens;
		this.mapper = mapper;
		this.writer = new BedrockRequestWriter(mapper);
		this.reader = new BedrockResponseReader(mapper);
		this.errors = new BedrockErrorReader(mapper);
		this.embeddings = new BedrockEmbeddings(mapper);
	}

	@Override
	public String id() {
		return "bedrock";
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException for what Bedrock cannot take: an image URL (it takes bytes),
	 * an image type other than png, jpeg, gif or webp
	 */
	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		String model = request.model();
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("A Bedrock request needs a model id (it is part of the URL)");
		}
		return new ProviderRequest(HttpMethod.POST,
				BedrockPaths.model(this.baseUrl, model, stream ? "converse-stream" : "converse"), this.headers,
				this.writer.write(request, this.defaultMaxTokens), "chat");
	}

	@Override
	public ProviderRequest modelsRequest() {
		return new ProviderRequest(HttpMethod.GET, this.modelsUri, this.headers, null, "models");
	}

	@Override
	public ChatResponse readResponse(byte[] body) {
		return this.reader.read(body, null);
	}

	/** Reads the answer; Converse names no model, so the one of the request's URL is reported. */
	@Override
	public ChatResponse readResponse(ProviderRequest request, byte[] body) {
		return this.reader.read(body, BedrockPaths.modelOf(request.uri()));
	}

	@Override
	public List<String> readModels(byte[] body) {
		return this.reader.readModels(body);
	}

	@Override
	public ProviderError readError(byte[] body) {
		return this.errors.read(body, null);
	}

	@Override
	public ProviderError readError(byte[] body, HttpHeaders headers) {
		return this.errors.read(body, headers);
	}

	@Override
	public StreamFraming streamFraming() {
		return StreamFraming.AWS_EVENT_STREAM;
	}

	@Override
	public StreamMapper streamMapper() {
		return new BedrockStreamMapper(this.mapper, null);
	}

	@Override
	public StreamMapper streamMapper(ProviderRequest request) {
		return new BedrockStreamMapper(this.mapper, BedrockPaths.modelOf(request.uri()));
	}

	/** Bedrock embeds with Titan and Cohere models; which one is known only once the model is. */
	@Override
	public void requireEmbeddings() {
	}

	@Override
	public int maxEmbeddingBatchSize(String model) {
		return BedrockEmbeddings.maxBatchSize(model);
	}

	/**
	 * {@inheritDoc}
	 * @throws LlmBadRequestException for a model of neither family, before anything is sent
	 */
	@Override
	public ProviderRequest embeddingsRequest(EmbeddingRequest request) {
		String model = request.model();
		BedrockEmbeddings.Family family = (model != null) ? BedrockEmbeddings.familyOf(model) : null;
		if (model == null || family == null) {
			throw new LlmBadRequestException("Bedrock embeddings are supported for Amazon Titan text embeddings "
					+ "(amazon.titan-embed-text-v2:0) and Cohere embed models (cohere.embed-english-v3), not '" + model
					+ "'", ErrorDetails.builder(id()).build(), null);
		}
		return new ProviderRequest(HttpMethod.POST, BedrockPaths.model(this.baseUrl, model, "invoke"), this.headers,
				this.embeddings.write(request, family), "embeddings");
	}

	@Override
	public EmbeddingResponse readEmbeddings(byte[] body, int inputs) {
		return this.embeddings.read(body, inputs);
	}

	@Override
	public String toString() {
		return "BedrockAdapter[" + this.baseUrl + "]";
	}

}
