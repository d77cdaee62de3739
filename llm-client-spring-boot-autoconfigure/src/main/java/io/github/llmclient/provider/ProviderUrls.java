package io.github.llmclient.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.web.util.UriUtils;

/** Builds provider URLs from a configured base URL, keeping the base's own path and query. */
public final class ProviderUrls {

	private ProviderUrls() {
	}

	/**
	 * Appends a path to a base URL, keeping the base's own path and query.
	 * @param base the base URL, with or without a trailing slash
	 * @param path the relative path
	 * @return the joined URI
	 */
	public static URI resolve(URI base, String path) {
		String text = base.toString();
		String query = "";
		int q = text.indexOf('?');
		if (q >= 0) {
			query = text.substring(q);
			text = text.substring(0, q);
		}
		return URI.create((text.endsWith("/") ? text : text + "/") + path + query);
	}

	/**
	 * Adds a query parameter to a URI, after any it already has.
	 * @param uri the URI
	 * @param name the parameter's name (plain ASCII)
	 * @param value the parameter's value, encoded here
	 * @return the URI with the parameter
	 */
	public static URI withQueryParam(URI uri, String name, String value) {
		String text = uri.toString();
		char separator = (text.indexOf('?') >= 0) ? '&' : '?';
		return URI.create(text + separator + name + "=" + UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
	}

	/**
	 * Whether a base URL's path ends with the given segments, ignoring case and a trailing slash.
	 * @param base the base URL
	 * @param suffix the segments, e.g. {@code /openai/v1}
	 * @return true when the path ends with them
	 */
	public static boolean pathEndsWith(URI base, String suffix) {
		String path = base.getPath();
		if (path == null) {
			return false;
		}
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path.regionMatches(true, path.length() - suffix.length(), suffix, 0, suffix.length());
	}

	/**
	 * Encodes one path segment, such as an Azure deployment name.
	 * @param segment the raw segment
	 * @return the encoded segment
	 */
	public static String encodeSegment(String segment) {
		return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
	}

}
