package io.github.llmclient.provider.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import io.github.llmclient.PooledBodies;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.embedding.EmbeddingResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The {@code /embeddings} body we write and the responses we read, base64 and JSON arrays alike. */
class EmbeddingsWireFormatTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final OpenAiEmbeddingsFormat format = new OpenAiEmbeddingsFormat(this.mapper);

	@Test
	void writesModelInputsBase64EncodingAndDimensions() {
		EmbeddingRequest request = EmbeddingRequest.builder()
			.model("text-embedding-3-small")
			.input("first \"quoted\" text")
			.input("zweiter Text ✓")
			.dimensions(256)
			.build();
		JsonNode body = this.mapper.readTree(this.format.writeRequest(request, true));
		assertThat(body).isEqualTo(this.mapper.readTree("""
				{"model":"text-embedding-3-small","input":["first \\"quoted\\" text","zweiter Text ✓"],
				 "encoding_format":"base64","dimensions":256}"""));
	}

	@Test
	void leavesOutTheModelWhereTheUrlNamesItAndDimensionsWhenUnset() {
		EmbeddingRequest request = EmbeddingRequest.builder().model("embed-deployment").input("text").build();
		JsonNode body = this.mapper.readTree(this.format.writeRequest(request, false));
		assertThat(body).isEqualTo(this.mapper.readTree("{\"input\":[\"text\"],\"encoding_format\":\"base64\"}"));
	}

	@ParameterizedTest(name = "{0} floats")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 256, 1536, 3072 })
	void decodesBase64LittleEndianFloat32OfAnyLength(int length) {
		float[] vector = vector(length, 0.37f);
		String body = response(List.of("\"" + base64(vector) + "\""));
		EmbeddingResponse response = this.format.readResponse(body.getBytes(UTF_8), 1);
		assertThat(response.embeddings().get(0)).containsExactly(vector);
	}

	@Test
	void decodesSpecialFloatValuesBitForBit() {
		float[] vector = { 0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN, -1.5e-30f };
		EmbeddingResponse response = this.format
			.readResponse(response(List.of("\"" + base64(vector) + "\"")).getBytes(UTF_8), 1);
		float[] decoded = response.embeddings().get(0);
		for (int i = 0; i < vector.length; i++) {
			assertThat(Float.floatToRawIntBits(decoded[i])).as("value %d", i)
				.isEqualTo(Float.floatToRawIntBits(vector[i]));
		}
	}

	@Test
	void readsJsonArraysFromServersThatIgnoreTheEncoding() {
		String body = response(List.of("[0.25, -1, 3.5e-3]", "[1.0, 2.0, 3.0]"));
		EmbeddingResponse response = this.format.readResponse(body.getBytes(UTF_8), 2);
		assertThat(response.embeddings()).containsExactly(new float[] { 0.25f, -1f, 0.0035f },
				new float[] { 1f, 2f, 3f });
	}

	@Test
	void readsALongJsonArrayWhateverTheFirstGuessOfItsLength() {
		float[] vector = vector(1000, 0.001f);
		StringBuilder array = new StringBuilder("[");
		for (int i = 0; i < vector.length; i++) {
			array.append((i > 0) ? "," : "").append(vector[i]);
		}
		EmbeddingResponse response = this.format
			.readResponse(response(List.of(array + "]", "\"" + base64(vector) + "\"")).getBytes(UTF_8), 2);
		assertThat(response.embeddings().get(0)).containsExactly(vector);
		assertThat(response.embeddings().get(1)).containsExactly(vector);
	}

	@Test
	void ordersVectorsByTheirIndexAndReadsModelAndUsage() {
		String body = """
				{"object":"list","model":"text-embedding-3-small","usage":{"prompt_tokens":7,"total_tokens":7},
				 "data":[{"object":"embedding","embedding":[2.0],"index":2},
				         {"index":0,"object":"embedding","embedding":[0.0]},
				         {"object":"embedding","index":1,"embedding":"AACAPw=="}]}""";
		EmbeddingResponse response = this.format.readResponse(body.getBytes(UTF_8), 3);
		assertThat(response.embeddings()).containsExactly(new float[] { 0f }, new float[] { 1f }, new float[] { 2f });
		assertThat(response.model()).isEqualTo("text-embedding-3-small");
		assertThat(response.usage()).isEqualTo(new Usage(7, 0, 7));
	}

	@Test
	void takesTheTotalAsInputTokensWhenOnlyTheTotalIsReported() {
		String body = "{\"data\":[{\"index\":0,\"embedding\":[1]}],\"usage\":{\"total_tokens\":4}}";
		assertThat(this.format.readResponse(body.getBytes(UTF_8), 1).usage()).isEqualTo(new Usage(4, 0, 4));
	}

	@Test
	void hasNoUsageOrModelWhenTheServerReportsNone() {
		EmbeddingResponse response = this.format
			.readResponse("{\"data\":[{\"index\":0,\"embedding\":[1]}]}".getBytes(UTF_8), 1);
		assertThat(response.usage()).isNull();
		assertThat(response.model()).isNull();
	}

	@Test
	void refusesFewerVectorsThanInputs() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("[1]", "[2]")).getBytes(UTF_8), 3))
			.withMessage("the response holds 2 embeddings for 3 inputs");
	}

	@Test
	void refusesMoreVectorsThanInputs() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("[1]", "[2]", "[3]")).getBytes(UTF_8), 2))
			.withMessage("the response holds 3 embeddings for 2 inputs");
	}

	@Test
	void refusesAVectorWithoutIndex() {
		String body = "{\"data\":[{\"index\":0,\"embedding\":[1]},{\"embedding\":[2]}]}";
		assertThatIllegalStateException().isThrownBy(() -> this.format.readResponse(body.getBytes(UTF_8), 2))
			.withMessage("data[1] has no index");
	}

	@Test
	void refusesTwoVectorsWithOneIndex() {
		String body = "{\"data\":[{\"index\":1,\"embedding\":[1]},{\"index\":1,\"embedding\":[2]}]}";
		assertThatIllegalStateException().isThrownBy(() -> this.format.readResponse(body.getBytes(UTF_8), 2))
			.withMessage("two embeddings have index 1");
	}

	@Test
	void refusesAnIndexBeyondTheInputs() {
		String body = "{\"data\":[{\"index\":0,\"embedding\":[1]},{\"index\":2,\"embedding\":[2]}]}";
		assertThatIllegalStateException().isThrownBy(() -> this.format.readResponse(body.getBytes(UTF_8), 2))
			.withMessage("an embedding has index 2, outside the 2 inputs");
	}

	@Test
	void refusesBase64WhoseLengthIsNotAMultipleOfFour() {
		// "AACAPw" is 1.0f without its padding
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("\"AACAPw\"")).getBytes(UTF_8), 1))
			.withMessageContaining("data[0]")
			.withMessageContaining("6 characters, not a multiple of 4");
	}

	@Test
	void refusesBase64ThatDoesNotDecodeToWholeFloats() {
		String sixBytes = Base64.getEncoder().encodeToString(new byte[6]);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("\"" + sixBytes + "\"")).getBytes(UTF_8), 1))
			.withMessageContaining("decodes to 6 bytes, not a multiple of 4");
	}

	@Test
	void refusesCharactersOutsideTheBase64Alphabet() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("\"AAC-Pw==\"")).getBytes(UTF_8), 1))
			.withMessageContaining("'-'");
		assertThatIllegalArgumentException().isThrownBy(() -> decode("AA=A"));
		assertThatIllegalArgumentException().isThrownBy(() -> decode("A==="));
	}

	@Test
	void refusesEmptyOrNonNumericVectors() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("\"\"")).getBytes(UTF_8), 1))
			.withMessage("the embedding of data[0] is empty");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("[1, null]")).getBytes(UTF_8), 1))
			.withMessageContaining("where a number belongs");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(response(List.of("{}")).getBytes(UTF_8), 1))
			.withMessageContaining("neither base64 text nor an array of numbers");
	}

	@Test
	void refusesABodyThatIsNotAnEmbeddingsResponse() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse("{\"object\":\"list\"}".getBytes(UTF_8), 1))
			.withMessageContaining("no data array");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.format.readResponse(
					"{\"error\":{\"message\":\"Model overloaded\",\"type\":\"server_error\"}}".getBytes(UTF_8), 1))
			.withMessage("the response holds an error (server_error): Model overloaded");
	}

	@Test
	void readsTheSameFromTheNetworksPooledBuffersInPlace() {
		float[] vector = vector(1536, 0.37f);
		StringBuilder array = new StringBuilder("[");
		for (int i = 0; i < vector.length; i++) {
			array.append((i > 0) ? "," : "").append(vector[i]);
		}
		byte[] body = response(List.of("\"" + base64(vector) + "\"", array + "]")).getBytes(UTF_8);
		EmbeddingResponse response = readPooled(body, 2);
		assertThat(response.embeddings().get(0)).containsExactly(vector);
		assertThat(response.embeddings().get(1)).containsExactly(vector);
		assertThat(response.model()).isEqualTo("text-embedding-3-small");
		assertThat(response.usage()).isEqualTo(new Usage(3, 0, 3));
		// an error object after other fields: the whole body is read again from its start to say it
		assertThatIllegalStateException()
			.isThrownBy(() -> readPooled(("{\"object\":\"list\",\"error\":{\"message\":\"Model overloaded\","
					+ "\"type\":\"server_error\"}}").getBytes(UTF_8), 1))
			.withMessage("the response holds an error (server_error): Model overloaded");
	}

	/** Reads the body as the network leaves it: pooled buffers of 1,000 bytes, joined. */
	private EmbeddingResponse readPooled(byte[] body, int inputs) {
		return PooledBodies.read(body, 1000, (buffer) -> this.format.readResponse(buffer, inputs));
	}

	/** A response holding the given embeddings (JSON text) at indexes 0, 1, 2… */
	static String response(List<String> embeddings) {
		StringBuilder data = new StringBuilder();
		for (int i = 0; i < embeddings.size(); i++) {
			data.append((i > 0) ? "," : "")
				.append("{\"object\":\"embedding\",\"index\":")
				.append(i)
				.append(",\"embedding\":")
				.append(embeddings.get(i))
				.append('}');
		}
		return "{\"object\":\"list\",\"data\":[" + data
				+ "],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}";
	}

	static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(vector);
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	private static float[] vector(int length, float step) {
		float[] vector = new float[length];
		IntStream.range(0, length).forEach((i) -> vector[i] = (i % 2 == 0 ? 1 : -1) * i * step);
		return vector;
	}

	private static float[] decode(String base64) {
		return Base64Floats.decode(base64.toCharArray(), 0, base64.length());
	}

}
