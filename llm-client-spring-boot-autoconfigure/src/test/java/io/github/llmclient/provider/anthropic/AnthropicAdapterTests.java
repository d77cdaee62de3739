package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCall;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.ProviderTestSupport;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/** Tests of {@link AnthropicAdapter}'s wire format, without HTTP. */
class AnthropicAdapterTests {

	private static final String MESSAGE_ID = "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AnthropicAdapter adapter = new AnthropicAdapter(URI.create("https://api.anthropic.com/v1"),
			"sk-ant-secret", "2023-06-01", 1024, this.mapper);

	@Test
	void postsToMessagesWithApiKeyAndVersionHeaders() {
		ProviderRequest request = this.adapter.chatRequest(ChatRequest.builder().model("claude-x").user("Hi").build(),
				false);
		assertThat(request.method()).isEqualTo(HttpMethod.POST);
		assertThat(request.uri()).hasToString("https://api.anthropic.com/v1/messages");
		assertThat(request.headers()).containsOnly(Map.entry("x-api-key", "sk-ant-secret"),
				Map.entry("anthropic-version", "2023-06-01"));
		assertThat(request.operation()).isEqualTo("chat");
	}

	@Test
	void omitsApiKeyHeaderWhenThereIsNoKey() {
		AnthropicAdapter keyless = new AnthropicAdapter(URI.create("http://gateway.local/anthropic/v1/"), null,
				"2023-06-01", null, this.mapper);
		ProviderRequest request = keyless.chatRequest(ChatRequest.builder().model("m").user("Hi").build(), false);
		assertThat(request.uri()).hasToString("http://gateway.local/anthropic/v1/messages");
		assertThat(request.headers()).containsOnly(Map.entry("anthropic-version", "2023-06-01"));
	}

	@Test
	void foldsSystemMessagesIntoTopLevelSystemField() {
		ChatRequest request = ChatRequest.builder()
			.model("claude-x")
			.system("Be brief.")
			.user("What is SSE?")
			.assistant("Server-Sent Events.")
			.system("Answer in English.")
			.user("And WHATWG?")
			.temperature(0.2)
			.topP(0.9)
			.stop(List.of("END"))
			.build();
		JsonNode body = body(this.adapter.chatRequest(request, false));
		assertThat(body).isEqualTo(this.mapper.readTree("""
				{"model":"claude-x","max_tokens":1024,"system":"Be brief.\\n\\nAnswer in English.",
				 "messages":[{"role":"user","content":"What is SSE?"},
				             {"role":"assistant","content":"Server-Sent Events."},
				             {"role":"user","content":"And WHATWG?"}],
				 "temperature":0.2,"top_p":0.9,"stop_sequences":["END"]}"""));
	}

	@Test
	void requestMaxTokensWinsOverDefault() {
		JsonNode body = body(
				this.adapter.chatRequest(ChatRequest.builder().model("m").user("Hi").maxTokens(50).build(), false));
		assertThat(body.path("max_tokens").intValue()).isEqualTo(50);
	}

	@Test
	void sendsDefaultMaxTokensWhenNoneIsConfigured() {
		AnthropicAdapter unconfigured = new AnthropicAdapter(URI.create("https://api.anthropic.com/v1"), "k",
				"2023-06-01", null, this.mapper);
		JsonNode body = body(unconfigured.chatRequest(ChatRequest.builder().model("m").user("Hi").build(), false));
		assertThat(body.path("max_tokens").intValue()).isEqualTo(AnthropicAdapter.DEFAULT_MAX_TOKENS);
	}

	@Test
	void streamRequestAsksForStreamAndMergesExtraBodyVerbatim() {
		ChatRequest request = ChatRequest.builder()
			.model("m")
			.user("Hi")
			.extraBody("metadata", Map.of("user_id", "u-1"))
			.extraBody("max_tokens", 7)
			.build();
		JsonNode body = body(this.adapter.chatRequest(request, true));
		assertThat(body.path("stream").booleanValue()).isTrue();
		assertThat(body.path("metadata").path("user_id").stringValue()).isEqualTo("u-1");
		assertThat(body.path("max_tokens").intValue()).isEqualTo(7);
		assertThat(body.has("system")).isFalse();
	}

	@Test
	void listsModelsInOnePage() {
		ProviderRequest request = this.adapter.modelsRequest();
		assertThat(request.method()).isEqualTo(HttpMethod.GET);
		assertThat(request.uri()).hasToString("https://api.anthropic.com/v1/models?limit=1000");
		assertThat(request.body()).isNull();
		assertThat(this.adapter.readModels(bytes("""
				{"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5"},
				         {"type":"model","id":"claude-haiku-4-5"}],"has_more":false}"""))).containsExactly(
				"claude-sonnet-4-5", "claude-haiku-4-5");
	}

	@Test
	void readsResponseJoiningTextBlocksAroundAToolCall() {
		ChatResponse response = this.adapter.readResponse(bytes("""
				{"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
				 "content":[{"type":"text","text":"Hello"},
				            {"type":"tool_use","id":"t","name":"f","input":{"text":"ignored"}},
				            {"text":" world","type":"text"}],
				 "stop_reason":"max_tokens","stop_sequence":null,
				 "usage":{"input_tokens":10,"cache_read_input_tokens":5,"cache_creation_input_tokens":null,
				          "output_tokens":7}}"""));
		assertThat(response).isEqualTo(new ChatResponse("msg_1", "claude-x", "Hello world", "length",
				new Usage(15, 7, 22, 5, 0), List.of(new ToolCall("t", "f", "{\"text\":\"ignored\"}")), null));
	}

	@Test
	void readsResponseWithoutTextAsEmptyContent() {
		ChatResponse response = this.adapter.readResponse(bytes("""
				{"id":"msg_2","type":"message","content":[],"model":"m","stop_reason":"tool_use"}"""));
		assertThat(response.content()).isEmpty();
		assertThat(response.finishReason()).isEqualTo("tool_calls");
		assertThat(response.usage()).isNull();
	}

	@Test
	void rejectsResponseThatHoldsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> this.adapter.readResponse(bytes("""
				{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")))
			.withMessageContaining("overloaded_error")
			.withMessageContaining("Overloaded");
	}

	@ParameterizedTest
	@CsvSource({ "end_turn, stop", "stop_sequence, stop", "max_tokens, length", "tool_use, tool_calls",
			"refusal, refusal", "pause_turn, pause_turn" })
	void normalisesStopReason(String stopReason, String finishReason) {
		ChatResponse response = this.adapter.readResponse(
				bytes("{\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"" + stopReason + "\"}"));
		assertThat(response.finishReason()).isEqualTo(finishReason);
	}

	@Test
	void readsErrorBody() {
		ProviderError error = this.adapter.readError(bytes("""
				{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},
				 "request_id":"req_1"}"""));
		assertThat(error).isEqualTo(new ProviderError("invalid x-api-key", "authentication_error"));
	}

	@Test
	void mapsRecordedStreamFedOneByteAtATime() {
		byte[] stream = ProviderTestSupport.anthropicStream().getBytes(StandardCharsets.UTF_8);
		SseDecoder decoder = new SseDecoder();
		List<SseEvent> events = new ArrayList<>();
		for (int i = 0; i < stream.length; i++) {
			decoder.feed(stream, i, 1, events::add);
		}
		StreamMapper mapper = this.adapter.streamMapper();
		List<StreamEvent> mapped = events.stream().map(mapper::map).toList();
		assertThat(mapped).hasSize(9);
		assertThat(mapped.get(mapped.size() - 1)).isSameAs(StreamEvent.END);
		List<ChatChunk> chunks = chunks(mapped);
		assertThat(chunks).extracting(ChatChunk::content).containsExactly("Hello", " there", "!", "");
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.id()).isEqualTo(MESSAGE_ID);
			assertThat(chunk.model()).isEqualTo("claude-3-opus-latest");
		});
		assertThat(chunks.subList(0, 3)).allSatisfy((chunk) -> {
			assertThat(chunk.finishReason()).isNull();
			assertThat(chunk.usage()).isNull();
		});
		ChatChunk last = chunks.get(3);
		assertThat(last.finishReason()).isEqualTo("stop");
		assertThat(last.usage()).isEqualTo(new Usage(11, 6, 17));
		assertThat(mapped.stream().filter((event) -> event == StreamEvent.IGNORE)).hasSize(4);
	}

	@Test
	void mapsEventsWithoutEventLinesByTheirJsonType() {
		StreamMapper mapper = this.adapter.streamMapper();
		assertThat(mapper.map(message("""
				{"type":"message_start","message":{"id":"msg_9","model":"m","usage":{"input_tokens":3}}}""")))
			.isSameAs(StreamEvent.IGNORE);
		assertThat(mapper.map(message("""
				{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""")))
			.isEqualTo(new StreamEvent.Chunk(new ChatChunk("Hi", null, null, "msg_9", "m")));
		assertThat(mapper.map(message("{\"type\":\"ping\"}"))).isSameAs(StreamEvent.IGNORE);
		assertThat(mapper.map(message("{\"type\":\"message_stop\"}"))).isSameAs(StreamEvent.END);
	}

	@Test
	void messageDeltaInputTokensReplaceThoseOfMessageStart() {
		StreamMapper mapper = this.adapter.streamMapper();
		mapper.map(event("message_start", """
				{"type":"message_start","message":{"id":"msg_1","model":"m",
				 "usage":{"input_tokens":4,"cache_read_input_tokens":6,"output_tokens":1}}}"""));
		StreamEvent delta = mapper.map(event("message_delta", """
				{"type":"message_delta","delta":{"stop_reason":"tool_use"},
				 "usage":{"input_tokens":12,"output_tokens":30}}"""));
		// cache reads are only in message_start here: they stay
		assertThat(delta).isEqualTo(new StreamEvent.Chunk(new ChatChunk("", "tool_calls", new Usage(12, 30, 42, 6, 0),
				"msg_1", "m")));
	}

	@Test
	void ignoresDeltasWithoutTextAndUnknownEvents() {
		StreamMapper mapper = this.adapter.streamMapper();
		// input for a block that no tool_use content_block_start opened
		assertThat(mapper.map(event("content_block_delta", """
				{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\""}}""")))
			.isSameAs(StreamEvent.IGNORE);
		assertThat(mapper.map(event("content_block_delta", """
				{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}""")))
			.isSameAs(StreamEvent.IGNORE);
		assertThat(mapper.map(event("content_block_delta", """
				{"type":"content_block_delta","index":0,"delta":{"type":"brand_new_delta","text":"?"}}""")))
			.isSameAs(StreamEvent.IGNORE);
		// not parsed while no tool block is open: text streams skip it
		assertThat(mapper.map(event("content_block_stop", "{not even json"))).isSameAs(StreamEvent.IGNORE);
		assertThat(mapper.map(event("brand_new_event", "{}"))).isSameAs(StreamEvent.IGNORE);
	}

	@Test
	void mapsErrorEventWithItsType() {
		StreamEvent mapped = this.adapter.streamMapper().map(event("error", """
				{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"""));
		assertThat(mapped).isEqualTo(new StreamEvent.Error(new ProviderError("Overloaded", "overloaded_error")));
	}

	@Test
	void malformedDeltaIsAnError() {
		StreamMapper mapper = this.adapter.streamMapper();
		assertThatRuntimeException()
			.isThrownBy(() -> mapper.map(event("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":")));
		assertThatRuntimeException().isThrownBy(() -> mapper.map(event("message_delta", "[1,2]")));
		// a block start could open a tool call: never silently skipped
		assertThatRuntimeException().isThrownBy(() -> mapper.map(event("content_block_start", "{not even json")));
	}

	private static List<ChatChunk> chunks(List<StreamEvent> events) {
		return events.stream()
			.filter(StreamEvent.Chunk.class::isInstance)
			.map((event) -> ((StreamEvent.Chunk) event).chunk())
			.toList();
	}

	private JsonNode body(ProviderRequest request) {
		assertThat(request.body()).isNotNull();
		return this.mapper.readTree(request.body());
	}

	private static SseEvent event(String type, String data) {
		return new SseEvent(type, bytes(data), null);
	}

	private static SseEvent message(String data) {
		return event(SseEvent.DEFAULT_EVENT, data);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
