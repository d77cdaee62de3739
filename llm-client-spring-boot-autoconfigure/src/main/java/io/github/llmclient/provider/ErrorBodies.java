package io.github.llmclient.provider;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads error bodies leniently. Providers and compatible servers disagree on the shape:
 * {@code {"error":{"message","type","code"}}} (OpenAI, Anthropic inside a wrapper),
 * {@code {"error":"text"}} (some proxies), {@code {"message","type"}} (vLLM), {@code {"detail"}}
 * (FastAPI servers) or plain text.
 */
public final class ErrorBodies {

	private static final int MAX_TEXT = 500;

	private ErrorBodies() {
	}

	/**
	 * Reads what a body says about an error.
	 * @param mapper the mapper to parse JSON with
	 * @param body the body, possibly empty or not JSON
	 * @return the message and type found
	 */
	public static ProviderError read(JsonMapper mapper, byte[] body) {
		if (body.length == 0) {
			return ProviderError.NONE;
		}
		try {
			JsonNode root = mapper.readTree(body);
			if (root.isObject()) {
				return fromObject(root);
			}
		}
		catch (RuntimeException ex) {
			// not JSON: fall back to the text
		}
		String text = new String(body, StandardCharsets.UTF_8).strip();
		return new ProviderError(text.isEmpty() ? null : abbreviate(text), null);
	}

	/**
	 * Reads an error object such as OpenAI's in-stream {@code {"error":{...}}}.
	 * @param root the JSON object holding the error
	 * @return the message and type found
	 */
	public static ProviderError fromObject(JsonNode root) {
		JsonNode error = root.path("error");
		if (error.isObject()) {
			return new ProviderError(text(error.path("message")), typeOf(error));
		}
		if (error.isString()) {
			return new ProviderError(abbreviate(error.stringValue()), text(root.path("type")));
		}
		String message = text(root.path("message"));
		if (message == null) {
			message = text(root.path("detail"));
		}
		return new ProviderError(message, typeOf(root));
	}

	private static @Nullable String typeOf(JsonNode node) {
		String type = text(node.path("type"));
		if (type == null || "error".equals(type)) {
			String code = text(node.path("code"));
			return (code != null) ? code : type;
		}
		return type;
	}

	private static @Nullable String text(JsonNode node) {
		if (node.isString()) {
			String value = node.stringValue();
			return value.isEmpty() ? null : abbreviate(value);
		}
		if (node.isNumber()) {
			return node.asString();
		}
		if (node.isObject() || node.isArray()) {
			return abbreviate(node.toString());
		}
		return null;
	}

	private static String abbreviate(String text) {
		return (text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT) + "…";
	}

}
