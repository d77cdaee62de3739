package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import io.github.llmclient.provider.ProviderRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests of the request bodies {@link AnthropicAdapter} writes for tools, images and response formats. */
class AnthropicRequestTests {

	private static final String WEATHER_SCHEMA = """
			{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

	private static final Tool WEATHER = Tool.function("get_weather", "The current weather in a city", WEATHER_SCHEMA);

	private static final Tool CLOCK = Tool.function("clock", null, "{\"type\":\"object\",\"properties\":{}}");

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AnthropicAdapter adapter = new AnthropicAdapter(URI.create("https://api.anthropic.com/v1"), "k",
			"2023-06-01", 1024, this.mapper);

	@Test
	void writesToolsWithTheirSchemaAsAnObject() {
		ProviderRequest request = this.adapter.chatRequest(
				ChatRequest.builder().model("m").user("Weather in Paris?").tool(WEATHER).tool(CLOCK).build(), false);
		assertThat(body(request)).isEqualTo(json("""
				{"model":"m","max_tokens":1024,"messages":[{"role":"user","content":"Weather in Paris?"}],
				 "tools":[{"name":"get_weather","description":"The current weather in a city",
				           "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
				          {"name":"clock","input_schema":{"type":"object","properties":{}}}]}"""));
		assertThat(request.answerTool()).isNull();
	}

	@Test
	void writesEachToolChoice() {
		assertThat(toolChoice(ToolChoice.auto())).isEqualTo(json("{\"type\":\"auto\"}"));
		assertThat(toolChoice(ToolChoice.none())).isEqualTo(json("{\"type\":\"none\"}"));
		assertThat(toolChoice(ToolChoice.required())).isEqualTo(json("{\"type\":\"any\"}"));
		assertThat(toolChoice(ToolChoice.function("get_weather")))
			.isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
	}

	@Test
	void sendsNoToolChoiceWhenTheRequestSetsNone() {
		JsonNode body = body(this.adapter.chatRequest(ChatRequest.builder().user("Hi").tool(WEATHER).build(), false));
		assertThat(body.has("tool_choice")).isFalse();
	}

	@Test
	void replaysAssistantToolCallsAsBlocksAndMergesToolResultsIntoOneUserMessage() {
		ChatResponse answer = new ChatResponse("msg_1", "m", "Let me check both.", "tool_calls", null,
				List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\",\"days\":[1,2]}"),
						new ToolCall("toolu_2", "clock", "")),
				null);
		ChatRequest request = ChatRequest.builder()
			.system("Be brief.")
			.user("Weather and time in Paris?")
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("toolu_1", "{\"temp\":21}"))
			.message(ChatMessage.tool("toolu_2", "09:30"))
			.user("And tomorrow?")
			.tool(WEATHER)
			.tool(CLOCK)
			.build();
		assertThat(body(this.adapter.chatRequest(request, false)).path("messages")).isEqualTo(json("""
				[{"role":"user","content":"Weather and time in Paris?"},
				 {"role":"assistant","content":[
				   {"type":"text","text":"Let me check both."},
				   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":[1,2]}},
				   {"type":"tool_use","id":"toolu_2","name":"clock","input":{}}]},
				 {"role":"user","content":[
				   {"type":"tool_result","tool_use_id":"toolu_1","content":"{\\"temp\\":21}"},
				   {"type":"tool_result","tool_use_id":"toolu_2","content":"09:30"},
				   {"type":"text","text":"And tomorrow?"}]}]"""));
	}

	@Test
	void replaysAToolOnlyTurnWithoutATextBlockAndUnparsableArgumentsAsAnEmptyObject() {
		ChatResponse answer = new ChatResponse("msg_1", "m", "", "tool_calls", null,
				List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Par"),
						new ToolCall("toolu_2", "get_weather", "[\"Paris\"]")),
				null);
		ChatRequest request = ChatRequest.builder()
			.user("Weather?")
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("toolu_1", "cut off"))
			.message(ChatMessage.tool("toolu_2", "not an object"))
			.assistant("Sorry, I could not read the city.")
			.user("Paris.")
			.tool(WEATHER)
			.build();
		assertThat(body(this.adapter.chatRequest(request, false)).path("messages")).isEqualTo(json("""
				[{"role":"user","content":"Weather?"},
				 {"role":"assistant","content":[
				   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}},
				   {"type":"tool_use","id":"toolu_2","name":"get_weather","input":{}}]},
				 {"role":"user","content":[
				   {"type":"tool_result","tool_use_id":"toolu_1","content":"cut off"},
				   {"type":"tool_result","tool_use_id":"toolu_2","content":"not an object"}]},
				 {"role":"assistant","content":"Sorry, I could not read the city."},
				 {"role":"user","content":"Paris."}]"""));
	}

	@Test
	void sendsAnEmptyToolResultWithoutContentAndLeavesOutAnEmptyTextAfterIt() {
		// the API answers tool_result content "" and an empty text block with a 400
		ChatResponse answer = new ChatResponse("msg_1", "m", "", "tool_calls", null,
				List.of(new ToolCall("toolu_1", "clock", "{}")), null);
		ChatRequest request = ChatRequest.builder()
			.user("Reset the clock.")
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("toolu_1", ""))
			.user("")
			.tool(CLOCK)
			.build();
		assertThat(body(this.adapter.chatRequest(request, false)).path("messages").get(2)).isEqualTo(json("""
				{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1"}]}"""));
	}

	@Test
	void writesMediaTypesInLowerCaseAsTheApiRequires() {
		ChatRequest request = ChatRequest.builder()
			.user(ContentPart.image(new byte[] { 1, 2, 3 }, "Image/PNG"),
					ContentPart.imageUrl("data:IMAGE/JPEG;BASE64,/9j/4A=="))
			.build();
		JsonNode content = body(this.adapter.chatRequest(request, false)).at("/messages/0/content");
		assertThat(content.at("/0/source/media_type").asString()).isEqualTo("image/png");
		assertThat(content.at("/1/source")).isEqualTo(json("""
				{"type":"base64","media_type":"image/jpeg","data":"/9j/4A=="}"""));
	}

	@Test
	void writesImagesAsBase64AndUrlSources() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
		ChatRequest request = ChatRequest.builder()
			.user(ContentPart.text("Compare these."), ContentPart.image(png, "image/png"),
					ContentPart.imageUrl("https://example.com/cat.jpg"),
					ContentPart.imageUrl("data:image/webp;base64,UklGRg=="))
			.build();
		assertThat(body(this.adapter.chatRequest(request, false)).path("messages")).isEqualTo(json("""
				[{"role":"user","content":[
				   {"type":"text","text":"Compare these."},
				   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw=="}},
				   {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
				   {"type":"image","source":{"type":"base64","media_type":"image/webp","data":"UklGRg=="}}]}]"""));
	}

	@Test
	void keepsTheMediaTypeOfADataUrlWithParameters() {
		ChatRequest request = ChatRequest.builder()
			.user(ContentPart.imageUrl("data:image/png;name=shot.png;base64,iVBORw=="))
			.build();
		assertThat(body(this.adapter.chatRequest(request, false)).at("/messages/0/content/0/source")).isEqualTo(json("""
				{"type":"base64","media_type":"image/png","data":"iVBORw=="}"""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "data:image/svg+xml,%3Csvg%3E", "data:;base64,iVBORw==", "data:image/png;base64" })
	void rejectsDataUrlsThatAreNotBase64WithAMediaType(String url) {
		ChatRequest request = ChatRequest.builder().user(ContentPart.imageUrl(url)).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.adapter.chatRequest(request, false))
			.withMessageContaining("data:<media type>;base64,<data>");
	}

	@Test
	void writesSeveralTextPartsAsBlocks() {
		ChatRequest request = ChatRequest.builder().user(ContentPart.text("One. "), ContentPart.text("Two.")).build();
		assertThat(body(this.adapter.chatRequest(request, false)).at("/messages/0/content")).isEqualTo(json("""
				[{"type":"text","text":"One. "},{"type":"text","text":"Two."}]"""));
	}

	@Test
	void writesAJsonSchemaFormatAsAForcedAnswerTool() {
		ChatRequest request = ChatRequest.builder()
			.model("m")
			.user("Weather in Paris, as JSON")
			.responseFormat(ResponseFormat.jsonSchema("weather", WEATHER_SCHEMA))
			.build();
		ProviderRequest http = this.adapter.chatRequest(request, true);
		assertThat(body(http)).isEqualTo(json("""
				{"model":"m","max_tokens":1024,"messages":[{"role":"user","content":"Weather in Paris, as JSON"}],
				 "tools":[{"name":"weather","description":"%s","input_schema":%s}],
				 "tool_choice":{"type":"tool","name":"weather"},"stream":true}"""
			.formatted(AnthropicRequestWriter.ANSWER_TOOL_DESCRIPTION, WEATHER_SCHEMA)));
		assertThat(http.answerTool()).isEqualTo("weather");
	}

	@Test
	void writesAJsonObjectFormatAsAForcedToolTakingAnyObject() {
		ProviderRequest http = this.adapter
			.chatRequest(ChatRequest.builder().user("JSON please").responseFormat(ResponseFormat.jsonObject()).build(), false);
		JsonNode body = body(http);
		assertThat(body.path("tools")).isEqualTo(json("""
				[{"name":"json_answer","description":"%s","input_schema":{"type":"object"}}]"""
			.formatted(AnthropicRequestWriter.ANSWER_TOOL_DESCRIPTION)));
		assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"json_answer\"}"));
		assertThat(http.answerTool()).isEqualTo("json_answer");
	}

	@Test
	void writesNothingForATextFormat() {
		ProviderRequest http = this.adapter
			.chatRequest(ChatRequest.builder().user("Hi").responseFormat(ResponseFormat.text()).build(), false);
		assertThat(body(http)).isEqualTo(json("""
				{"max_tokens":1024,"messages":[{"role":"user","content":"Hi"}]}"""));
		assertThat(http.answerTool()).isNull();
	}

	@Test
	void letsTheModelCallToolsOrAnswerWhenARequestHasToolsAndAFormat() {
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris, as JSON")
			.tool(WEATHER)
			.responseFormat(ResponseFormat.jsonSchema("report", WEATHER_SCHEMA))
			.build();
		JsonNode body = body(this.adapter.chatRequest(request, false));
		JsonNode tools = body.path("tools");
		assertThat(tools.size()).isEqualTo(2);
		assertThat(List.of(tools.get(0).path("name").stringValue(), tools.get(1).path("name").stringValue()))
			.containsExactly("get_weather", "report");
		// "tool" would force the answer and the model could never call get_weather
		assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
	}

	@Test
	void aToolChoiceNamingAToolWinsOverTheFormatAndNoneForcesTheAnswer() {
		ChatRequest.Builder request = ChatRequest.builder()
			.user("Weather in Paris, as JSON")
			.tool(WEATHER)
			.responseFormat(ResponseFormat.jsonSchema("report", WEATHER_SCHEMA));
		assertThat(body(this.adapter.chatRequest(request.toolChoice(ToolChoice.function("get_weather")).build(), false))
			.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
		assertThat(body(this.adapter.chatRequest(request.toolChoice(ToolChoice.none()).build(), false))
			.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"report\"}"));
	}

	@Test
	void rejectsAResponseFormatNamedLikeOneOfTheTools() {
		ChatRequest request = ChatRequest.builder()
			.user("Weather?")
			.tool(WEATHER)
			.responseFormat(ResponseFormat.jsonSchema("get_weather", WEATHER_SCHEMA))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.adapter.chatRequest(request, false))
			.withMessageContaining("'get_weather'")
			.withMessageContaining("already has a tool of that name");
		ChatRequest jsonObject = ChatRequest.builder()
			.user("JSON?")
			.tool(Tool.function("json_answer", null, WEATHER_SCHEMA))
			.responseFormat(ResponseFormat.jsonObject())
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.adapter.chatRequest(jsonObject, false))
			.withMessageContaining("'json_answer'");
	}

	@Test
	void extraBodyStillReplacesTheWrittenTools() {
		ChatRequest request = ChatRequest.builder()
			.user("Search")
			.tool(WEATHER)
			.extraBody("tools", List.of(java.util.Map.of("type", "web_search_20250305", "name", "web_search")))
			.build();
		assertThat(body(this.adapter.chatRequest(request, false)).path("tools"))
			.isEqualTo(json("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]"));
	}

	private JsonNode toolChoice(ToolChoice choice) {
		ChatRequest request = ChatRequest.builder().user("Hi").tool(WEATHER).toolChoice(choice).build();
		return body(this.adapter.chatRequest(request, false)).path("tool_choice");
	}

	private JsonNode body(ProviderRequest request) {
		assertThat(request.body()).isNotNull();
		return this.mapper.readTree(new String(request.body(), StandardCharsets.UTF_8));
	}

	private JsonNode json(String text) {
		return this.mapper.readTree(text);
	}

}
