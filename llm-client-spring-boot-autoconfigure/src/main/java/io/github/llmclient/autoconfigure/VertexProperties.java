package io.github.llmclient.autoconfigure;

import org.jspecify.annotations.Nullable;

/** Vertex AI settings ({@code llm.vertex.*}), used when the provider is vertex-ai. */
public class VertexProperties {

	/** Google Cloud project id. Required for vertex-ai unless llm.api-key selects express mode. */
	private @Nullable String project;

	/** Region of the endpoint, e.g. us-central1; global uses https://aiplatform.googleapis.com. Default: global. */
	private @Nullable String location;

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public @Nullable String getLocation() {
		return this.location;
	}

	public void setLocation(@Nullable String location) {
		this.location = location;
	}

}
