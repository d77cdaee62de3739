package io.github.llmclient.provider.bedrock;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The streaming fast path of text deltas: it reads exactly the text of a plain text delta, in any
 * property order and with AWS's {@code p} padding, and leaves every other delta to the tree path.
 */
class BedrockTextDeltaTests {

	@Test
	void readsTheTextOfAPlainTextDeltaWithPaddingAndEscapes() {
		assertThat(text("{\"contentBlockIndex\":0,\"delta\":{\"text\":\" Hello \\\"w\\u00f6rld\\\"\\n\"},\"p\":\"abcd\"}"))
			.isEqualTo(" Hello \"wörld\"\n");
		assertThat(text("{\"p\":\"abc\",\"delta\":{\"text\":\"\"},\"contentBlockIndex\":3}")).isEmpty();
	}

	@Test
	void leavesToolInputReasoningAndUnexpectedShapesToTheTreePath() {
		assertThat(text("{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"a\\\"\"}}}")).isNull();
		assertThat(text("{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"hm\"}}}")).isNull();
		assertThat(text("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"a\",\"extra\":1}}")).isNull();
		assertThat(text("{\"contentBlockIndex\":0,\"delta\":{\"text\":1}}")).isNull();
		assertThat(text("{\"contentBlockIndex\":0}")).isNull();
		assertThat(text("[1]")).isNull();
	}

	@Test
	void malformedJsonIsAnErrorNotAnEmptyText() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> text("{\"delta\":{\"text\":\"cut"));
	}

	private static String text(String json) {
		byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
		return BedrockTextDelta.text(bytes, 2, bytes.length - 4);
	}

}
