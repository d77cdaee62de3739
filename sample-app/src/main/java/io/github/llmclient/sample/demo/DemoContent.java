package io.github.llmclient.sample.demo;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.sample.demo.DemoWire.InMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A message's {@code content} as OpenAI sends it: a string, an array of parts
 * ({@code {type: "text", text}} and, in user messages, {@code {type: "image_url", image_url: {url}}}),
 * or null for an assistant turn that only calls tools.
 */
final class DemoContent {

	private DemoContent() {
	}

	/**
	 * Checks a message's content.
	 * @param message the message
	 * @param index its place in the request
	 * @throws IllegalArgumentException for content OpenAI would reject
	 */
	static void check(InMessage message, int index) {
		JsonNode content = message.content();
		String where = "messages[" + index + "].content";
		if (content == null || content.isNull()) {
			if (!"assistant".equals(message.role())) {
				throw new IllegalArgumentException("Invalid value for '" + where + "': a " + message.role()
						+ " message needs content.");
			}
			return;
		}
		if (content.isString()) {
			return;
		}
		if (!content.isArray()) {
			throw new IllegalArgumentException("Invalid type for '" + where + "': expected a string or an array of "
					+ "content parts.");
		}
		for (int i = 0; i < content.size(); i++) {
			checkPart(content.get(i), where + "[" + i + "]", "user".equals(message.role()));
		}
	}

	private static void checkPart(JsonNode part, String where, boolean imagesAllowed) {
		String type = part.path("type").asString("");
		if (type.equals("text")) {
			if (!part.path("text").isString()) {
				throw new IllegalArgumentException("Missing required parameter: '" + where + ".text'.");
			}
			return;
		}
		if (type.equals("image_url") && imagesAllowed) {
			JsonNode url = part.path("image_url").path("url");
			if (!url.isString()) {
				throw new IllegalArgumentException("Missing required parameter: '" + where + ".image_url.url'.");
			}
			DemoImages.check(url.asString(), where + ".image_url.url");
			return;
		}
		throw new IllegalArgumentException("Invalid value for '" + where + ".type': '" + type + "'. Supported values "
				+ (imagesAllowed ? "are: 'text' and 'image_url'." : "in this message are: 'text'."));
	}

	/**
	 * The text of a content.
	 * @param content the content, or null
	 * @return a string content, or the text parts joined with spaces; {@code ""} for none
	 */
	static String text(@Nullable JsonNode content) {
		if (content == null || content.isNull()) {
			return "";
		}
		if (content.isString()) {
			return content.asString();
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode part : content) {
			if ("text".equals(part.path("type").asString(""))) {
				texts.add(part.path("text").asString(""));
			}
		}
		return String.join(" ", texts);
	}

	/**
	 * The image URLs of a content.
	 * @param content the content, or null
	 * @return the {@code image_url} parts' URLs, in order
	 */
	static List<String> imageUrls(@Nullable JsonNode content) {
		List<String> urls = new ArrayList<>();
		if (content != null && content.isArray()) {
			for (JsonNode part : content) {
				if ("image_url".equals(part.path("type").asString(""))) {
					urls.add(part.path("image_url").path("url").asString(""));
				}
			}
		}
		return urls;
	}

}
