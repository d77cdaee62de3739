package io.github.llmclient.provider.openai;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ContentPart.Image;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies: the exact bytes of a plain text request (unchanged since before tools), the
 * shape of every rich feature, and every request written as the {@code LinkedHashMap} of its
 * fields with {@code putAll(extraBody)} would be — the reference for how extra fields replace
 * modelled ones in place.
 */
class OpenAiRequestWriterTests {

	private static final String SCHEMA = """
			{
			  "type": "object",
			  "properties": {"city": {"type": "string"}, "days": {"type": "integer", "minimum": 1}},
			  "required": ["city"]
			}""";

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 };

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final OpenAiWireFormat format = new OpenAiWireFormat(this.mapper);

	@Test
	void writesAPlainTextRequestByteForByteAsBefore() {
		ChatRequest request = ChatRequest.builder()
			.model("gpt-4o")
			.system("Be brief.")
			.user("Hi \"you\"")
			.assistant("Hello")
			.user("Again")
			.temperature(0.2)
			.maxTokens(77)
			.topP(0.95)
			.stop(List.of("END"))
			.build();
		assertThat(write(request, null, true, true, true)).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":["
				+ "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi \\\"you\\\"\"},"
				+ "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"Again\"}],"
				+ "\"temperature\":0.2,\"max_tokens\":77,\"top_p\":0.95,\"stop\":[\"END\"],\"stream\":true,"
				+ "\"stream_options\":{\"include_usage\":true}}");
		assertThat(write(ChatRequest.of("Hi"), 512, false, false, true))
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":512}");
	}

	@Test
	void writesToolsWithTheirSchemaAsAnObject() {
		JsonNode body = body(ChatRequest.builder()
			.user("Weather in Paris?")
			.tool(Tool.function("get_weather", "The weather in a city", SCHEMA))
			.tool(Tool.function("clock", null, "{\"type\":\"object\",\"properties\":{}}"))
			.build());
		assertThat(body.get("tools")).isEqualTo(json("""
				[{"type":"function","function":{"name":"get_weather","description":"The weather in a city",
				  "parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1}},
				                "required":["city"]}}},
				 {"type":"function","function":{"name":"clock","parameters":{"type":"object","properties":{}}}}]"""));
		assertThat(body.has("tool_choice")).isFalse();
		// the schema's own indentation is not sent
		assertThat(write(ChatRequest.builder().user("x").tool(Tool.function("f", null, SCHEMA)).build(), null, true, false,
				false))
			.doesNotContain("\n")
			.contains("\"parameters\":{\"type\":\"object\",");
	}

	@Test
	void writesEveryToolChoice() {
		Tool tool = Tool.function("get_weather", "The weather", SCHEMA);
		assertThat(body(ChatRequest.builder().user("x").tool(tool).toolChoice(ToolChoice.auto()).build()).get("tool_choice"))
			.isEqualTo(json("\"auto\""));
		assertThat(body(ChatRequest.builder().user("x").tool(tool).toolChoice(ToolChoice.none()).build()).get("tool_choice"))
			.isEqualTo(json("\"none\""));
		assertThat(body(ChatRequest.builder().user("x").tool(tool).toolChoice(ToolChoice.required()).build())
			.get("tool_choice")).isEqualTo(json("\"required\""));
		assertThat(body(ChatRequest.builder().user("x").tool(tool).toolChoice(ToolChoice.function("get_weather")).build())
			.get("tool_choice")).isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
	}

	@Test
	void writesImagePartsAsAContentArrayAndTextPartsAsOneString() {
		JsonNode body = body(ChatRequest.builder()
			.system("Describe images.")
			.user(ContentPart.text("What is this? "), ContentPart.imageUrl("https://example.com/cat.png"),
					ContentPart.image(PNG, "image/png"), ContentPart.text("And this?"))
			.user(ContentPart.text("Only "), ContentPart.text("text"))
			.build());
		assertThat(body.get("messages")).isEqualTo(json("""
				[{"role":"system","content":"Describe images."},
				 {"role":"user","content":[{"type":"text","text":"What is this? "},
				                           {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}},
				                           {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORwABAg=="}},
				                           {"type":"text","text":"And this?"}]},
				 {"role":"user","content":"Only text"}]"""));
	}

	@Test
	void replaysAToolCallTurnAndItsResults() {
		ChatResponse answer = new ChatResponse("c1", "m", "", "tool_calls", null,
				List.of(new ToolCall("call_1", "get_weather", "{\"city\": \"Paris\"}"), new ToolCall("call_2", "clock", "{}")),
				null);
		ChatResponse withText = new ChatResponse("c2", "m", "Let me check.", "tool_calls", null,
				List.of(new ToolCall("call_3", "clock", "{}")), null);
		JsonNode body = body(ChatRequest.builder()
			.user("Weather and time in Paris?")
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("call_1", "{\"temp\":21}"))
			.message(ChatMessage.tool("call_2", "09:30"))
			.message(ChatMessage.assistant(withText))
			.message(ChatMessage.tool("call_3", "09:31"))
			.build());
		assertThat(body.get("messages")).isEqualTo(json("""
				[{"role":"user","content":"Weather and time in Paris?"},
				 {"role":"assistant","content":null,"tool_calls":[
				    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\": \\"Paris\\"}"}},
				    {"id":"call_2","type":"function","function":{"name":"clock","arguments":"{}"}}]},
				 {"role":"tool","tool_call_id":"call_1","content":"{\\"temp\\":21}"},
				 {"role":"tool","tool_call_id":"call_2","content":"09:30"},
				 {"role":"assistant","content":"Let me check.","tool_calls":[
				    {"id":"call_3","type":"function","function":{"name":"clock","arguments":"{}"}}]},
				 {"role":"tool","tool_call_id":"call_3","content":"09:31"}]"""));
	}

	@Test
	void writesResponseFormatsAndLeavesFreeTextToTheDefault() {
		assertThat(body(ChatRequest.builder().user("x").responseFormat(ResponseFormat.jsonSchema("weather", SCHEMA)).build())
			.get("response_format")).isEqualTo(json("""
					{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object",
					 "properties":{"city":{"type":"string"},"days":{"type":"integer","minimum":1}},"required":["city"]},
					 "strict":true}}"""));
		assertThat(body(ChatRequest.builder().user("x").responseFormat(ResponseFormat.jsonSchema("w", SCHEMA, false)).build())
			.at("/response_format/json_schema/strict")
			.asBoolean(true)).isFalse();
		assertThat(body(ChatRequest.builder().user("x").responseFormat(ResponseFormat.jsonObject()).build())
			.get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
		assertThat(write(ChatRequest.builder().user("x").responseFormat(ResponseFormat.text()).build(), null, true, false,
				false))
			.isEqualTo(write(ChatRequest.of("x"), null, true, false, false));
	}

	@Test
	void extraBodyStillOverridesTheFieldsItNames() {
		ChatRequest request = ChatRequest.builder()
			.model("m")
			.user("x")
			.tool(Tool.function("f", null, SCHEMA))
			.toolChoice(ToolChoice.required())
			.responseFormat(ResponseFormat.jsonObject())
			.extraBody("tool_choice", "auto")
			.extraBody("parallel_tool_calls", false)
			.extraBody("response_format", Map.of("type", "text"))
			.build();
		JsonNode body = body(request);
		assertThat(body.get("tool_choice")).isEqualTo(json("\"auto\""));
		assertThat(body.get("response_format")).isEqualTo(json("{\"type\":\"text\"}"));
		assertThat(body.get("parallel_tool_calls").asBoolean(true)).isFalse();
		assertThat(body.get("tools").get(0).at("/function/name").asString()).isEqualTo("f");
		assertThat(write(ChatRequest.builder().model("m").user("x").extraBody("seed", 42).extraBody("max_tokens", 9)
			.extraBody("response_format", Map.of("type", "json_object")).build(), 100, true, true, false))
			.isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":9,"
					+ "\"stream\":true,\"seed\":42,\"response_format\":{\"type\":\"json_object\"}}");
	}

	@Test
	void writesEveryRequestAsTheMapOfItsFieldsWouldBe() {
		for (ChatRequest request : requests()) {
			for (int flags = 0; flags < 8; flags++) {
				boolean includeModel = (flags & 1) != 0;
				boolean stream = (flags & 2) != 0;
				boolean streamUsage = (flags & 4) != 0;
				for (Integer defaultMaxTokens : Arrays.asList(null, 512)) {
					String written = write(request, defaultMaxTokens, includeModel, stream, streamUsage);
					String viaMap = this.mapper.writeValueAsString(
							asMap(request, defaultMaxTokens, includeModel, stream, streamUsage));
					assertThat(written).as("%s", request).isEqualTo(viaMap);
				}
			}
		}
	}

	private List<ChatRequest> requests() {
		Tool tool = Tool.function("get_weather", "The weather", SCHEMA);
		ChatResponse answer = new ChatResponse("c", "m", "", "tool_calls", null,
				List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")), null);
		ChatRequest rich = ChatRequest.builder()
			.model("gpt-4o")
			.system("Tab\tand \"quotes\" and \u2028 and 你好 \uD83C\uDF89")
			.user(ContentPart.text("look"), ContentPart.image(PNG, "image/png"), ContentPart.imageUrl("http://x/y.jpg"))
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("call_1", "sunny"))
			.message(ChatMessage.assistant(new ChatResponse(null, null, "text and", null, null,
					List.of(new ToolCall("call_2", "get_weather", "{}")), null)))
			.message(ChatMessage.tool("call_2", "rain"))
			.temperature(0.2)
			.maxTokens(77)
			.topP(0.95)
			.stop(List.of("END", "\n\n"))
			.tool(tool)
			.tool(Tool.function("clock", null, "{\"type\":\"object\"}"))
			.toolChoice(ToolChoice.function("clock"))
			.responseFormat(ResponseFormat.jsonSchema("weather", SCHEMA))
			.build();
		List<ChatRequest> requests = new ArrayList<>(List.of(ChatRequest.of("Hi"), rich,
				ChatRequest.builder().model("m").user("x").temperature(1.0).build(),
				ChatRequest.builder().user("x").tool(tool).toolChoice(ToolChoice.required()).build(),
				ChatRequest.builder().user("x").responseFormat(ResponseFormat.jsonObject()).build(),
				ChatRequest.builder().user("x").responseFormat(ResponseFormat.text()).build(),
				ChatRequest.builder().user("x").message(new ChatMessage(Role.ASSISTANT, List.of(), List.of(), null)).build()));
		// and each with extra fields: one replacing a modelled field, one replacing a field the
		// request does not set (which then follows the others), one new
		for (ChatRequest request : List.copyOf(requests)) {
			requests.add(request.mutate()
				.extraBody("tools", List.of())
				.extraBody("top_p", 0.5)
				.extraBody("stream", false)
				.extraBody("logprobs", true)
				.extraBody("messages", List.of(Map.of("role", "user", "content", "replaced")))
				.build());
		}
		return requests;
	}

	/** The reference: the body as the map of its fields, extra fields put over them. */
	private Map<String, Object> asMap(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean includeModel,
			boolean stream, boolean streamUsage) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (includeModel && request.model() != null) {
			body.put("model", request.model());
		}
		List<Map<String, Object>> messages = new ArrayList<>();
		for (ChatMessage message : request.messages()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("role", message.role().wireName());
			if (message.toolCallId() != null) {
				entry.put("tool_call_id", message.toolCallId());
			}
			if (!message.isTextOnly()) {
				List<Map<String, Object>> parts = new ArrayList<>();
				for (ContentPart part : message.parts()) {
					if (part instanceof ContentPart.Text text) {
						parts.add(ordered("type", "text", "text", text.text()));
					}
					else {
						String url = (part instanceof Image image) ? image.dataUrl() : ((ContentPart.ImageUrl) part).url();
						parts.add(ordered("type", "image_url", "image_url", Map.of("url", url)));
					}
				}
				entry.put("content", parts);
			}
			else if (message.toolCalls().isEmpty()) {
				entry.put("content", message.content());
			}
			else {
				entry.put("content", message.content().isEmpty() ? null : message.content());
				entry.put("tool_calls", message.toolCalls().stream().map((call) -> ordered("id", call.id(), "type",
						"function", "function", ordered("name", call.name(), "arguments", call.arguments()))).toList());
			}
			messages.add(entry);
		}
		body.put("messages", messages);
		putIfNotNull(body, "temperature", request.temperature());
		putIfNotNull(body, "max_tokens", (request.maxTokens() != null) ? request.maxTokens() : defaultMaxTokens);
		putIfNotNull(body, "top_p", request.topP());
		if (!request.stop().isEmpty()) {
			body.put("stop", request.stop());
		}
		if (!request.tools().isEmpty()) {
			body.put("tools", request.tools().stream().map((tool) -> {
				Map<String, Object> function = new LinkedHashMap<>();
				function.put("name", tool.name());
				putIfNotNull(function, "description", tool.description());
				function.put("parameters", this.mapper.readTree(tool.parameters()));
				return ordered("type", "function", "function", function);
			}).toList());
		}
		if (request.toolChoice() != null) {
			ToolChoice choice = request.toolChoice();
			body.put("tool_choice", (choice.mode() == ToolChoice.Mode.FUNCTION)
					? ordered("type", "function", "function", Map.of("name", choice.name()))
					: choice.mode().name().toLowerCase(java.util.Locale.ROOT));
		}
		ResponseFormat format = request.responseFormat();
		if (format != null && format.type() == ResponseFormat.Type.JSON_OBJECT) {
			body.put("response_format", Map.of("type", "json_object"));
		}
		else if (format != null && format.type() == ResponseFormat.Type.JSON_SCHEMA) {
			Map<String, Object> schema = new LinkedHashMap<>();
			schema.put("name", format.name());
			schema.put("schema", this.mapper.readTree(format.schema()));
			schema.put("strict", format.strict());
			body.put("response_format", ordered("type", "json_schema", "json_schema", schema));
		}
		if (stream) {
			body.put("stream", true);
			if (streamUsage) {
				body.put("stream_options", Map.of("include_usage", true));
			}
		}
		body.putAll(request.extraBody());
		return body;
	}

	private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(k1, v1);
		map.put(k2, v2);
		return map;
	}

	private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
		Map<String, Object> map = ordered(k1, v1, k2, v2);
		map.put(k3, v3);
		return map;
	}

	private static void putIfNotNull(Map<String, Object> body, String key, @Nullable Object value) {
		if (value != null) {
			body.put(key, value);
		}
	}

	private String write(ChatRequest request, @Nullable Integer defaultMaxTokens, boolean includeModel, boolean stream,
			boolean streamUsage) {
		return new String(this.format.writeRequest(request, defaultMaxTokens, includeModel, stream, streamUsage),
				StandardCharsets.UTF_8);
	}

	private JsonNode body(ChatRequest request) {
		return json(write(request, null, true, false, false));
	}

	private JsonNode json(String text) {
		return this.mapper.readTree(text);
	}

}
