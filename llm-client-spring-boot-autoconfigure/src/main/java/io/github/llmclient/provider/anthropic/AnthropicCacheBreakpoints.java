package io.github.llmclient.provider.anthropic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.PromptCache;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Marks the stable prefix of a Messages request as cacheable ({@link PromptCache#prefix()}):
 * {@code cache_control {type: "ephemeral"[, ttl]}} on the last block of the prefix (every
 * message but the last), on the last system block and on the last tool. The prefix-end
 * breakpoint caches everything before it; the system and tool ones keep those parts cached
 * while a conversation grows past the API's look-back of about 20 blocks. Anthropic accepts at
 * most 4 breakpoints per request: those the caller already wrote (through {@code extraBody})
 * count, and ours give way from the tools' first, the prefix end's last.
 *
 * <p>
 * It works on the finished body (after {@code extraBody} is merged), so it sees every block
 * exactly as sent and leaves the writer's own shapes alone. A system string and a message's
 * string content become one text block, which is the same prompt to the API.
 */
final class AnthropicCacheBreakpoints {

	/** The most breakpoints the Messages API accepts in one request. */
	static final int MAX_BREAKPOINTS = 4;

	private static final String CACHE_CONTROL = "cache_control";

	private final JsonMapper mapper;

	AnthropicCacheBreakpoints(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The body with breakpoints on its stable prefix.
	 * @param body the written body
	 * @param cache the request's cache setting, which marks the prefix
	 * @return the new body
	 */
	byte[] mark(byte[] body, PromptCache cache) {
		ObjectNode root = (ObjectNode) this.mapper.readTree(body);
		int free = MAX_BREAKPOINTS - count(root);
		if (free <= 0) {
			return body;
		}
		// most valuable first: the end of the prefix, then the system prompt, then the tools
		List<ObjectNode> targets = new ArrayList<>(3);
		addIfPresent(targets, prefixEnd(root));
		addIfPresent(targets, lastBlock(root, "system"));
		JsonNode tools = root.get("tools");
		if (tools instanceof ArrayNode array && !array.isEmpty() && array.get(array.size() - 1) instanceof ObjectNode tool) {
			addIfPresent(targets, tool);
		}
		int marked = 0;
		for (ObjectNode target : targets) {
			if (marked == free) {
				break;
			}
			if (!target.has(CACHE_CONTROL)) {
				target.set(CACHE_CONTROL, cacheControl(cache.ttl()));
				marked++;
			}
		}
		return (marked == 0) ? body : this.mapper.writeValueAsBytes(root);
	}

	private static void addIfPresent(List<ObjectNode> targets, @Nullable ObjectNode block) {
		if (block != null) {
			targets.add(block);
		}
	}

	/** The last block of the message before the last, or null for a conversation of one message. */
	private @Nullable ObjectNode prefixEnd(ObjectNode root) {
		JsonNode messages = root.get("messages");
		if (!(messages instanceof ArrayNode array) || array.size() < 2
				|| !(array.get(array.size() - 2) instanceof ObjectNode message)) {
			return null;
		}
		return lastBlock(message, "content");
	}

	/**
	 * The last block of a content field that may take a breakpoint, a string turned into a text
	 * block; null when there is none (no field, an empty string, only thinking blocks).
	 */
	private @Nullable ObjectNode lastBlock(ObjectNode owner, String field) {
		JsonNode content = owner.get(field);
		if (content != null && content.isString()) {
			String text = content.asString();
			if (text.isEmpty()) {
				// the API rejects empty text blocks
				return null;
			}
			ArrayNode blocks = owner.putArray(field);
			ObjectNode block = blocks.addObject();
			block.put("type", "text");
			block.put("text", text);
			return block;
		}
		if (content instanceof ArrayNode blocks) {
			for (int i = blocks.size() - 1; i >= 0; i--) {
				// thinking blocks cannot be marked; the block before them caches the same prefix
				if (blocks.get(i) instanceof ObjectNode block && !isThinking(block)) {
					return block;
				}
			}
		}
		return null;
	}

	private static boolean isThinking(ObjectNode block) {
		JsonNode type = block.get("type");
		return type != null && (type.asString().equals("thinking") || type.asString().equals("redacted_thinking"));
	}

	private ObjectNode cacheControl(@Nullable Duration ttl) {
		ObjectNode control = this.mapper.createObjectNode();
		control.put("type", "ephemeral");
		if (ttl != null) {
			control.put("ttl", ttl.equals(Duration.ofHours(1)) ? "1h" : "5m");
		}
		return control;
	}

	/** The breakpoints already in the body: every {@code cache_control} field, at any depth. */
	static int count(JsonNode node) {
		int count = 0;
		if (node instanceof ObjectNode object) {
			for (var entry : object.properties()) {
				if (entry.getKey().equals(CACHE_CONTROL) && entry.getValue().isObject()) {
					count++;
				}
				else {
					count += count(entry.getValue());
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (JsonNode element : array) {
				count += count(element);
			}
		}
		return count;
	}

}
