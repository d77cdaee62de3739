package io.github.llmclient.provider.bedrock;

import java.util.List;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The Converse request bodies the writer produces. */
class BedrockRequestWriterTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final BedrockRequestWriter writer = new BedrockRequestWriter(this.mapper);

	private static final Tool WEATHER = Tool.function("weather", "The weather of a city",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

	private JsonNode write(ChatRequest request) {
		return this.mapper.readTree(this.writer.write(request, null));
	}

	@Test
	void writesToolsToolChoiceAndATurnOfToolResults() {
		ChatResponse answer = new ChatResponse(null, null, "", "tool_calls", null,
				List.of(new ToolCall("t1", "weather", "{\"city\":\"Paris\"}"), new ToolCall("t2", "weather", "")), null);
		JsonNode body = write(ChatRequest.builder()
			.user("Weather in Paris and Rome?")
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("t1", "{\"celsius\":21}"))
			.message(ChatMessage.tool("t2", "sunny"))
			.tools(List.of(WEATHER))
			.toolChoice(ToolChoice.function("weather"))
			.build());
		assertThat(body.at("/toolConfig/tools/0/toolSpec/name").asString()).isEqualTo("weather");
		assertThat(body.at("/toolConfig/tools/0/toolSpec/inputSchema/json/type").asString()).isEqualTo("object");
		assertThat(body.at("/toolConfig/toolChoice/tool/name").asString()).isEqualTo("weather");
		assertThat(body.at("/messages/1/content").toString()).isEqualTo("[{\"toolUse\":{\"toolUseId\":\"t1\","
				+ "\"name\":\"weather\",\"input\":{\"city\":\"Paris\"}}},{\"toolUse\":{\"toolUseId\":\"t2\",\"name\":"
				+ "\"weather\",\"input\":{}}}]");
		assertThat(body.at("/messages/2").toString()).isEqualTo("{\"role\":\"user\",\"content\":[{\"toolResult\":"
				+ "{\"toolUseId\":\"t1\",\"content\":[{\"json\":{\"celsius\":21}}]}},{\"toolResult\":{\"toolUseId\":\"t2\","
				+ "\"content\":[{\"text\":\"sunny\"}]}}]}");
		assertThat(body.get("messages")).hasSize(3);
	}

	@Test
	void toolChoiceNoneOffersNoToolsUnlessTheHistoryNeedsTheToolConfig() {
		JsonNode fresh = write(ChatRequest.builder().user("Hi").tools(List.of(WEATHER)).toolChoice(ToolChoice.none()).build());
		assertThat(fresh.has("toolConfig")).isFalse();
		ChatResponse answer = new ChatResponse(null, null, "", "tool_calls", null,
				List.of(new ToolCall("t1", "weather", "{}")), null);
		JsonNode loop = write(ChatRequest.builder()
			.user("Weather?")
			.message(ChatMessage.assistant(answer))
			.message(ChatMessage.tool("t1", "sunny"))
			.tools(List.of(WEATHER))
			.toolChoice(ToolChoice.none())
			.build());
		assertThat(loop.at("/toolConfig/tools/0/toolSpec/name").asString()).isEqualTo("weather");
		assertThat(loop.at("/toolConfig").has("toolChoice")).isFalse();
		assertThat(write(ChatRequest.builder().user("Hi").tools(List.of(WEATHER)).toolChoice(ToolChoice.required()).build())
			.at("/toolConfig/toolChoice").toString()).isEqualTo("{\"any\":{}}");
		assertThat(write(ChatRequest.builder().user("Hi").tools(List.of(WEATHER)).toolChoice(ToolChoice.auto()).build())
			.at("/toolConfig/toolChoice").toString()).isEqualTo("{\"auto\":{}}");
	}

	@Test
	void putsOneCachePointAtTheEndOfTheStablePrefix() {
		JsonNode body = write(ChatRequest.builder()
			.system("You are a librarian.")
			.user("First question")
			.assistant("First answer")
			.user("Second question")
			.tools(List.of(WEATHER))
			.cache(PromptCache.prefix())
			.build());
		assertThat(body.at("/messages/1/content").toString())
			.isEqualTo("[{\"text\":\"First answer\"},{\"cachePoint\":{\"type\":\"default\"}}]");
		assertThat(body.at("/messages/2/content").toString()).doesNotContain("cachePoint");
		assertThat(body.get("system").toString()).doesNotContain("cachePoint");
		assertThat(body.get("toolConfig").toString()).doesNotContain("cachePoint");
		JsonNode single = write(ChatRequest.builder().system("You are a librarian.").user("Only question")
			.cache(PromptCache.prefix()).build());
		assertThat(single.get("system").toString())
			.isEqualTo("[{\"text\":\"You are a librarian.\"},{\"cachePoint\":{\"type\":\"default\"}}]");
		assertThat(single.get("messages").toString()).doesNotContain("cachePoint");
		JsonNode toolsOnly = write(ChatRequest.builder().user("Only question").tools(List.of(WEATHER))
			.cache(PromptCache.prefix()).build());
		assertThat(toolsOnly.at("/toolConfig/tools/1").toString()).isEqualTo("{\"cachePoint\":{\"type\":\"default\"}}");
		assertThat(write(ChatRequest.builder().user("a").assistant("b").user("c").build()).toString())
			.doesNotContain("cachePoint");
	}

	@Test
	void writesReasoningAsAnthropicThinkingAndRaisesMaxTokensAboveTheBudget() {
		JsonNode body = write(ChatRequest.builder().user("Prove it.").maxTokens(1000)
			.reasoning(Reasoning.budgetTokens(2048)).build());
		assertThat(body.at("/additionalModelRequestFields/thinking").toString())
			.isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":2048}");
		assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(3048);
		JsonNode effort = write(ChatRequest.builder().user("Prove it.").maxTokens(20000)
			.reasoning(Reasoning.effort(ReasoningEffort.HIGH)).build());
		assertThat(effort.at("/additionalModelRequestFields/thinking/budget_tokens").asInt()).isEqualTo(16384);
		assertThat(effort.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(20000);
		assertThat(write(ChatRequest.of("Hi")).has("additionalModelRequestFields")).isFalse();
	}

	@Test
	void replaysOnlyBedrockReplayData() {
		String blocks = "[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"hmm\",\"signature\":\"sig\"}}}]";
		ChatMessage bedrock = new ChatMessage(io.github.llmclient.chat.Role.ASSISTANT,
				List.of(io.github.llmclient.chat.ContentPart.text("42")), List.of(), null,
				new ReplayData(ReplayData.BEDROCK, blocks));
		ChatMessage anthropic = new ChatMessage(io.github.llmclient.chat.Role.ASSISTANT,
				List.of(io.github.llmclient.chat.ContentPart.text("42")), List.of(), null,
				new ReplayData(ReplayData.ANTHROPIC, "[{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"y\"}]"));
		assertThat(write(ChatRequest.builder().user("Q").message(bedrock).user("Q2").build()).at("/messages/1/content")
			.toString()).isEqualTo("[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"hmm\",\"signature\":\"sig\"}}},"
					+ "{\"text\":\"42\"}]");
		assertThat(write(ChatRequest.builder().user("Q").message(anthropic).user("Q2").build()).at("/messages/1/content")
			.toString()).isEqualTo("[{\"text\":\"42\"}]");
	}

	@Test
	void writesStructuredOutputWithTheSchemaAsAJsonString() {
		JsonNode body = write(ChatRequest.builder().user("A city?").responseFormat(ResponseFormat.jsonSchema("city",
				"{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}")).build());
		JsonNode format = body.at("/outputConfig/textFormat");
		assertThat(format.get("type").asString()).isEqualTo("json_schema");
		assertThat(format.at("/structure/jsonSchema/name").asString()).isEqualTo("city");
		assertThat(format.at("/structure/jsonSchema/schema").isString()).isTrue();
		assertThat(this.mapper.readTree(format.at("/structure/jsonSchema/schema").asString()).at("/properties/name/type")
			.asString()).isEqualTo("string");
	}

	@Test
	void writesInferenceConfig() {
		JsonNode body = write(ChatRequest.builder().user("Hi").maxTokens(100).temperature(0.5).topP(0.9)
			.stop(List.of("END")).build());
		assertThat(body.get("inferenceConfig").toString())
			.isEqualTo("{\"maxTokens\":100,\"temperature\":0.5,\"topP\":0.9,\"stopSequences\":[\"END\"]}");
	}

}
