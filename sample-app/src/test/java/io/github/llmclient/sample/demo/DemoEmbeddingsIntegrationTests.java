package io.github.llmclient.sample.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.llmclient.sample.SampleAppTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The demo model speaks OpenAI's Embeddings wire format, in both encodings, and checks requests as OpenAI does. */
class DemoEmbeddingsIntegrationTests extends SampleAppTestSupport {

	private static final List<String> TEXTS = List.of("The cat sleeps on the sofa.", "Interest rates went up again.");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void base64AndJsonArraysCarryTheSameVectors() {
		JsonNode base64 = embed(Map.of("model", "demo-embed", "input", TEXTS, "encoding_format", "base64"));
		JsonNode floats = embed(Map.of("model", "demo-embed", "input", TEXTS, "encoding_format", "float"));
		JsonNode byDefault = embed(Map.of("model", "demo-embed", "input", TEXTS));
		assertThat(base64.path("data").path(0).path("embedding").isString()).isTrue();
		assertThat(floats.path("data").path(0).path("embedding").isArray()).isTrue();
		// OpenAI's default encoding is float
		assertThat(byDefault.path("data").path(0).path("embedding").isArray()).isTrue();
		List<float[]> fromBase64 = vectors(base64);
		List<float[]> fromFloats = vectors(floats);
		assertThat(fromBase64).hasSize(2);
		for (int i = 0; i < TEXTS.size(); i++) {
			assertThat(fromBase64.get(i)).hasSize(DemoEmbeddings.DIMENSIONS).containsExactly(fromFloats.get(i));
			assertThat(vectors(byDefault).get(i)).containsExactly(fromFloats.get(i));
			assertThat(length(fromBase64.get(i))).isCloseTo(1.0, within(1e-5));
		}
		assertThat(fromBase64.get(0)).isNotEqualTo(fromBase64.get(1));
	}

	@Test
	void answersInOpenAisShapeWithUsage() {
		JsonNode answer = embed(Map.of("model", "demo-embed", "input", TEXTS, "encoding_format", "base64"));
		assertThat(answer.path("object").asString()).isEqualTo("list");
		assertThat(answer.path("model").asString()).isEqualTo("demo-embed");
		assertThat(answer.path("data").path(1).path("object").asString()).isEqualTo("embedding");
		assertThat(answer.path("data").path(0).path("index").asInt()).isEqualTo(0);
		assertThat(answer.path("data").path(1).path("index").asInt()).isEqualTo(1);
		// 6 + 5 words
		assertThat(answer.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
		assertThat(answer.path("usage").path("total_tokens").asInt()).isEqualTo(11);
		// the vectors are sent as 4 bytes per float, not as decimal text
		assertThat(Base64.getDecoder().decode(answer.path("data").path(0).path("embedding").asString()))
			.hasSize(4 * DemoEmbeddings.DIMENSIONS);
	}

	@Test
	void shortensVectorsToTheDimensionsAskedFor() {
		for (String format : List.of("base64", "float")) {
			JsonNode answer = embed(Map.of("model", "demo-embed", "input", "A single text", "dimensions", 64,
					"encoding_format", format));
			float[] vector = vectors(answer).get(0);
			assertThat(vector).hasSize(64);
			assertThat(length(vector)).isCloseTo(1.0, within(1e-5));
		}
	}

	@Test
	void textsSharingWordsAreCloseAndOthersAreNot() {
		List<float[]> vectors = vectors(embed(Map.of("model", "demo-embed", "input",
				List.of("The cat sleeps.", "Cats sleep!", "The cat sleeps on the warm sofa.",
						"Interest rates went up again."))));
		// same words once stop words and plurals are set aside: the same vector
		assertThat(cosine(vectors.get(0), vectors.get(1))).isCloseTo(1.0, within(1e-6));
		assertThat(cosine(vectors.get(0), vectors.get(2))).isGreaterThan(0.5);
		assertThat(Math.abs(cosine(vectors.get(0), vectors.get(3)))).isLessThan(0.3);
	}

	@Test
	void rejectsARequestWithoutModelOrInputAsOpenAiDoes() {
		expectInvalid(Map.of("input", TEXTS), HttpStatus.BAD_REQUEST, "You must provide a model parameter.");
		expectInvalid(Map.of("model", "demo-embed"), HttpStatus.BAD_REQUEST, "'input' is a required property");
		expectInvalid(Map.of("model", "demo-embed", "input", List.of()), HttpStatus.BAD_REQUEST,
				"'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
		expectInvalid(Map.of("model", "demo-embed", "input", List.of("fine", "")), HttpStatus.BAD_REQUEST,
				"'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
	}

	@Test
	void rejectsAnUnknownEncodingOrDimensionsOutOfRange() {
		expectInvalid(Map.of("model", "demo-embed", "input", TEXTS, "encoding_format", "int8"), HttpStatus.BAD_REQUEST,
				"Invalid value for 'encoding_format': 'int8'. Supported values are: 'float' and 'base64'.");
		expectInvalid(Map.of("model", "demo-embed", "input", TEXTS, "dimensions", 0), HttpStatus.BAD_REQUEST,
				"Invalid value for 'dimensions': 0. It must be an integer of at least 1.");
		expectInvalid(Map.of("model", "demo-embed", "input", TEXTS, "dimensions", 1536), HttpStatus.BAD_REQUEST,
				"Invalid value for 'dimensions': 1536. This model's vectors have 256 dimensions; it cannot make "
						+ "longer ones.");
	}

	@Test
	void rejectsAnUnknownModelAsNotFound() {
		this.client.post()
			.uri("/demo/v1/embeddings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("model", "text-embedding-3-small", "input", TEXTS))
			.exchange()
			.expectStatus().isNotFound()
			.expectBody()
			.jsonPath("$.error.code").isEqualTo("model_not_found")
			.jsonPath("$.error.type").isEqualTo("invalid_request_error");
	}

	@Test
	void listsTheEmbeddingModelBesideTheChatModel() {
		this.client.get()
			.uri("/demo/v1/models")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.data[0].id").isEqualTo("demo-echo")
			.jsonPath("$.data[1].id").isEqualTo("demo-embed");
	}

	private void expectInvalid(Map<String, Object> request, HttpStatus status, String message) {
		this.client.post()
			.uri("/demo/v1/embeddings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().exists("x-request-id")
			.expectBody()
			.jsonPath("$.error.type").isEqualTo("invalid_request_error")
			.jsonPath("$.error.message").isEqualTo(message);
	}

	private JsonNode embed(Map<String, Object> request) {
		byte[] body = this.client.post()
			.uri("/demo/v1/embeddings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

	/** Decodes every embedding of an answer, base64 (little-endian float32) or JSON array alike. */
	static List<float[]> vectors(JsonNode answer) {
		List<float[]> vectors = new ArrayList<>();
		for (JsonNode item : answer.path("data")) {
			JsonNode embedding = item.path("embedding");
			if (embedding.isString()) {
				ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asString()))
					.order(ByteOrder.LITTLE_ENDIAN);
				float[] vector = new float[bytes.remaining() / Float.BYTES];
				bytes.asFloatBuffer().get(vector);
				vectors.add(vector);
			}
			else {
				float[] vector = new float[embedding.size()];
				for (int i = 0; i < vector.length; i++) {
					vector[i] = (float) embedding.path(i).asDouble();
				}
				vectors.add(vector);
			}
		}
		return vectors;
	}

	private static double length(float[] vector) {
		return Math.sqrt(dot(vector, vector));
	}

	private static double cosine(float[] a, float[] b) {
		return dot(a, b) / (length(a) * length(b));
	}

	private static double dot(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += (double) a[i] * b[i];
		}
		return dot;
	}

}
