package io.github.llmclient.autoconfigure;

import java.net.URI;

import io.github.llmclient.OpenAiApi;
import io.github.llmclient.Provider;
import io.github.llmclient.provider.azure.AzureOpenAiAdapter;
import io.github.llmclient.provider.gemini.VertexSettings;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the settings of one provider family: the OpenAI API spoken ({@code llm.openai.api}),
 * Bedrock's AWS region ({@code llm.bedrock.region}) and Vertex AI's project and location
 * ({@code llm.vertex.*}), each failing naming the property at fault.
 */
final class ProviderSettingsFactory {

	private ProviderSettingsFactory() {
	}

	/**
	 * {@code llm.openai.api}: the Responses API exists on OpenAI and on Azure's v1 route only
	 * (Azure's deployments route has no {@code /responses}).
	 */
	static OpenAiApi openAiApi(ClientPropertyResolver r, Provider provider, URI baseUrl) {
		OpenAiApi api = r.value((p) -> p.getOpenai().getApi(), OpenAiApi.CHAT_COMPLETIONS);
		if (api == OpenAiApi.RESPONSES && provider == Provider.AZURE_OPENAI && !AzureOpenAiAdapter.isV1Route(baseUrl)) {
			throw new LlmConfigurationException(r.prefix() + "openai.api",
					"the Responses API is not served on Azure OpenAI's deployments route (" + baseUrl + ")",
					"Point " + r.prefix() + "base-url at the v1 route, e.g. https://my-resource.openai.azure.com/openai/v1, "
							+ "or set " + r.prefix() + "openai.api to chat-completions");
		}
		return api;
	}

	/** {@code llm.bedrock.region}, else the AWS default region chain; neither fails naming the property. */
	static String bedrockRegion(ClientPropertyResolver r) {
		String region = ClientPropertyResolver.blankToNull(r.value((p) -> p.getBedrock().getRegion(), null));
		if (region == null) {
			region = AwsRegions.defaultRegion();
		}
		if (region == null) {
			throw new LlmConfigurationException(r.prefix() + "bedrock.region",
					"no AWS region is set for the bedrock provider, and the AWS default region chain found none",
					"Set " + r.prefix() + "bedrock.region, e.g. us-east-1 (or the AWS_REGION environment variable)");
		}
		if (!region.matches("[a-z0-9-]+")) {
			throw new LlmConfigurationException(r.prefix() + "bedrock.region", "'" + region + "' is not an AWS region",
					"Set " + r.prefix() + "bedrock.region to a region id such as us-east-1");
		}
		return region;
	}

	/**
	 * The Vertex AI project and location: a vertex-ai client needs a project unless an API key
	 * selects express mode; the location must be a plain region name (it becomes part of the host).
	 */
	static VertexSettings vertex(ClientPropertyResolver r, Provider provider, @Nullable String apiKey) {
		String project = ClientPropertyResolver.blankToNull(r.value((p) -> p.getVertex().getProject(), null));
		String location = ClientPropertyResolver.blankToNull(r.value((p) -> p.getVertex().getLocation(), null));
		if (location == null) {
			location = VertexSettings.DEFAULT_LOCATION;
		}
		if (provider != Provider.VERTEX_AI) {
			return new VertexSettings(project, location);
		}
		if (!location.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
			throw new LlmConfigurationException(r.prefix() + "vertex.location", "'" + location
					+ "' is not a Google Cloud location",
					"Set " + r.prefix() + "vertex.location to a region such as us-central1 or europe-west4, or to global");
		}
		if (project == null && (apiKey == null || apiKey.isBlank())) {
			throw new LlmConfigurationException(r.prefix() + "vertex.project",
					"the vertex-ai provider needs the Google Cloud project to call",
					"Set " + r.prefix() + "vertex.project to your project id (e.g. ${GOOGLE_CLOUD_PROJECT}), or set "
							+ r.prefix() + "api-key to use Vertex AI express mode");
		}
		return new VertexSettings(project, location);
	}

}
