package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;

import io.github.llmclient.embedding.EmbeddingResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code batchEmbedContents} bodies: the usual shape read from its bytes and any other through
 * Jackson give the same vectors, and a wrong body is refused with the same message either way.
 */
class GeminiEmbeddingsTests {

	private final GeminiEmbeddings embeddings = new GeminiEmbeddings(GeminiFixtures.MAPPER);

	private EmbeddingResponse read(String body, int inputs) {
		return this.embeddings.read(body.getBytes(StandardCharsets.UTF_8), inputs);
	}

	@Test
	void compactIndentedAndUnusualBodiesGiveTheSameVectors() {
		String compact = "{\"embeddings\":[{\"values\":[-0.00692928,0.1,1e-3,-0.0,3]},{\"values\":[0.5,2.5E+1,7,8,9]}]}";
		// the API indents its arrays
		String indented = "{\n  \"embeddings\": [\n    {\n      \"values\": [\n        -0.00692928,\n        0.1,\n"
				+ "        1e-3,\n        -0.0,\n        3\n      ]\n    },\n    {\"values\": [0.5, 2.5E+1, 7, 8, 9]}\n  ]\n}\n";
		// a field the fast path does not expect: Jackson reads it
		String unusual = "{\"embeddings\":[{\"values\":[-0.00692928,0.1,1e-3,-0.0,3],\"shape\":[5]},"
				+ "{\"values\":[0.5,2.5E+1,7,8,9]}],\"extra\":true}";
		for (String body : new String[] { compact, indented, unusual }) {
			EmbeddingResponse response = read(body, 2);
			assertThat(response.embeddings()).hasSize(2);
			assertThat(response.embeddings().get(0)).containsExactly(-0.00692928f, 0.1f, 1e-3f, -0.0f, 3f);
			assertThat(Float.floatToRawIntBits(response.embeddings().get(0)[3])).isEqualTo(0x80000000);
			assertThat(response.embeddings().get(1)).containsExactly(0.5f, 25f, 7f, 8f, 9f);
		}
	}

	@Test
	void aBodyWithTooFewVectorsOrNoValuesIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> read("{\"embeddings\":[{\"values\":[1,2]}]}", 2))
			.withMessage("expected 2 embeddings, got 1");
		assertThatIllegalStateException().isThrownBy(() -> read("{\"embeddings\":[{\"values\":[]}]}", 1))
			.withMessage("an embedding has no values");
		assertThatIllegalStateException().isThrownBy(() -> read("{\"embeddings\":[{\"values\":[1,\"2\"]}]}", 1))
			.withMessage("embeddings[0].values holds VALUE_STRING where a number belongs");
	}

}
