package io.github.llmclient.provider.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.llmclient.chat.ChatMessage;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code content} of request messages: a plain string for a text message, as before content
 * parts existed, and otherwise content blocks ({@code text}, {@code image}, {@code tool_use},
 * {@code tool_result}, and replayed {@code thinking} and {@code redacted_thinking}).
 */
final class AnthropicContentBlocks {

	private static final String DATA = "data:";

	private final JsonMapper mapper;

	AnthropicContentBlocks(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** A user message's content: one text part stays a plain string; anything else is blocks. */
	Object user(ChatMessage message) {
		if (message.parts().size() == 1 && message.parts().get(0) instanceof ContentPart.Text text) {
			return text.text();
		}
		return parts(message);
	}

	/** A message's parts as blocks; empty text parts are left out: the API rejects empty text blocks. */
	List<Object> parts(ChatMessage message) {
		List<Object> blocks = new ArrayList<>(message.parts().size());
		for (ContentPart part : message.parts()) {
			if (!(part instanceof ContentPart.Text text) || !text.text().isEmpty()) {
				blocks.add(part(part));
			}
		}
		return blocks;
	}

	private static Object part(ContentPart part) {
		if (part instanceof ContentPart.Text text) {
			return new TextBlock("text", text.text());
		}
		if (part instanceof ContentPart.Image image) {
			return new ImageBlock("image",
					new ImageSource("base64", mediaType(image.mediaType()), image.base64(), null));
		}
		ContentPart.ImageUrl url = (ContentPart.ImageUrl) part;
		return new ImageBlock("image",
				url.isDataUrl() ? dataUrlSource(url.url()) : new ImageSource("url", null, null, url.url()));
	}

	/** A {@code data:<media type>;base64,<data>} URL as a base64 source: Anthropic takes no data URLs. */
	private static ImageSource dataUrlSource(String url) {
		int comma = url.indexOf(',');
		String[] meta = url.substring(DATA.length(), Math.max(comma, DATA.length())).split(";", -1);
		String mediaType = mediaType(meta[0]);
		boolean base64 = meta[meta.length - 1].trim().toLowerCase(Locale.ROOT).equals("base64");
		if (comma < 0 || !base64 || mediaType.isEmpty()) {
			throw new IllegalArgumentException("Anthropic takes an inline image as data:<media type>;base64,<data>"
					+ " (or use ContentPart.image(bytes, mediaType)), not " + new ContentPart.ImageUrl(url));
		}
		return new ImageSource("base64", mediaType, url.substring(comma + 1), null);
	}

	/**
	 * A media type as the API takes it: media types are case-insensitive (RFC 2045), but the API
	 * accepts only the lower-case {@code image/png}, {@code image/jpeg}, {@code image/gif} and
	 * {@code image/webp}.
	 */
	private static String mediaType(String mediaType) {
		return mediaType.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * An assistant message's content: its text, or with tool calls or Anthropic replay data, blocks:
	 * the replayed {@code thinking} and {@code redacted_thinking} blocks first, exactly as stored
	 * (the API checks their signatures and wants them before the turn's text and tool calls), then
	 * a text block (if any) and the calls. Another format's replay data is not for this API.
	 */
	Object assistant(ChatMessage message) {
		ReplayData replay = message.replay();
		List<JsonNode> replayed = (replay != null && replay.isFor(ReplayData.ANTHROPIC))
				? AnthropicReplay.blocks(this.mapper, replay) : List.of();
		if (message.toolCalls().isEmpty() && replayed.isEmpty()) {
			return message.content();
		}
		List<Object> blocks = new ArrayList<>(replayed.size() + message.toolCalls().size() + 1);
		blocks.addAll(replayed);
		if (!message.content().isEmpty()) {
			// the API rejects empty text blocks
			blocks.add(new TextBlock("text", message.content()));
		}
		for (ToolCall call : message.toolCalls()) {
			blocks.add(new ToolUseBlock("tool_use", call.id(), call.name(), input(call)));
		}
		return blocks;
	}

	/**
	 * A tool message as the {@code tool_result} block it becomes in a user message. An empty
	 * result is sent without {@code content} (which the block may omit): the API rejects an empty
	 * one.
	 */
	Object toolResult(ChatMessage message) {
		String result = message.content();
		return new ToolResultBlock("tool_result", message.toolCallId(), result.isEmpty() ? null : result);
	}

	/**
	 * A replayed call's input, which Anthropic takes as a JSON object, not text. Arguments that
	 * are empty or not an object (a call cut off by {@code max_tokens}, a no-argument call from
	 * another provider) are sent as {@code {}}: the API rejects anything else with a 400, and the
	 * whole conversation could then never be sent again.
	 */
	private JsonNode input(ToolCall call) {
		if (!call.arguments().isBlank()) {
			try {
				JsonNode arguments = this.mapper.readTree(call.arguments());
				if (arguments != null && arguments.isObject()) {
					return arguments;
				}
			}
			catch (JacksonException ex) {
				// sent as {}, see above
			}
		}
		return this.mapper.createObjectNode();
	}

	record TextBlock(String type, String text) {
	}

	record ImageBlock(String type, ImageSource source) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ImageSource(String type, @JsonProperty("media_type") @Nullable String mediaType, @Nullable String data,
			@Nullable String url) {
	}

	record ToolUseBlock(String type, String id, String name, JsonNode input) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ToolResultBlock(String type, @JsonProperty("tool_use_id") @Nullable String toolUseId,
			@Nullable String content) {
	}

}
