package io.github.llmclient.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import io.github.llmclient.PooledBodies;
import io.github.llmclient.embedding.EmbeddingResponse;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code batchEmbedContents} bodies: the usual shape read from its bytes and any other through
 * Jackson give the same vectors, and a wrong body is refused with the same message either way;
 * all of it whether the body comes as one array or as the network's pooled buffers.
 */
class GeminiEmbeddingsTests {

	private final GeminiEmbeddings embeddings = new GeminiEmbeddings(GeminiFixtures.MAPPER);

	/** The two ways a body is read: from one array, and from pooled buffers of 5 bytes. */
	private final List<BiFunction<String, Integer, EmbeddingResponse>> readers = List.of(
			(body, inputs) -> this.embeddings.read(body.getBytes(StandardCharsets.UTF_8), inputs),
			(body, inputs) -> readPooled(body.getBytes(StandardCharsets.UTF_8), 5, inputs));

	/** Reads the body as the network leaves it: pooled buffers of {@code piece} bytes, joined. */
	private EmbeddingResponse readPooled(byte[] body, int piece, int inputs) {
		return PooledBodies.read(body, piece, (buffer) -> this.embeddings.read(buffer, inputs));
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
			for (BiFunction<String, Integer, EmbeddingResponse> read : this.readers) {
				EmbeddingResponse response = read.apply(body, 2);
				assertThat(response.embeddings()).hasSize(2);
				assertThat(response.embeddings().get(0)).containsExactly(-0.00692928f, 0.1f, 1e-3f, -0.0f, 3f);
				assertThat(Float.floatToRawIntBits(response.embeddings().get(0)[3])).isEqualTo(0x80000000);
				assertThat(response.embeddings().get(1)).containsExactly(0.5f, 25f, 7f, 8f, 9f);
			}
		}
	}

	@Test
	void aBodyWithTooFewVectorsOrNoValuesIsRefused() {
		for (BiFunction<String, Integer, EmbeddingResponse> read : this.readers) {
			assertThatIllegalStateException().isThrownBy(() -> read.apply("{\"embeddings\":[{\"values\":[1,2]}]}", 2))
				.withMessage("expected 2 embeddings, got 1");
			assertThatIllegalStateException().isThrownBy(() -> read.apply("{\"embeddings\":[{\"values\":[]}]}", 1))
				.withMessage("an embedding has no values");
			assertThatIllegalStateException()
				.isThrownBy(() -> read.apply("{\"embeddings\":[{\"values\":[1,\"2\"]}]}", 1))
				.withMessage("embeddings[0].values holds VALUE_STRING where a number belongs");
		}
	}

	@Test
	void aFullBatchInPooledBuffersReadsAsFromOneArrayAndAFlawPastTheFirstWindowIsReported() {
		// 100 vectors of 1,536 values, as the API writes them (indented), 2.4 MB
		SplittableRandom random = new SplittableRandom(100);
		StringBuilder json = new StringBuilder("{\n  \"embeddings\": [\n");
		float[][] expected = new float[100][1536];
		for (int v = 0; v < 100; v++) {
			json.append((v > 0) ? ",\n" : "").append("    {\n      \"values\": [\n");
			for (int d = 0; d < 1536; d++) {
				String number = String.format(Locale.ROOT, "%.10f", random.nextDouble(-0.1, 0.1));
				expected[v][d] = Float.parseFloat(number);
				json.append((d > 0) ? ",\n" : "").append("        ").append(number);
			}
			json.append("\n      ]\n    }");
		}
		byte[] body = json.append("\n  ]\n}\n").toString().getBytes(StandardCharsets.UTF_8);
		for (int piece : new int[] { 8192, 65_536 }) {
			EmbeddingResponse response = readPooled(body, piece, 100);
			assertThat(response.embeddings()).hasSize(100);
			for (int v = 0; v < 100; v++) {
				assertThat(response.embeddings().get(v)).containsExactly(expected[v]);
			}
		}
		// the last vector's last value a string: the fast path gives up 2.4 MB in, Jackson says why
		String text = new String(body, StandardCharsets.UTF_8);
		int at = text.lastIndexOf("        ") + 8;
		int stop = text.indexOf('\n', at);
		String flawed = text.substring(0, at) + '"' + text.substring(at, stop) + '"' + text.substring(stop);
		assertThatIllegalStateException()
			.isThrownBy(() -> readPooled(flawed.getBytes(StandardCharsets.UTF_8), 65_536, 100))
			.withMessage("embeddings[99].values holds VALUE_STRING where a number belongs");
	}

}
