package io.github.llmclient.provider.anthropic;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of prompt caching on Anthropic: {@code cache_control} breakpoints on the stable prefix
 * (never more than 4, TTL) and cache-write tokens read from answers and streams.
 */
class AnthropicPromptCacheTests {

	private static final Tool WEATHER = Tool.function("get_weather", "The weather",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final AnthropicAdapter adapter = new AnthropicAdapter(URI.create("https://api.anthropic.com/v1"), "k",
			"2023-06-01", 1024, this.mapper);

	@Test
	void marksTheEndOfThePrefixTheSystemPromptAndTheLastTool() {
		JsonNode body = body(ChatRequest.builder()
			.model("claude-sonnet-4-5")
			.system("A long manual.")
			.user("First question")
			.assistant("First answer")
			.user("Second question")
			.tool(WEATHER)
			.cache(PromptCache.prefix())
			.build());
		JsonNode ephemeral = json("{\"type\":\"ephemeral\"}");
		assertThat(body.get("system")).isEqualTo(json("""
				[{"type":"text","text":"A long manual.","cache_control":{"type":"ephemeral"}}]"""));
		assertThat(body.at("/tools/0/cache_control")).isEqualTo(ephemeral);
		// the message before the last ends the prefix; the last one (the new question) is not cached
		assertThat(body.at("/messages/1/content")).isEqualTo(json("""
				[{"type":"text","text":"First answer","cache_control":{"type":"ephemeral"}}]"""));
		assertThat(body.at("/messages/0/content").asString()).isEqualTo("First question");
		assertThat(body.at("/messages/2/content").asString()).isEqualTo("Second question");
		assertThat(AnthropicCacheBreakpoints.count(body)).isEqualTo(3);
	}

	@Test
	void sendsTheTimeToLive() {
		JsonNode body = body(ChatRequest.builder()
			.model("m")
			.system("Manual")
			.user("Q")
			.cache(PromptCache.prefix(Duration.ofHours(1)))
			.build());
		assertThat(body.at("/system/0/cache_control")).isEqualTo(json("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
		JsonNode fiveMinutes = body(ChatRequest.builder()
			.model("m")
			.system("Manual")
			.user("Q")
			.cache(PromptCache.prefix(Duration.ofMinutes(5)))
			.build());
		assertThat(fiveMinutes.at("/system/0/cache_control")).isEqualTo(json("{\"type\":\"ephemeral\",\"ttl\":\"5m\"}"));
	}

	@Test
	void neverSendsMoreThanFourBreakpointsCountingTheCallersOwn() {
		List<Map<String, Object>> system = List.of(
				Map.of("type", "text", "text", "a", "cache_control", Map.of("type", "ephemeral")),
				Map.of("type", "text", "text", "b", "cache_control", Map.of("type", "ephemeral")),
				Map.of("type", "text", "text", "c", "cache_control", Map.of("type", "ephemeral")));
		JsonNode body = body(ChatRequest.builder()
			.model("m")
			.user("First")
			.assistant("Answer")
			.user("Second")
			.tool(WEATHER)
			.extraBody("system", system)
			.cache(PromptCache.prefix())
			.build());
		assertThat(AnthropicCacheBreakpoints.count(body)).isEqualTo(4);
		// the one left goes to the end of the prefix, which caches most
		assertThat(body.at("/messages/1/content/0/cache_control").isObject()).isTrue();
		assertThat(body.at("/tools/0/cache_control").isMissingNode()).isTrue();
	}

	@Test
	void addsNothingWhenTheCallerAlreadyUsedEveryBreakpoint() {
		List<Map<String, Object>> system = List.of(
				Map.of("type", "text", "text", "a", "cache_control", Map.of("type", "ephemeral")),
				Map.of("type", "text", "text", "b", "cache_control", Map.of("type", "ephemeral")),
				Map.of("type", "text", "text", "c", "cache_control", Map.of("type", "ephemeral")),
				Map.of("type", "text", "text", "d", "cache_control", Map.of("type", "ephemeral")));
		JsonNode body = body(ChatRequest.builder()
			.model("m")
			.user("First")
			.assistant("Answer")
			.user("Second")
			.extraBody("system", system)
			.cache(PromptCache.prefix())
			.build());
		assertThat(AnthropicCacheBreakpoints.count(body)).isEqualTo(4);
		assertThat(body.at("/messages/1/content").asString()).isEqualTo("Answer");
	}

	@Test
	void aSingleMessageCachesTheSystemPromptAndToolsOnly() {
		JsonNode body = body(ChatRequest.builder()
			.model("m")
			.system("Manual")
			.user("Only question")
			.cache(PromptCache.prefix())
			.build());
		assertThat(body.at("/messages/0/content").asString()).isEqualTo("Only question");
		assertThat(AnthropicCacheBreakpoints.count(body)).isEqualTo(1);
	}

	@Test
	void aKeyAloneMarksNothing() {
		JsonNode body = body(ChatRequest.builder().model("m").system("Manual").user("Q").cache(PromptCache.key("k")).build());
		assertThat(AnthropicCacheBreakpoints.count(body)).isZero();
		assertThat(body.has("prompt_cache_key")).isFalse();
	}

	@Test
	void aStreamRequestIsMarkedToo() {
		byte[] bytes = this.adapter
			.chatRequest(ChatRequest.builder().model("m").system("Manual").user("Q").cache(PromptCache.prefix()).build(),
					true)
			.body();
		JsonNode body = this.mapper.readTree(bytes);
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(AnthropicCacheBreakpoints.count(body)).isEqualTo(1);
	}

	/** As Anthropic's prompt-caching documentation shows a first call that writes the cache. */
	@Test
	void readsCacheWriteTokensFromAnAnswer() {
		ChatResponse response = this.adapter.readResponse("""
				{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
				 "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
				 "usage":{"input_tokens":21,"cache_creation_input_tokens":188086,"cache_read_input_tokens":0,
				          "output_tokens":393}}""".getBytes(StandardCharsets.UTF_8));
		Usage usage = response.usage();
		assertThat(usage.cacheWriteInputTokens()).isEqualTo(188086);
		assertThat(usage.cachedInputTokens()).isZero();
		// inputTokens counts the whole prompt, cache writes included
		assertThat(usage.inputTokens()).isEqualTo(21 + 188086);
		assertThat(usage.outputTokens()).isEqualTo(393);
	}

	@Test
	void readsCacheWriteTokensFromAStream() {
		String stream = """
				event: message_start
				data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":1200,"cache_read_input_tokens":800,"output_tokens":1}}}

				event: content_block_start
				data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

				event: content_block_delta
				data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

				event: content_block_stop
				data: {"type":"content_block_stop","index":0}

				event: message_delta
				data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}}

				event: message_stop
				data: {"type":"message_stop"}

				""";
		List<ChatChunk> chunks = mapStream(stream);
		Usage usage = chunks.stream().map(ChatChunk::usage).filter(java.util.Objects::nonNull).reduce((a, b) -> b).get();
		assertThat(usage.cacheWriteInputTokens()).isEqualTo(1200);
		assertThat(usage.cachedInputTokens()).isEqualTo(800);
		assertThat(usage.inputTokens()).isEqualTo(3 + 1200 + 800);
		assertThat(usage.outputTokens()).isEqualTo(12);
	}

	private List<ChatChunk> mapStream(String stream) {
		byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
		List<SseEvent> events = new java.util.ArrayList<>();
		new SseDecoder().feed(bytes, 0, bytes.length, events::add);
		StreamMapper mapper = this.adapter.streamMapper();
		return events.stream()
			.map(mapper::map)
			.filter(StreamEvent.Chunk.class::isInstance)
			.map((event) -> ((StreamEvent.Chunk) event).chunk())
			.toList();
	}

	private JsonNode body(ChatRequest request) {
		return this.mapper.readTree(this.adapter.chatRequest(request, false).body());
	}

	private JsonNode json(String text) {
		return this.mapper.readTree(text);
	}

}
