package io.github.llmclient.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.llmclient.chat.Usage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The embedding value types: building, validation, immutability and value semantics. */
class EmbeddingTypesTests {

	@Test
	void buildsARequestInputByInputAndListByList() {
		EmbeddingRequest request = EmbeddingRequest.builder()
			.model("text-embedding-3-small")
			.input("one")
			.inputs(List.of("two", "three"))
			.input("four")
			.dimensions(512)
			.build();
		assertThat(request.model()).isEqualTo("text-embedding-3-small");
		assertThat(request.inputs()).containsExactly("one", "two", "three", "four");
		assertThat(request.dimensions()).isEqualTo(512);
	}

	@Test
	void ofLeavesModelAndDimensionsToTheClient() {
		EmbeddingRequest request = EmbeddingRequest.of(List.of("a", "b"));
		assertThat(request.model()).isNull();
		assertThat(request.dimensions()).isNull();
		assertThat(request.inputs()).containsExactly("a", "b");
		assertThat(EmbeddingRequest.of(List.of()).inputs()).isEmpty();
	}

	@Test
	void keepsItsOwnCopyOfTheInputs() {
		List<String> inputs = new ArrayList<>(List.of("a"));
		EmbeddingRequest request = EmbeddingRequest.of(inputs);
		inputs.add("b");
		assertThat(request.inputs()).containsExactly("a");
	}

	@Test
	void refusesNullInputsAndDimensionsBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EmbeddingRequest(null, Arrays.asList("a", null), null))
			.withMessageContaining("Input 1 is null");
		assertThatNullPointerException().isThrownBy(() -> EmbeddingRequest.builder().input(null));
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingRequest.builder().input("a").dimensions(0).build())
			.withMessageContaining("dimensions must be at least 1");
	}

	@Test
	void slicesKeepModelAndDimensions() {
		EmbeddingRequest request = EmbeddingRequest.builder().model("m").inputs(List.of("a", "b", "c")).dimensions(8).build();
		assertThat(request.slice(1, 3)).isEqualTo(new EmbeddingRequest("m", List.of("b", "c"), 8));
		assertThat(request.withModel("other").model()).isEqualTo("other");
	}

	@Test
	void responsesCompareVectorsByValueAndPrintTheirShapeNotTheirValues() {
		EmbeddingResponse response = new EmbeddingResponse(List.of(new float[] { 1f, 2f }, new float[] { 3f, 4f }), "m",
				Usage.of(3, 0));
		assertThat(response).isEqualTo(new EmbeddingResponse(List.of(new float[] { 1f, 2f }, new float[] { 3f, 4f }), "m",
				Usage.of(3, 0)));
		assertThat(response).hasSameHashCodeAs(new EmbeddingResponse(List.of(new float[] { 1f, 2f }, new float[] { 3f, 4f }),
				"m", Usage.of(3, 0)));
		assertThat(response).isNotEqualTo(new EmbeddingResponse(List.of(new float[] { 1f, 2f }, new float[] { 3f, 5f }), "m",
				Usage.of(3, 0)));
		assertThat(response.toString()).isEqualTo(
				"EmbeddingResponse[embeddings=2 x 2, model=m, usage=Usage[inputTokens=3, outputTokens=0, totalTokens=3, "
						+ "cachedInputTokens=0, reasoningTokens=0, cacheWriteInputTokens=0]]");
	}

}
