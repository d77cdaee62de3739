package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmBadRequestException;
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
 * Anthropic's native Messages API: {@code POST {base}/messages} with the {@code x-api-key}
 * (omitted when there is no key, e.g. behind a gateway that adds it) and
 * {@code anthropic-version} headers, and {@code GET {base}/models}. System messages go into the
 * top-level {@code system} field and {@code max_tokens} is always sent, as the API requires.
 * Tools, tool calls and results, images and thinking map to content blocks; a JSON response
 * format, which the API lacks, is sent as a forced tool whose input is read back as the answer
 * ({@link ProviderRequest#answerTool()}), so {@code contentAs} works as on OpenAI.
 *
 * <p>
 * The wire format is split by job: {@link AnthropicRequestWriter} writes bodies,
 * {@link AnthropicResponseReader} reads answers, model lists and errors, and an
 * {@link AnthropicStreamMapper} per stream maps the events {@link AnthropicEventReader} reads.
 */
public final class AnthropicAdapter implements ProviderAdapter {

	/** The {@code max_tokens} sent when neither the request nor {@code llm.max-tokens} sets one. */
	public static final int DEFAULT_MAX_TOKENS = 1024;

	/** The largest page of the model list ({@code limit}): one request lists every model. */
	static final int MODELS_PAGE_SIZE = 1000;

	private final URI messagesUri;

	private final URI modelsUri;

	private final Map<String, String> headers;

	private final int defaultMaxTokens;

	private final AnthropicRequestWriter writer;

	private final AnthropicResponseReader reader;

	private final AnthropicEventReader events;

	private final AnthropicBatchFormat batches;

	/**
	 * Creates the adapter.
	 * @param baseUrl the API root, e.g. {@code https://api.anthropic.com/v1}
	 * @param apiKey the key, or null when the server needs none
	 * @param version the {@code anthropic-version} header, e.g. {@code 2023-06-01}
	 * @param defaultMaxTokens {@code llm.max-tokens}, or null for {@value #DEFAULT_MAX_TOKENS}
	 * @param mapper the JSON mapper
	 */
	public AnthropicAdapter(URI baseUrl, @Nullable String apiKey, String version, @Nullable Integer defaultMaxTokens,
			JsonMapper mapper) {
		this.messagesUri = ProviderUrls.resolve(baseUrl, "messages");
		this.modelsUri = ProviderUrls.withQueryParam(ProviderUrls.resolve(baseUrl, "models"), "limit",
				Integer.toString(MODELS_PAGE_SIZE));
		Map<String, String> headers = new LinkedHashMap<>();
		if (apiKey != null && !apiKey.isEmpty()) {
			headers.put("x-api-key", apiKey);
		}
		headers.put("anthropic-version", Objects.requireNonNull(version, "version must not be null"));
		this.headers = Map.copyOf(headers);
		this.defaultMaxTokens = (defaultMaxTokens != null) ? defaultMaxTokens : DEFAULT_MAX_TOKENS;
		this.writer = new AnthropicRequestWriter(mapper);
		this.reader = new AnthropicResponseReader(mapper);
		this.events = new AnthropicEventReader(mapper);
		this.batches = new AnthropicBatchFormat(baseUrl, this.headers, mapper, this::readResponse, this::readError);
	}

	@Override
	public String id() {
		return "anthropic";
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException when the request's response format has the name of one of
	 * its tools (both would be tools here), or an image {@code data:} URL is not base64
	 */
	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		AnthropicRequestWriter.Written written = this.writer.write(request, this.defaultMaxTokens, stream);
		return new ProviderRequest(HttpMethod.POST, this.messagesUri, this.headers, written.body(), "chat",
				written.answerTool());
	}

	@Override
	public ProviderRequest modelsRequest() {
		return new ProviderRequest(HttpMethod.GET, this.modelsUri, this.headers, null, "models");
	}

	@Override
	public ChatResponse readResponse(byte[] body) {
		return this.reader.read(body, null);
	}

	/** Reads the answer; the input of the request's answer tool, if any, is its content. */
	@Override
	public ChatResponse readResponse(ProviderRequest request, byte[] body) {
		return this.reader.read(body, request.answerTool());
	}

	@Override
	public List<String> readModels(byte[] body) {
		return this.reader.readModels(body);
	}

	@Override
	public ProviderError readError(byte[] body) {
		return this.reader.readError(body);
	}

	@Override
	public StreamMapper streamMapper() {
		return new AnthropicStreamMapper(this.events, null);
	}

	/** A mapper that streams the input of the request's answer tool, if any, as content. */
	@Override
	public StreamMapper streamMapper(ProviderRequest request) {
		return new AnthropicStreamMapper(this.events, request.answerTool());
	}

	/** Anthropic's Message Batches, under the same base URL and headers. */
	@Override
	public BatchFormat batchFormat() {
		return this.batches;
	}

	/**
	 * Refuses: Anthropic has no embeddings API.
	 * @throws LlmBadRequestException always, suggesting a client of another provider
	 */
	@Override
	public void requireEmbeddings() {
		throw new LlmBadRequestException("Anthropic has no embeddings API: call embed on a client of another "
				+ "provider, e.g. a named client llm.clients.embeddings.provider=openai with "
				+ "llm.clients.embeddings.embedding-model=text-embedding-3-small, injected as "
				+ "@Qualifier(\"embeddings\") LlmTemplate", ErrorDetails.builder(id()).build(), null);
	}

	@Override
	public String toString() {
		return "AnthropicAdapter[" + this.messagesUri + "]";
	}

}
