package io.github.llmclient.sample.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.jspecify.annotations.Nullable;

/**
 * What the demo model can say about an image without seeing it: for a {@code data:} URL, the
 * declared media type, the decoded byte count, the format its bytes really have and its size in
 * pixels (read from the header with {@link ImageIO}, nothing decoded); for an {@code http(s):} URL,
 * only the URL, since the demo model is offline and fetches nothing.
 */
final class DemoImages {

	private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+)((?:;[^;,]*)*);base64,(.*)",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private DemoImages() {
	}

	/**
	 * Checks an image URL as OpenAI does.
	 * @param url the URL
	 * @param where the parameter's name, for the message
	 * @throws IllegalArgumentException for another scheme, or a {@code data:} URL that is not
	 * base64 of an {@code image/*} type
	 */
	static void check(String url, String where) {
		String lower = url.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			return;
		}
		Matcher data = DATA_URL.matcher(url);
		if (!data.matches() || !data.group(1).toLowerCase(Locale.ROOT).startsWith("image/")
				|| decode(data.group(3)) == null) {
			throw new IllegalArgumentException("Invalid '" + where + "'. Expected a valid URL or a base64-encoded "
					+ "data URL with an image MIME type (data:image/png;base64,...).");
		}
	}

	/**
	 * Describes the images of a message.
	 * @param urls the images' URLs, checked
	 * @return one sentence, e.g. {@code You sent one image: a 3×2 PNG image (image/png, 77 bytes).}
	 */
	static String describe(List<String> urls) {
		List<String> descriptions = new ArrayList<>();
		for (String url : urls) {
			descriptions.add(describe(url));
		}
		String count = (urls.size() == 1) ? "one image" : urls.size() + " images";
		return "You sent " + count + ": " + String.join("; ", descriptions) + ".";
	}

	private static String describe(String url) {
		Matcher data = DATA_URL.matcher(url);
		if (!data.matches()) {
			return "an image at " + url + ", which I do not fetch: I am offline";
		}
		String declared = data.group(1).toLowerCase(Locale.ROOT);
		byte[] bytes = decode(data.group(3));
		int length = (bytes != null) ? bytes.length : 0;
		Header header = (bytes != null) ? header(bytes) : null;
		if (header == null) {
			return length + " bytes declared as " + declared + " that I could not read as an image";
		}
		String mismatch = header.mediaType().equals(declared) ? ""
				: ", though it was declared as " + declared;
		return "a " + header.width() + "×" + header.height() + " " + header.format() + " image (" + header.mediaType()
				+ ", " + length + " bytes" + mismatch + ")";
	}

	private static byte @Nullable [] decode(String base64) {
		try {
			byte[] bytes = Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
			return (bytes.length > 0) ? bytes : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Reads the format and size from the image's header, without decoding its pixels. */
	private static @Nullable Header header(byte[] bytes) {
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				String format = reader.getFormatName().toUpperCase(Locale.ROOT);
				String[] types = reader.getOriginatingProvider().getMIMETypes();
				String mediaType = (types != null && types.length > 0) ? types[0]
						: "image/" + format.toLowerCase(Locale.ROOT);
				return new Header(format.equals("JPG") ? "JPEG" : format, mediaType, reader.getWidth(0),
						reader.getHeight(0));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private record Header(String format, String mediaType, int width, int height) {

	}

}
