package io.github.llmclient.chat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One part of a message's content: text, or an image given by URL or by its bytes.
 *
 * <pre class="code">
 * ChatRequest request = ChatRequest.builder()
 *     .user(ContentPart.text("What is on this screenshot?"), ContentPart.image(png, "image/png"))
 *     .build();
 * </pre>
 * <p>
 * Written as JSON (to store a conversation) each part names its kind in a {@code type} property:
 * {@code text}, {@code image_url} or {@code image} (its bytes base64).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ContentPart.Text.class, name = "text"),
		@JsonSubTypes.Type(value = ContentPart.ImageUrl.class, name = "image_url"),
		@JsonSubTypes.Type(value = ContentPart.Image.class, name = "image") })
public sealed interface ContentPart permits ContentPart.Text, ContentPart.ImageUrl, ContentPart.Image {

	/**
	 * A text part.
	 * @param text the text
	 * @return the part
	 */
	static Text text(String text) {
		return new Text(text);
	}

	/**
	 * An image the provider fetches or decodes from a URL.
	 * @param url an {@code http:}, {@code https:} or {@code data:} URL
	 * @return the part
	 * @throws IllegalArgumentException for another scheme
	 */
	static ImageUrl imageUrl(String url) {
		return new ImageUrl(url);
	}

	/**
	 * An image sent inline, base64-encoded.
	 * @param bytes the image's bytes (copied)
	 * @param mediaType its media type, e.g. {@code image/png}
	 * @return the part
	 */
	static Image image(byte[] bytes, String mediaType) {
		return new Image(bytes, mediaType);
	}

	/**
	 * A text part.
	 *
	 * @param text the text
	 */
	record Text(String text) implements ContentPart {

		public Text {
			Objects.requireNonNull(text, "text must not be null");
		}

	}

	/**
	 * An image given by URL.
	 *
	 * @param url an {@code http:}, {@code https:} or {@code data:} URL
	 */
	record ImageUrl(String url) implements ContentPart {

		public ImageUrl {
			Objects.requireNonNull(url, "url must not be null");
			String lower = url.toLowerCase(Locale.ROOT);
			if (!lower.startsWith("http://") && !lower.startsWith("https://") && !lower.startsWith("data:")) {
				throw new IllegalArgumentException("An image URL must be an http(s): or data: URL, was '"
						+ ((url.length() > 40) ? url.substring(0, 40) + "…" : url) + "'");
			}
		}

		/**
		 * Whether this is a {@code data:} URL (an inline image).
		 * @return true for {@code data:}
		 */
		@JsonIgnore
		public boolean isDataUrl() {
			return this.url.regionMatches(true, 0, "data:", 0, 5);
		}

		@Override
		public String toString() {
			return isDataUrl() ? "ImageUrl[data:… (" + this.url.length() + " chars)]" : "ImageUrl[" + this.url + "]";
		}

	}

	/**
	 * An image sent inline.
	 *
	 * @param bytes the image's bytes
	 * @param mediaType its media type, e.g. {@code image/png}
	 */
	record Image(byte[] bytes, String mediaType) implements ContentPart {

		public Image {
			Objects.requireNonNull(bytes, "bytes must not be null");
			Objects.requireNonNull(mediaType, "mediaType must not be null");
			if (bytes.length == 0) {
				throw new IllegalArgumentException("An image needs at least one byte");
			}
			if (!mediaType.contains("/")) {
				throw new IllegalArgumentException("An image's media type looks like image/png, was '" + mediaType + "'");
			}
			bytes = bytes.clone();
		}

		/**
		 * The image's bytes.
		 * @return a copy
		 */
		@Override
		public byte[] bytes() {
			return this.bytes.clone();
		}

		/**
		 * The bytes, base64-encoded.
		 * @return the base64 text
		 */
		public String base64() {
			return Base64.getEncoder().encodeToString(this.bytes);
		}

		/**
		 * The image as a {@code data:} URL.
		 * @return {@code data:<media type>;base64,<bytes>}
		 */
		public String dataUrl() {
			return "data:" + this.mediaType + ";base64," + base64();
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof Image image) && this.mediaType.equals(image.mediaType)
					&& Arrays.equals(this.bytes, image.bytes);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.bytes) + this.mediaType.hashCode();
		}

		@Override
		public String toString() {
			return "Image[" + this.mediaType + ", " + this.bytes.length + " bytes]";
		}

	}

}
