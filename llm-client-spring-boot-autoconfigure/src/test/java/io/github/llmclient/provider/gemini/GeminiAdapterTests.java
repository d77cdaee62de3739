package io.github.llmclient.provider.gemini;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.provider.ProviderRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the Gemini adapters send their requests. */
class GeminiAdapterTests {

	private final GeminiAdapter vertex = GeminiAdapter.vertex(URI.create("https://us-central1-aiplatform.googleapis.com/v1"),
			null, "my-project", "us-central1", null, GeminiFixtures.MAPPER);

	@Test
	void vertexAddressesModelsUnderItsProjectAndLocationWithoutAKey() {
		ProviderRequest stream = this.vertex.chatRequest(ChatRequest.builder().model("gemini-2.5-pro").user("x").build(),
				true);

		assertThat(stream.uri()).hasToString("https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/"
				+ "locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse");
		assertThat(stream.headers()).isEmpty();
	}

	@Test
	void vertexListsGooglesPublisherModelsPageByPage() {
		ProviderRequest first = this.vertex.modelsRequest();
		assertThat(first.uri()).hasToString(
				"https://us-central1-aiplatform.googleapis.com/v1beta1/publishers/google/models?pageSize=1000");
		byte[] page = """
				{"publisherModels": [{"name": "publishers/google/models/gemini-2.5-flash"}],
				 "nextPageToken": "next"}""".getBytes(StandardCharsets.UTF_8);

		assertThat(this.vertex.readModels(page)).containsExactly("gemini-2.5-flash");
		assertThat(this.vertex.nextModelsRequest(first, page).uri()).hasToString(
				"https://us-central1-aiplatform.googleapis.com/v1beta1/publishers/google/models?pageSize=1000&pageToken=next");
		assertThat(this.vertex.nextModelsRequest(first, "{\"publisherModels\": []}".getBytes(StandardCharsets.UTF_8)))
			.isNull();
	}

	@Test
	void geminiAcceptsModelNamesWithTheirPrefixAndCapsEmbeddingBatches() {
		GeminiAdapter gemini = GeminiAdapter.gemini(URI.create("https://generativelanguage.googleapis.com/v1beta"), "k", null,
				GeminiFixtures.MAPPER);

		assertThat(gemini.chatRequest(ChatRequest.builder().model("models/gemini-2.5-flash").user("x").build(), false).uri())
			.hasToString("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
		assertThat(gemini.maxEmbeddingBatchSize("text-embedding-004")).isEqualTo(100);
		assertThat(this.vertex.maxEmbeddingBatchSize("text-embedding-004")).isEqualTo(Integer.MAX_VALUE);
	}

}
