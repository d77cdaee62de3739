package io.github.llmclient.provider.bedrock;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Bedrock's URLs. A model id may hold {@code :} (versions) and {@code /} (inference-profile
 * ARNs): it is encoded once as one path segment, every byte but RFC 3986's unreserved ones
 * percent-encoded, as AWS's SDKs do, and the resulting {@link URI} is sent exactly as it was
 * signed (a {@code java.net.URI} is never re-encoded by the WebClient; {@code %253A} would break
 * the signature).
 */
final class BedrockPaths {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private BedrockPaths() {
	}

	/** {@code {base}/model/{modelId}/{action}}, the model id encoded once. */
	static URI model(URI baseUrl, String modelId, String action) {
		return URI.create(trimmed(baseUrl) + "/model/" + encodeSegment(modelId) + "/" + action);
	}

	/** The base URL without a trailing slash (and without a query, which Bedrock has none of). */
	static String trimmed(URI baseUrl) {
		String text = baseUrl.toString();
		int q = text.indexOf('?');
		if (q >= 0) {
			text = text.substring(0, q);
		}
		return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	/** Percent-encodes every byte of the UTF-8 text but {@code A-Z a-z 0-9 - _ . ~}. */
	static String encodeSegment(String segment) {
		byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
		StringBuilder encoded = new StringBuilder(bytes.length + 8);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return encoded.toString();
	}

	/** The model id of a {@code /model/{id}/…} URI, decoded, or null. */
	static @Nullable String modelOf(URI uri) {
		String path = uri.getRawPath();
		int start = (path != null) ? path.lastIndexOf("/model/") : -1;
		if (start < 0) {
			return null;
		}
		start += "/model/".length();
		int end = path.indexOf('/', start);
		String raw = (end < 0) ? path.substring(start) : path.substring(start, end);
		return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
