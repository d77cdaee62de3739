package io.github.llmclient.provider.azure;

import java.net.URI;
import java.util.Map;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.provider.ProviderRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests of {@link AzureOpenAiAdapter}'s URLs, headers and bodies, without HTTP. */
class AzureOpenAiAdapterTests {

	private static final String RESOURCE = "https://my-resource.openai.azure.com";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ChatRequest request = ChatRequest.builder().model("gpt-4o-prod").user("Hi").build();

	@Test
	void deploymentsRouteAddressesTheDeploymentWithApiKeyAndNoModelInBody() {
		ProviderRequest chat = adapter(RESOURCE, "azure-secret").chatRequest(this.request, false);
		assertThat(chat.method()).isEqualTo(HttpMethod.POST);
		assertThat(chat.uri()).hasToString(
				RESOURCE + "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
		assertThat(chat.headers()).containsOnly(Map.entry("api-key", "azure-secret"));
		assertThat(body(chat)).isEqualTo(this.mapper.readTree("""
				{"messages":[{"role":"user","content":"Hi"}]}"""));
	}

	@ParameterizedTest
	@ValueSource(strings = { RESOURCE + "/", RESOURCE + "/openai", RESOURCE + "/openai/", RESOURCE + "?ignored=1" })
	void deploymentsRouteAcceptsEndpointWithOrWithoutOpenAiSegment(String baseUrl) {
		assertThat(adapter(baseUrl, "k").chatRequest(this.request, false).uri()).hasToString(
				RESOURCE + "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21");
	}

	@Test
	void deploymentNameIsEncodedAsPathSegment() {
		ChatRequest request = ChatRequest.builder().model("team a/gpt").user("Hi").build();
		assertThat(adapter(RESOURCE, "k").chatRequest(request, false).uri()).hasToString(
				RESOURCE + "/openai/deployments/team%20a%2Fgpt/chat/completions?api-version=2024-10-21");
	}

	@Test
	void requestWithoutDeploymentIsRejected() {
		ChatRequest request = ChatRequest.builder().user("Hi").build();
		assertThatIllegalArgumentException().isThrownBy(() -> adapter(RESOURCE, "k").chatRequest(request, false))
			.withMessageContaining("llm.model");
	}

	@Test
	void streamRequestAsksForUsageUnlessTurnedOff() {
		JsonNode body = body(adapter(RESOURCE, "k").chatRequest(this.request, true));
		assertThat(body.path("stream").booleanValue()).isTrue();
		assertThat(body.path("stream_options").path("include_usage").booleanValue()).isTrue();
		assertThat(body.has("model")).isFalse();
		AzureOpenAiAdapter withoutUsage = new AzureOpenAiAdapter(URI.create(RESOURCE), "k", "2024-10-21", 256, false,
				this.mapper);
		JsonNode plain = body(withoutUsage.chatRequest(this.request, true));
		assertThat(plain.has("stream_options")).isFalse();
		assertThat(plain.path("max_tokens").intValue()).isEqualTo(256);
	}

	@Test
	void modelsListsTheResourceModelsWithApiVersion() {
		ProviderRequest models = adapter(RESOURCE + "/openai/", "k").modelsRequest();
		assertThat(models.method()).isEqualTo(HttpMethod.GET);
		assertThat(models.uri()).hasToString(RESOURCE + "/openai/models?api-version=2024-10-21");
		assertThat(models.headers()).containsOnly(Map.entry("api-key", "k"));
	}

	@Test
	void v1RouteSpeaksOpenAiStyleWithModelInBodyAndNoApiVersion() {
		AzureOpenAiAdapter adapter = adapter(RESOURCE + "/openai/v1/", "azure-secret");
		ProviderRequest chat = adapter.chatRequest(this.request, false);
		assertThat(chat.uri()).hasToString(RESOURCE + "/openai/v1/chat/completions");
		assertThat(chat.headers()).containsOnly(Map.entry("api-key", "azure-secret"));
		assertThat(body(chat).path("model").stringValue()).isEqualTo("gpt-4o-prod");
		assertThat(adapter.modelsRequest().uri()).hasToString(RESOURCE + "/openai/v1/models");
	}

	@Test
	void v1RouteKeepsQueryOfBaseUrl() {
		AzureOpenAiAdapter adapter = adapter(RESOURCE + "/openai/v1?api-version=preview", "k");
		assertThat(adapter.chatRequest(this.request, false).uri())
			.hasToString(RESOURCE + "/openai/v1/chat/completions?api-version=preview");
	}

	@Test
	void detectsV1Route() {
		assertThat(AzureOpenAiAdapter.isV1Route(URI.create(RESOURCE + "/openai/v1"))).isTrue();
		assertThat(AzureOpenAiAdapter.isV1Route(URI.create(RESOURCE + "/OpenAI/V1/"))).isTrue();
		assertThat(AzureOpenAiAdapter.isV1Route(URI.create(RESOURCE))).isFalse();
		assertThat(AzureOpenAiAdapter.isV1Route(URI.create(RESOURCE + "/openai"))).isFalse();
		assertThat(AzureOpenAiAdapter.isV1Route(URI.create(RESOURCE + "/v1"))).isFalse();
	}

	@Test
	void sendsNoKeyHeaderWithoutKey() {
		AzureOpenAiAdapter adapter = adapter(RESOURCE, null);
		assertThat(adapter.chatRequest(this.request, false).headers()).isEmpty();
		assertThat(adapter.id()).isEqualTo("azure-openai");
	}

	private AzureOpenAiAdapter adapter(String baseUrl, @Nullable String apiKey) {
		return new AzureOpenAiAdapter(URI.create(baseUrl), apiKey, "2024-10-21", null, true, this.mapper);
	}

	private JsonNode body(ProviderRequest request) {
		assertThat(request.body()).isNotNull();
		return this.mapper.readTree(request.body());
	}

}
