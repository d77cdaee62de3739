package io.github.llmclient.autoconfigure;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.Provider;
import io.github.llmclient.provider.RequestAuth;
import org.jspecify.annotations.Nullable;

/**
 * Decides how a client is authorised per attempt. Kept apart from
 * {@link VertexAuthConfiguration}, which names Google's classes, so that it loads without them.
 */
final class VertexClientAuth {

	/** The artifact to add for vertex-ai without a key. */
	static final String ARTIFACT = "com.google.auth:google-auth-library-oauth2-http";

	private VertexClientAuth() {
	}

	/**
	 * The authorisation of a client: Google OAuth2 for a vertex-ai client without a key (express
	 * mode) or an Authorization header of its own, none otherwise.
	 * @param config the client
	 * @param vertexAuth the Google OAuth2 authorisation, or null without Google's library
	 * @return the authorisation, or null for none
	 * @throws LlmConfigurationException for a vertex-ai client that needs Google's library, absent
	 */
	static @Nullable RequestAuth forClient(ClientConfig config, @Nullable RequestAuth vertexAuth) {
		if (config.provider() != Provider.VERTEX_AI || config.apiKey() != null
				|| config.headers().keySet().stream().anyMatch("Authorization"::equalsIgnoreCase)) {
			return null;
		}
		if (vertexAuth == null) {
			String property = ClientConfig.DEFAULT_NAME.equals(config.name()) ? "llm.provider"
					: "llm.clients." + config.name() + ".provider";
			throw new LlmConfigurationException(property,
					"vertex-ai authenticates with Google Application Default Credentials, and " + ARTIFACT
							+ " is not on the classpath",
					"Add the dependency " + ARTIFACT + " (e.g. version 1.58.0), or set "
							+ property.replace(".provider", ".api-key") + " to use Vertex AI express mode");
		}
		return vertexAuth;
	}

}
