package io.github.llmclient;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

/** Bodies of an OpenAI-compatible {@code /embeddings} endpoint, with vectors derived from each text. */
public final class EmbeddingStubs {

	private EmbeddingStubs() {
	}

	/** The vector the stubs give a text: its length, its first character and a constant. */
	public static float[] vectorOf(String text) {
		return new float[] { text.length(), text.isEmpty() ? 0 : text.charAt(0), 0.125f };
	}

	/**
	 * A response for the given inputs, base64-encoded, each input's prompt tokens being 1.
	 * @param model the model reported
	 * @param inputs the texts of the request
	 * @return the body
	 */
	public static String base64Response(String model, List<String> inputs) {
		StringBuilder data = new StringBuilder();
		for (int i = 0; i < inputs.size(); i++) {
			data.append((i > 0) ? "," : "")
				.append("{\"object\":\"embedding\",\"index\":")
				.append(i)
				.append(",\"embedding\":\"")
				.append(base64(vectorOf(inputs.get(i))))
				.append("\"}");
		}
		return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"" + model + "\",\"usage\":{\"prompt_tokens\":"
				+ inputs.size() + ",\"total_tokens\":" + inputs.size() + "}}";
	}

	/** A response for the given inputs with JSON arrays, as servers that ignore the encoding send. */
	public static String floatResponse(String model, List<String> inputs) {
		StringBuilder data = new StringBuilder();
		for (int i = 0; i < inputs.size(); i++) {
			float[] vector = vectorOf(inputs.get(i));
			data.append((i > 0) ? "," : "").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[");
			for (int j = 0; j < vector.length; j++) {
				data.append((j > 0) ? "," : "").append(vector[j]);
			}
			data.append("]}");
		}
		return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"" + model + "\",\"usage\":{\"prompt_tokens\":"
				+ inputs.size() + ",\"total_tokens\":" + inputs.size() + "}}";
	}

	/** The little-endian float32 bytes of a vector in base64, as OpenAI sends them. */
	public static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(vector);
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	/** A POST to the path whose body's inputs start with the given text. */
	public static MappingBuilder batchStartingWith(String path, String firstInput) {
		return post(path).withRequestBody(matchingJsonPath("$.input[0]", equalTo(firstInput)));
	}

}
