package io.github.llmclient.chat;

import java.util.List;
import java.util.Optional;

import io.github.llmclient.error.LlmException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RichChatTypesTests {

	private static final String WEATHER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

	@Test
	void textMessagesKeepTheirTextApi() {
		ChatMessage message = ChatMessage.user("hello");
		assertThat(message.content()).isEqualTo("hello");
		assertThat(message.parts()).containsExactly(ContentPart.text("hello"));
		assertThat(message.toolCalls()).isEmpty();
		assertThat(message.toolCallId()).isNull();
		assertThat(new ChatMessage(Role.SYSTEM, "be brief")).isEqualTo(ChatMessage.system("be brief"));
	}

	@Test
	void userMessageOfPartsJoinsItsTextAndKeepsItsImages() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
		ChatMessage message = ChatMessage.user(ContentPart.text("What is "), ContentPart.image(png, "image/png"),
				ContentPart.text("this?"));
		assertThat(message.content()).isEqualTo("What is this?");
		assertThat(message.isTextOnly()).isFalse();
		ContentPart.Image image = (ContentPart.Image) message.parts().get(1);
		assertThat(image.base64()).isEqualTo("iVBORw==");
		assertThat(image.dataUrl()).isEqualTo("data:image/png;base64,iVBORw==");
		png[0] = 0;
		assertThat(image.bytes()[0]).as("the part keeps its own copy").isEqualTo((byte) 0x89);
		assertThat(image.toString()).doesNotContain("iVBOR").contains("4 bytes");
	}

	@Test
	void assistantReplayCarriesTheAnswersToolCallsAndToolResultsNameTheirCall() {
		ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
		ChatResponse answer = new ChatResponse("r1", "m", "", "tool_calls", null, List.of(call), null);
		ChatMessage replay = ChatMessage.assistant(answer);
		assertThat(replay.role()).isEqualTo(Role.ASSISTANT);
		assertThat(replay.content()).isEmpty();
		assertThat(replay.parts()).isEmpty();
		assertThat(replay.toolCalls()).containsExactly(call);
		ChatMessage result = ChatMessage.tool("call_1", "{\"temperature\":21}");
		assertThat(result.role()).isEqualTo(Role.TOOL);
		assertThat(result.toolCallId()).isEqualTo("call_1");
		assertThat(result.content()).isEqualTo("{\"temperature\":21}");
		assertThat(Role.TOOL.wireName()).isEqualTo("tool");
	}

	@Test
	void messagesRefuseShapesNoProviderAccepts() {
		ToolCall call = new ToolCall("c", "t", "{}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChatMessage(Role.USER, List.of(ContentPart.text("x")), List.of(call), null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ChatMessage(Role.TOOL, List.of(ContentPart.text("x")), List.of(), null));
		assertThatIllegalArgumentException().isThrownBy(() -> new ChatMessage(Role.SYSTEM,
				List.of(ContentPart.imageUrl("https://example.com/a.png")), List.of(), null));
		assertThatIllegalArgumentException().isThrownBy(ChatMessage::user);
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.imageUrl("file:///etc/passwd"));
		assertThatIllegalArgumentException().isThrownBy(() -> ContentPart.image(new byte[0], "image/png"));
	}

	@Test
	void toolNamesAndSchemasAreCheckedAtBuildTime() {
		assertThat(Tool.function("get_weather", "Weather", WEATHER_SCHEMA).parameters()).isEqualTo(WEATHER_SCHEMA);
		assertThat(Tool.function("a-b_C9", null, "{}").description()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> Tool.function("get weather", "x", WEATHER_SCHEMA))
			.withMessageContaining("'get weather'");
		assertThatIllegalArgumentException().isThrownBy(() -> Tool.function("", "x", WEATHER_SCHEMA));
		assertThatIllegalArgumentException().isThrownBy(() -> Tool.function("x".repeat(65), "x", WEATHER_SCHEMA));
		assertThatIllegalArgumentException().isThrownBy(() -> Tool.function("t", "x", "[1,2]"))
			.withMessageContaining("must be a JSON object");
		assertThatIllegalArgumentException().isThrownBy(() -> Tool.function("t", "x", "{\"type\":"))
			.withMessageContaining("not valid JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> Tool.function("t", "x", String.class))
			.withMessageContaining("java.lang.String");
		assertThatIllegalArgumentException().isThrownBy(() -> ToolChoice.function("bad name"));
	}

	@Test
	void toolFromATypeHasItsGeneratedSchemaAndItsCallsReadBackAsTheType() {
		Tool tool = Tool.function("get_weather", "The weather in a city", Weather.class);
		assertThat(tool.parameters()).contains("\"city\"").contains("\"required\":[\"city\"]");
		ToolCall call = new ToolCall("c1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
		assertThat(call.argumentsAs(Weather.class)).isEqualTo(new Weather("Paris", Optional.of("celsius")));
	}

	@Test
	void argumentsOfTheWrongShapeFailNamingTheToolAndTheType() {
		ToolCall call = new ToolCall("c1", "get_weather", "{\"city\":[1,2]}");
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> call.argumentsAs(Weather.class))
			.withMessageContaining("get_weather")
			.withMessageContaining(Weather.class.getName());
		assertThatExceptionOfType(LlmException.class)
			.isThrownBy(() -> new ToolCall("c1", "get_weather", "{\"city\":\"Par").argumentsAs(Weather.class));
	}

	@Test
	void contentAsReadsTheAnswerOrFailsNamingTheTypeAndQuotingAtMost200Characters() {
		ChatResponse json = new ChatResponse("r", "m", "{\"city\":\"Oslo\"}", "stop", null);
		assertThat(json.contentAs(Weather.class).city()).isEqualTo("Oslo");
		String prose = "Sure! " + "la".repeat(300);
		ChatResponse text = new ChatResponse("r", "m", prose, "stop", null);
		assertThatExceptionOfType(LlmException.class).isThrownBy(() -> text.contentAs(Weather.class))
			.withMessageContaining(Weather.class.getName())
			.withMessageContaining(prose.substring(0, 200))
			.withMessageNotContaining(prose.substring(0, 201));
		assertThatExceptionOfType(LlmException.class)
			.isThrownBy(() -> new ChatResponse("r", "m", "null", "stop", null).contentAs(Weather.class))
			.withMessageContaining("null");
	}

	@Test
	void responseFormatsFromTypesAreStrictNamedAfterTheTypeAndMadeOnce() {
		ResponseFormat format = ResponseFormat.jsonSchema(Weather.class);
		assertThat(format.type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
		assertThat(format.name()).isEqualTo("Weather");
		assertThat(format.strict()).isTrue();
		assertThat(format.schema()).contains("\"additionalProperties\":false")
			.contains("\"required\":[\"city\",\"unit\"]");
		assertThat(ResponseFormat.jsonSchema(Weather.class)).isSameAs(format);
		assertThat(ResponseFormat.jsonSchema("w", WEATHER_SCHEMA).strict()).isTrue();
		assertThat(ResponseFormat.jsonSchema("w", WEATHER_SCHEMA, false).strict()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("w w", WEATHER_SCHEMA));
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFormat.jsonSchema("w", "\"string\""));
	}

	@Test
	void requestsCarryToolsChoiceAndFormatAndRefuseContradictions() {
		Tool weather = Tool.function("get_weather", "Weather", WEATHER_SCHEMA);
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris?")
			.tool(weather)
			.toolChoice(ToolChoice.function("get_weather"))
			.responseFormat(ResponseFormat.jsonObject())
			.build();
		assertThat(request.tools()).containsExactly(weather);
		assertThat(request.toolChoice()).isEqualTo(ToolChoice.function("get_weather"));
		assertThat(request.mutate().build()).isEqualTo(request);
		assertThat(request.withModel("gpt-4o").tools()).containsExactly(weather);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatRequest.builder().user("x").tool(weather).tool(weather).build())
			.withMessageContaining("get_weather");
		assertThatIllegalArgumentException().isThrownBy(
				() -> ChatRequest.builder().user("x").tool(weather).toolChoice(ToolChoice.function("other")).build())
			.withMessageContaining("other");
		assertThat(ChatRequest.of("plain").tools()).isEmpty();
		assertThat(ChatRequest.of("plain").toolChoice()).isNull();
		assertThat(ChatRequest.of("plain").responseFormat()).isNull();
	}

	@Test
	void usageKeepsItsThreeNumberForms() {
		assertThat(new Usage(10, 5, 15)).isEqualTo(new Usage(10, 5, 15, 0, 0));
		assertThat(Usage.of(10, 5).totalTokens()).isEqualTo(15);
		assertThat(new Usage(10, 5, 15, 4, 2).cachedInputTokens()).isEqualTo(4);
	}

	@Test
	void textChunksShareTheEmptyListAndHaveNoReasoning() {
		ChatChunk chunk = new ChatChunk("hi", null, null, "id", "m");
		assertThat(chunk.toolCalls()).isSameAs(List.of());
		assertThat(chunk.reasoning()).isEmpty();
		assertThat(new ChatChunk("", null, null, null, null).hasPayload()).isFalse();
		assertThat(new ChatChunk("", null, null, null, null, List.of(new ToolCallDelta(0, null, null, "{")), "")
			.hasPayload()).isTrue();
		assertThat(new ChatChunk("", null, null, null, null, List.of(), "hmm").hasPayload()).isTrue();
	}

	record Weather(String city, Optional<String> unit) {
	}

}
