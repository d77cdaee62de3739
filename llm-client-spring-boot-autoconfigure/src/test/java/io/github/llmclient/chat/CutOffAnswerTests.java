package io.github.llmclient.chat;

import java.util.List;

import io.github.llmclient.error.LlmException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code contentAs} and {@code argumentsAs} on answers that stopped at the token limit. */
class CutOffAnswerTests {

	record Weather(String city, double celsius) {
	}

	@Test
	void contentAsOnACutOffAnswerSaysItStoppedAtTheTokenLimit() {
		String cut = "{\"city\":\"Par";
		ChatResponse answer = new ChatResponse("r", "m", cut, "length", null);
		LlmException failure = catchThrowableOfType(LlmException.class, () -> answer.contentAs(Weather.class));
		assertThat(failure.getMessage())
			.isEqualTo("The answer stopped at the token limit before it was complete (finish reason 'length'), so "
					+ "the answer could not be read as " + Weather.class.getName() + ": "
					+ ((JacksonException) failure.getCause()).getOriginalMessage() + " (the text was: " + cut
					+ "). Raise the token limit (the request's maxTokens, else llm.max-tokens) or ask for a shorter answer.");
		assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
	}

	@Test
	void theCutOffMessageQuotesAtMost200Characters() {
		String cut = "{\"city\":\"" + "x".repeat(400);
		LlmException failure = catchThrowableOfType(LlmException.class,
				() -> new ChatResponse("r", "m", cut, "length", null).contentAs(Weather.class));
		assertThat(failure.getMessage()).contains(cut.substring(0, 200) + "…").doesNotContain(cut.substring(0, 201));
	}

	@Test
	void aCutOffAnswerWhoseJsonIsCompleteIsReadAsUsual() {
		ChatResponse answer = new ChatResponse("r", "m", "{\"city\":\"Paris\",\"celsius\":21.5}", "length", null);
		assertThat(answer.contentAs(Weather.class)).isEqualTo(new Weather("Paris", 21.5));
	}

	@Test
	void aCutOffObjectLackingPropertiesIsNotReadAsNulls() {
		ChatResponse cut = new ChatResponse("r", "m", "{\"celsius\":21.5}", "length", null);
		LlmException failure = catchThrowableOfType(LlmException.class, () -> cut.contentAs(Weather.class));
		assertThat(failure.getMessage()).contains("token limit").contains("'city'");
		assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
		// the same object in an answer that stopped normally reads as before: the missing text is null
		assertThat(new ChatResponse("r", "m", "{\"celsius\":21.5}", "stop", null).contentAs(Weather.class))
			.isEqualTo(new Weather(null, 21.5));
	}

	@Test
	void otherFinishReasonsKeepThePlainMessage() {
		for (String reason : new String[] { "stop", "tool_calls", "content_filter", null }) {
			LlmException failure = catchThrowableOfType(LlmException.class,
					() -> new ChatResponse("r", "m", "{\"city\":\"Par", reason, null).contentAs(Weather.class));
			assertThat(failure.getMessage()).as(String.valueOf(reason))
				.startsWith("Could not read the answer as " + Weather.class.getName())
				.doesNotContain("token limit");
			assertThat(failure.errorType()).isNull();
		}
	}

	@Test
	void argumentsOfAToolCallOfACutOffAnswerSaySo() {
		ToolCall complete = new ToolCall("c0", "get_weather", "{\"city\":\"Oslo\",\"celsius\":3}");
		ToolCall cut = new ToolCall("c1", "get_weather", "{\"city\":\"Par");
		ChatResponse answer = new ChatResponse("r", "m", "", "length", null, List.of(complete, cut), null);
		assertThat(answer.toolCalls().get(0).argumentsAs(Weather.class)).isEqualTo(new Weather("Oslo", 3));
		LlmException failure = catchThrowableOfType(LlmException.class,
				() -> answer.toolCalls().get(1).argumentsAs(Weather.class));
		assertThat(failure.getMessage())
			.startsWith("The answer stopped at the token limit before it was complete (finish reason 'length'), so "
					+ "the arguments of tool 'get_weather' could not be read as " + Weather.class.getName())
			.contains("{\"city\":\"Par");
		assertThat(failure.errorType()).isEqualTo(LlmException.OUTPUT_TRUNCATED);
		assertThat(failure.getCause()).isInstanceOf(JacksonException.class);
	}

	@Test
	void argumentsOfAToolCallOfANormalAnswerKeepThePlainMessage() {
		ToolCall call = new ToolCall("c9", "lookup", "{\"city\":\"Ber");
		ChatResponse answer = new ChatResponse("r", "m", "", "tool_calls", null, List.of(call), null);
		LlmException failure = catchThrowableOfType(LlmException.class,
				() -> answer.toolCalls().get(0).argumentsAs(Weather.class));
		assertThat(failure.getMessage()).startsWith("Could not read the arguments of tool 'lookup' as")
			.doesNotContain("token limit");
		assertThat(failure.errorType()).isNull();
	}

	@Test
	void aToolCallAloneKnowsNothingOfATokenLimit() {
		LlmException failure = catchThrowableOfType(LlmException.class,
				() -> new ToolCall("c8", "alone", "{\"city\":\"Ro").argumentsAs(Weather.class));
		assertThat(failure.getMessage()).startsWith("Could not read the arguments of tool 'alone' as");
	}

}
