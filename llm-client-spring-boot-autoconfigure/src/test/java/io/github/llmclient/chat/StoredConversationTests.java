package io.github.llmclient.chat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations written by a plain Jackson 3 {@link JsonMapper} (no modules, no settings) and
 * read back equal: what an application stores in Redis or a database to resume later.
 */
class StoredConversationTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d };

	/** Anthropic's block shapes, as the response reader captures them. */
	private static final ReplayData ANTHROPIC_REPLAY = new ReplayData(ReplayData.ANTHROPIC,
			"[{\"type\":\"thinking\",\"thinking\":\"The user wants the weather.\",\"signature\":\"Eq4CCpIB+/==\"},"
					+ "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw\"}]");

	private final JsonMapper plain = new JsonMapper();

	@Test
	void everyKindOfMessageReadsBackEqual() {
		ChatResponse answer = new ChatResponse("msg_1", "claude-sonnet-4-6", "Checking.", "tool_calls",
				new Usage(599, 59, 658, 10, 18, 4),
				List.of(new ToolCall("toolu_1", "get_weather", "{\"city\": \"Paris\", \"celsius\": 21.50}")),
				"The user wants the weather.", ANTHROPIC_REPLAY);
		List<ChatMessage> conversation = List.of(ChatMessage.system("Be brief."),
				ChatMessage.user(ContentPart.text("What is on this picture?"), ContentPart.image(PNG, "image/png"),
						ContentPart.imageUrl("https://example.com/cat.jpg"),
						ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo=")),
				ChatMessage.assistant(answer), ChatMessage.tool("toolu_1", "{\"temperature\":18}"),
				ChatMessage.assistant("It is 18°C."), ChatMessage.user("Thanks"));

		String json = this.plain.writeValueAsString(conversation);
		List<ChatMessage> read = this.plain.readValue(json, new TypeReference<List<ChatMessage>>() {
		});

		assertThat(read).isEqualTo(conversation);
		assertThat(read.get(2).replay()).isEqualTo(ANTHROPIC_REPLAY);
		assertThat(read.get(1).parts().get(1)).isInstanceOf(ContentPart.Image.class);
		assertThat(((ContentPart.Image) read.get(1).parts().get(1)).bytes()).isEqualTo(PNG);
	}

	@Test
	void aResponseReadsBackEqualReplayDataIncluded() {
		ChatResponse answer = new ChatResponse("msg_1", "claude-sonnet-4-6", "", "tool_calls",
				new Usage(599, 59, 658, 0, 0, 0), List.of(new ToolCall("toolu_1", "check", "{}")), null,
				ANTHROPIC_REPLAY);

		ChatResponse read = this.plain.readValue(this.plain.writeValueAsString(answer), ChatResponse.class);

		assertThat(read).isEqualTo(answer);
		assertThat(read.replay().data()).isEqualTo(ANTHROPIC_REPLAY.data());
		assertThat(ChatMessage.assistant(read)).isEqualTo(ChatMessage.assistant(answer));
	}

	@Test
	void aResponseWithoutOptionalPartsReadsBackEqual() {
		ChatResponse answer = new ChatResponse(null, null, "Hi", null, null);

		assertThat(this.plain.readValue(this.plain.writeValueAsString(answer), ChatResponse.class)).isEqualTo(answer);
	}

	@Test
	void partsNameTheirKindAndImagesTravelAsBase64() {
		JsonNode written = this.plain.readTree(this.plain.writeValueAsString(ChatMessage.user(ContentPart.text("Look"),
				ContentPart.image(PNG, "image/png"), ContentPart.imageUrl("https://example.com/cat.jpg"))));

		JsonNode parts = written.get("parts");
		assertThat(parts.get(0).get("type").asString()).isEqualTo("text");
		assertThat(parts.get(1).get("type").asString()).isEqualTo("image");
		assertThat(parts.get(1).get("bytes").asString()).isEqualTo(ContentPart.image(PNG, "image/png").base64());
		assertThat(parts.get(2).get("type").asString()).isEqualTo("image_url");
		// derived values are not stored: they would be read back as unknown properties
		assertThat(written.has("content")).isFalse();
		assertThat(written.has("textOnly")).isFalse();
		assertThat(parts.get(2).has("dataUrl")).isFalse();
	}

	@Test
	void aSinglePartReadsBackAsItsOwnKind() {
		List<ContentPart> parts = new ArrayList<>(List.of(ContentPart.text("a"), ContentPart.image(PNG, "image/png"),
				ContentPart.imageUrl("https://example.com/a.png")));
		for (ContentPart part : parts) {
			assertThat(this.plain.readValue(this.plain.writeValueAsString(part), ContentPart.class)).isEqualTo(part);
		}
	}

	@Test
	void usageAndToolCallsReadBackEqual() {
		Usage usage = new Usage(10, 20, 30, 4, 5, 6);
		ToolCall call = new ToolCall("call_1", "f", "{\"a\":[1,2.50]}");

		assertThat(this.plain.readValue(this.plain.writeValueAsString(usage), Usage.class)).isEqualTo(usage);
		assertThat(this.plain.readValue(this.plain.writeValueAsString(call), ToolCall.class)).isEqualTo(call);
		assertThat(this.plain.readValue(this.plain.writeValueAsString(ANTHROPIC_REPLAY), ReplayData.class))
			.isEqualTo(ANTHROPIC_REPLAY);
	}

}
