package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
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

	private final AnthropicWireFormat format;

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
		this.format = new AnthropicWireFormat(mapper);
	}

	@Override
	public String id() {
		return "anthropic";
	}

	@Override
	public ProviderRequest chatRequest(ChatRequest request, boolean stream) {
		byte[] body = this.format.writeRequest(request, this.defaultMaxTokens, stream);
		return new ProviderRequest(HttpMethod.POST, this.messagesUri, this.headers, body, "chat");
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
		return new AnthropicStreamMapper(this.format);
	}

	@Override
	public String toString() {
		return "AnthropicAdapter[" + this.messagesUri + "]";
	}

}
