package io.github.llmclient.provider.bedrock;

import java.util.Base64;
import java.util.Locale;

import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the content blocks of Converse messages: {@code text}, {@code image} (bytes only),
 * {@code toolUse}, {@code toolResult}, replayed {@code reasoningContent} and {@code cachePoint}.
 */
final class BedrockContent {

	private static final String DATA = "data:";

	private final JsonMapper mapper;

	BedrockContent(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** A user message's parts: text and image blocks. */
	void user(ChatMessage message, ArrayNode content) {
		for (ContentPart part : message.parts()) {
			if (part instanceof ContentPart.Text text) {
				if (!text.text().isEmpty()) {
					content.addObject().put("text", text.text());
				}
			}
			else if (part instanceof ContentPart.Image image) {
				image(content, image.mediaType(), image.base64());
			}
			else if (part instanceof ContentPart.ImageUrl url) {
				imageUrl(content, url);
			}
		}
	}

	/**
	 * An assistant turn replayed: its Bedrock reasoning blocks first (as received, signatures
	 * included; another format's replay data is ignored), then its text, then its tool calls.
	 */
	void assistant(ChatMessage message, ArrayNode content) {
		ReplayData replay = message.replay();
		if (replay != null && replay.isFor(ReplayData.BEDROCK)) {
			JsonNode blocks = this.mapper.readTree(replay.data());
			for (JsonNode block : blocks) {
				content.add(block);
			}
		}
		String text = message.content();
		if (!text.isEmpty()) {
			content.addObject().put("text", text);
		}
		for (ToolCall call : message.toolCalls()) {
			ObjectNode toolUse = content.addObject().putObject("toolUse");
			toolUse.put("toolUseId", call.id());
			toolUse.put("name", call.name());
			toolUse.set("input", input(call));
		}
	}

	/** A tool's result: JSON when it is a JSON object or array, text otherwise. */
	void toolResult(ChatMessage message, ArrayNode content) {
		ObjectNode result = content.addObject().putObject("toolResult");
		result.put("toolUseId", message.toolCallId());
		ArrayNode parts = result.putArray("content");
		String text = message.content();
		JsonNode json = jsonContainer(text);
		if (json != null) {
			parts.addObject().set("json", json);
		}
		else {
			parts.addObject().put("text", text);
		}
	}

	/** Appends a cache checkpoint: everything before it is the cached prefix. */
	static void cachePoint(ArrayNode content) {
		content.addObject().putObject("cachePoint").put("type", "default");
	}

	private JsonNode input(ToolCall call) {
		String arguments = call.arguments().strip();
		if (arguments.isEmpty()) {
			return this.mapper.createObjectNode();
		}
		JsonNode input = this.mapper.readTree(arguments);
		if (!input.isObject()) {
			throw new IllegalArgumentException("Bedrock takes a tool call's input as a JSON object, not "
					+ arguments.substring(0, Math.min(50, arguments.length())) + " (call " + call.id() + ")");
		}
		return input;
	}

	private @Nullable JsonNode jsonContainer(String text) {
		String trimmed = text.strip();
		if (trimmed.isEmpty() || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
			return null;
		}
		try {
			JsonNode node = this.mapper.readTree(trimmed);
			return (node.isObject() || node.isArray()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static void image(ArrayNode content, String mediaType, String base64) {
		ObjectNode image = content.addObject().putObject("image");
		image.put("format", format(mediaType));
		image.putObject("source").put("bytes", base64);
	}

	/** A {@code data:} URL is bytes; any other URL is refused: Bedrock takes images as bytes only. */
	private static void imageUrl(ArrayNode content, ContentPart.ImageUrl url) {
		String text = url.url();
		if (!url.isDataUrl()) {
			throw new IllegalArgumentException("Bedrock takes images as bytes, not URLs: download the image and "
					+ "pass ContentPart.image(bytes, mediaType) instead of " + url);
		}
		int comma = text.indexOf(',');
		String meta = (comma > 0) ? text.substring(DATA.length(), comma) : "";
		if (comma < 0 || !meta.endsWith(";base64")) {
			throw new IllegalArgumentException("Bedrock takes an inline image as data:<media type>;base64,<data>, not "
					+ url);
		}
		String data = text.substring(comma + 1);
		// checked here so that a bad URL fails before sending, not as Bedrock's validation error
		Base64.getDecoder().decode(data);
		image(content, meta.substring(0, meta.length() - ";base64".length()), data);
	}

	/** Bedrock's image formats: png, jpeg, gif, webp. */
	static String format(String mediaType) {
		String type = mediaType.strip().toLowerCase(Locale.ROOT);
		return switch (type) {
			case "image/png" -> "png";
			case "image/jpeg", "image/jpg" -> "jpeg";
			case "image/gif" -> "gif";
			case "image/webp" -> "webp";
			default -> throw new IllegalArgumentException(
					"Bedrock takes png, jpeg, gif or webp images, not " + mediaType);
		};
	}

}
