package io.github.llmclient.provider.gemini;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The media type of a file URL, from its extension: Gemini's {@code fileData} must name one, and
 * a URL gives no other hint before anything is sent.
 */
final class GeminiMediaTypes {

	private static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("png", "image/png"),
			Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("webp", "image/webp"),
			Map.entry("gif", "image/gif"), Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"),
			Map.entry("pdf", "application/pdf"), Map.entry("mp4", "video/mp4"), Map.entry("mp3", "audio/mpeg"),
			Map.entry("wav", "audio/wav"), Map.entry("txt", "text/plain"));

	private GeminiMediaTypes() {
	}

	/**
	 * The media type of a URL's file.
	 * @param url an http(s) or gs URL
	 * @return the media type
	 * @throws IllegalArgumentException when the extension is missing or unknown
	 */
	static String of(String url) {
		String path;
		try {
			path = URI.create(url).getPath();
		}
		catch (IllegalArgumentException ex) {
			path = url;
		}
		String name = (path != null) ? path.substring(path.lastIndexOf('/') + 1) : "";
		int dot = name.lastIndexOf('.');
		String type = (dot >= 0) ? BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)) : null;
		if (type == null) {
			throw new IllegalArgumentException("Gemini needs the media type of an image URL, and '" + abbreviate(url)
					+ "' has no known extension (" + String.join(", ", BY_EXTENSION.keySet().stream().sorted().toList())
					+ "): send the bytes with ContentPart.image(bytes, mediaType) or a data: URL instead");
		}
		return type;
	}

	private static String abbreviate(String url) {
		return (url.length() > 80) ? url.substring(0, 80) + "…" : url;
	}

}
