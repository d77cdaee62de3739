package io.github.llmclient.provider.gemini;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link io.github.llmclient.Provider#VERTEX_AI} client sends its calls ({@code llm.vertex.*}).
 *
 * @param project the Google Cloud project id, or null (only express mode, with an API key, needs
 * none)
 * @param location the region, e.g. {@code us-central1}, or {@code global}
 */
public record VertexSettings(@Nullable String project, String location) {

	/** The default {@code llm.vertex.location}. */
	public static final String DEFAULT_LOCATION = "global";

	public VertexSettings {
		Objects.requireNonNull(location, "location must not be null");
		if (location.isBlank()) {
			throw new IllegalArgumentException("location must not be blank");
		}
	}

	/**
	 * No project, location {@code global}.
	 * @return the defaults
	 */
	public static VertexSettings defaults() {
		return new VertexSettings(null, DEFAULT_LOCATION);
	}

	/**
	 * The API root of a location: {@code https://aiplatform.googleapis.com/v1} for {@code global},
	 * else {@code https://{location}-aiplatform.googleapis.com/v1}.
	 * @param location the location
	 * @return the base URL
	 */
	public static URI baseUrl(String location) {
		return DEFAULT_LOCATION.equals(location) ? URI.create("https://aiplatform.googleapis.com/v1")
				: URI.create("https://" + location + "-aiplatform.googleapis.com/v1");
	}

}
