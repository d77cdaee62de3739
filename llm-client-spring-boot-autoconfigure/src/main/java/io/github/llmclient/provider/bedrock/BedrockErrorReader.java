package io.github.llmclient.provider.bedrock;

import io.github.llmclient.provider.ErrorBodies;
import io.github.llmclient.provider.ProviderError;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * Reads Bedrock's errors: the code from {@code x-amzn-ErrorType} (before its {@code :}), else the
 * body's {@code __type} (after a {@code #}) or {@code code}; the message from {@code message} (or
 * {@code Message}). Bodies that are not JSON give their text.
 */
final class BedrockErrorReader {

	static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

	private final JsonMapper mapper;

	BedrockErrorReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ProviderError read(byte[] body, @Nullable HttpHeaders headers) {
		String type = (headers != null) ? typeOf(headers.getFirst(ERROR_TYPE_HEADER)) : null;
		String message = null;
		JsonNode root = json(body);
		if (root != null && root.isObject()) {
			message = text(root, "message");
			if (message == null) {
				message = text(root, "Message");
			}
			if (type == null) {
				String bodyType = text(root, "__type");
				type = (bodyType != null) ? typeOf(bodyType.substring(bodyType.lastIndexOf('#') + 1))
						: text(root, "code");
			}
		}
		else if (body.length > 0) {
			return new ProviderError(ErrorBodies.read(this.mapper, body).message(), type);
		}
		return new ProviderError(message, type);
	}

	/** {@code ThrottlingException:http://internal.amazon.com/coral/…} → {@code ThrottlingException}. */
	static @Nullable String typeOf(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		int colon = value.indexOf(':');
		return ((colon >= 0) ? value.substring(0, colon) : value).strip();
	}

	private @Nullable JsonNode json(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
