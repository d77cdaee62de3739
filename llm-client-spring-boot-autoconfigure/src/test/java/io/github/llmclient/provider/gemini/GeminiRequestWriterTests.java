package io.github.llmclient.provider.gemini;

import java.net.URI;
import java.util.List;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.Reasoning;
import io.github.llmclient.chat.ReasoningEffort;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ResponseFormat;
import io.github.llmclient.chat.Role;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.ToolChoice;
import io.github.llmclient.provider.ProviderRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What the Gemini request writer puts on the wire. */
class GeminiRequestWriterTests {

	private static final Tool WEATHER = Tool.function("weather", null, "{\"type\":\"object\"}");

	private final GeminiAdapter adapter = GeminiAdapter.gemini(URI.create("https://generativelanguage.googleapis.com/v1beta"),
			"key", 512, GeminiFixtures.MAPPER);

	private JsonNode body(ChatRequest.Builder request) {
		ProviderRequest http = this.adapter.chatRequest(request.model("gemini-2.5-flash").build(), false);
		assertThat(http.uri()).hasToString(
				"https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
		assertThat(http.headers()).containsEntry("x-goog-api-key", "key");
		return GeminiFixtures.MAPPER.readTree(http.body());
	}

	@Test
	void sendsRolesSystemInstructionAndGenerationConfig() {
		JsonNode body = body(ChatRequest.builder().system("Be brief.").user("Hi").assistant("Hello").user("Bye")
			.temperature(0.2).topP(0.9).stop(List.of("END")));

		assertThat(body.at("/systemInstruction/parts/0/text").stringValue()).isEqualTo("Be brief.");
		assertThat(body.path("contents")).extracting((content) -> content.path("role").stringValue())
			.containsExactly("user", "model", "user");
		assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(512);
		assertThat(body.at("/generationConfig/temperature").asDouble()).isEqualTo(0.2);
		assertThat(body.at("/generationConfig/topP").asDouble()).isEqualTo(0.9);
		assertThat(body.at("/generationConfig/stopSequences/0").stringValue()).isEqualTo("END");
		assertThat(body.at("/generationConfig").has("thinkingConfig")).isFalse();
	}

	@Test
	void imagesBecomeInlineOrFileDataWithTheirType() {
		JsonNode parts = body(ChatRequest.builder().user(ContentPart.text("What is this?"),
				ContentPart.imageUrl("https://example.com/cat.JPG?size=large"),
				ContentPart.imageUrl("data:image/webp;base64,UklGRg=="), ContentPart.image(new byte[] { 1, 2 }, "image/png")))
			.at("/contents/0/parts");

		assertThat(parts.at("/1/fileData/fileUri").stringValue()).isEqualTo("https://example.com/cat.JPG?size=large");
		assertThat(parts.at("/1/fileData/mimeType").stringValue()).isEqualTo("image/jpeg");
		assertThat(parts.at("/2/inlineData/mimeType").stringValue()).isEqualTo("image/webp");
		assertThat(parts.at("/2/inlineData/data").stringValue()).isEqualTo("UklGRg==");
		assertThat(parts.at("/3/inlineData/mimeType").stringValue()).isEqualTo("image/png");
		assertThat(parts.at("/3/inlineData/data").stringValue()).isEqualTo("AQI=");
	}

	@Test
	void anImageUrlOfUnknownTypeIsRefusedBeforeSending() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> body(ChatRequest.builder().user(ContentPart.imageUrl("https://example.com/photo"))))
			.withMessageContaining("https://example.com/photo")
			.withMessageContaining("media type");
	}

	@Test
	void toolChoicesMapToFunctionCallingModes() {
		assertThat(body(ChatRequest.builder().user("x").tool(WEATHER).toolChoice(ToolChoice.auto()))
			.at("/toolConfig/functionCallingConfig/mode").stringValue()).isEqualTo("AUTO");
		assertThat(body(ChatRequest.builder().user("x").tool(WEATHER).toolChoice(ToolChoice.none()))
			.at("/toolConfig/functionCallingConfig/mode").stringValue()).isEqualTo("NONE");
		assertThat(body(ChatRequest.builder().user("x").tool(WEATHER).toolChoice(ToolChoice.required()))
			.at("/toolConfig/functionCallingConfig/mode").stringValue()).isEqualTo("ANY");
		JsonNode function = body(ChatRequest.builder().user("x").tool(WEATHER).toolChoice(ToolChoice.function("weather")))
			.at("/toolConfig/functionCallingConfig");
		assertThat(function.path("mode").stringValue()).isEqualTo("ANY");
		assertThat(function.at("/allowedFunctionNames/0").stringValue()).isEqualTo("weather");
	}

	@Test
	void reasoningSendsALevelOrABudgetNeverBoth() {
		JsonNode effort = body(ChatRequest.builder().user("x").reasoning(Reasoning.effort(ReasoningEffort.HIGH)))
			.at("/generationConfig/thinkingConfig");
		assertThat(effort.path("includeThoughts").asBoolean()).isTrue();
		assertThat(effort.path("thinkingLevel").stringValue()).isEqualTo("HIGH");
		assertThat(effort.has("thinkingBudget")).isFalse();
		JsonNode budget = body(ChatRequest.builder().user("x").reasoning(Reasoning.budgetTokens(2048)))
			.at("/generationConfig/thinkingConfig");
		assertThat(budget.path("thinkingBudget").asInt()).isEqualTo(2048);
		assertThat(budget.has("thinkingLevel")).isFalse();
	}

	@Test
	void aSchemaIsSentAsResponseJsonSchema() {
		JsonNode config = body(ChatRequest.builder().user("x")
			.responseFormat(ResponseFormat.jsonSchema("city", "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}")))
			.path("generationConfig");
		assertThat(config.path("responseMimeType").stringValue()).isEqualTo("application/json");
		assertThat(config.at("/responseJsonSchema/properties/name/type").stringValue()).isEqualTo("string");
	}

	@Test
	void callsWithoutReplayAreRebuiltAndTheirOwnIdsKept() {
		ChatMessage assistant = new ChatMessage(Role.ASSISTANT, List.of(ContentPart.text("Checking.")),
				List.of(new ToolCall("server-id-1", "weather", "{\"city\":\"Paris\"}"),
						new ToolCall(GeminiCallIds.madeUp(), "weather", "{\"city\":\"Rome\"}")),
				null, new ReplayData(ReplayData.ANTHROPIC, "[{\"type\":\"thinking\"}]"));
		JsonNode body = body(ChatRequest.builder().user("x").tool(WEATHER).message(assistant)
			.message(ChatMessage.tool("server-id-1", "42")).message(ChatMessage.tool(assistant.toolCalls().get(1).id(), "x")));

		JsonNode model = body.at("/contents/1/parts");
		assertThat(model.at("/0/text").stringValue()).isEqualTo("Checking.");
		assertThat(model.at("/1/functionCall/id").stringValue()).isEqualTo("server-id-1");
		assertThat(model.at("/2/functionCall").has("id")).isFalse();
		JsonNode results = body.at("/contents/2/parts");
		assertThat(results.at("/0/functionResponse/id").stringValue()).isEqualTo("server-id-1");
		assertThat(results.at("/0/functionResponse/response/output").asInt()).isEqualTo(42);
		assertThat(results.at("/1/functionResponse").has("id")).isFalse();
	}

	@Test
	void aToolResultForNoKnownCallIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> body(ChatRequest.builder().user("x").message(ChatMessage.tool("nobody", "42"))))
			.withMessageContaining("nobody");
	}

}
