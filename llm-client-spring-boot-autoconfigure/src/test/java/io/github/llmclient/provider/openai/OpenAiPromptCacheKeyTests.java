package io.github.llmclient.provider.openai;

import java.net.URI;

import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.PromptCache;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAI caches prefixes by itself: {@link PromptCache#key(String)} becomes {@code prompt_cache_key}. */
class OpenAiPromptCacheKeyTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final OpenAiAdapter adapter = new OpenAiAdapter(URI.create("https://api.openai.com/v1"), "k", null, true,
			this.mapper);

	@Test
	void sendsTheCacheKey() {
		JsonNode body = body(ChatRequest.builder().model("gpt-4o").system("Manual").user("Q")
			.cache(PromptCache.prefix().withKey("manual-v3")).build(), false);
		assertThat(body.get("prompt_cache_key").asString()).isEqualTo("manual-v3");
		// OpenAI has no breakpoints: the messages are sent as they are
		assertThat(body.at("/messages/0/content").asString()).isEqualTo("Manual");
		assertThat(body(ChatRequest.builder().model("gpt-4o").user("Q").cache(PromptCache.key("k2")).build(), true)
			.get("prompt_cache_key").asString()).isEqualTo("k2");
	}

	@Test
	void sendsNoKeyWithoutOne() {
		assertThat(body(ChatRequest.builder().model("gpt-4o").user("Q").cache(PromptCache.prefix()).build(), false)
			.has("prompt_cache_key")).isFalse();
		assertThat(body(ChatRequest.builder().model("gpt-4o").user("Q").build(), false).has("prompt_cache_key")).isFalse();
	}

	@Test
	void anExtraBodyKeyWins() {
		JsonNode body = body(ChatRequest.builder().model("gpt-4o").user("Q").cache(PromptCache.key("mine"))
			.extraBody("prompt_cache_key", "theirs").build(), false);
		assertThat(body.get("prompt_cache_key").asString()).isEqualTo("theirs");
	}

	private JsonNode body(ChatRequest request, boolean stream) {
		return this.mapper.readTree(this.adapter.chatRequest(request, stream).body());
	}

}
