package io.github.llmclient.sample.image;

import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ContentPart;
import io.github.llmclient.sample.chat.Prompts;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/describe-image}: a prompt with an image. Upload one ({@code multipart/form-data}
 * with an {@code image} file part and optional {@code prompt} and {@code model} fields), sent as
 * {@code ContentPart.image(bytes, mediaType)}; or give its URL (JSON {@code {"url", "prompt",
 * "model"}}), sent as {@code ContentPart.imageUrl(url)}. Answers the whole {@link ChatResponse},
 * like {@code POST /api/chat}.
 */
@RestController
@RequestMapping("/api")
public class ImageController {

	/** The question asked when none is given. */
	public static final String DEFAULT_PROMPT = "What is in this image?";

	/** Largest image accepted: providers take about 20 MB, a demo needs far less. */
	static final int MAX_IMAGE_BYTES = 4 * 1024 * 1024;

	private final LlmTemplate llm;

	/**
	 * Creates the controller.
	 * @param llm the starter's auto-configured template
	 */
	public ImageController(LlmTemplate llm) {
		this.llm = llm;
	}

	/**
	 * Describes an uploaded image.
	 * @param image the file part, of an {@code image/*} type
	 * @param prompt the question, or null for {@value #DEFAULT_PROMPT}
	 * @param model the model, or null for {@code llm.model}
	 * @return the answer
	 */
	@PostMapping(path = "/describe-image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	public Mono<ChatResponse> describeUpload(@RequestPart("image") FilePart image,
			@RequestPart(name = "prompt", required = false) @Nullable String prompt,
			@RequestPart(name = "model", required = false) @Nullable String model) {
		MediaType type = image.headers().getContentType();
		if (type == null || !"image".equals(type.getType()) || type.isWildcardSubtype()) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"The image part must be an image (image/png, image/jpeg…), was " + type);
		}
		String question = question(prompt);
		return DataBufferUtils.join(image.content(), MAX_IMAGE_BYTES)
			.onErrorMap(DataBufferLimitException.class, (ex) -> new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
					"The image is larger than " + MAX_IMAGE_BYTES + " bytes"))
			.map(ImageController::bytesOf)
			.flatMap((bytes) -> this.llm.chat(ChatRequest.builder()
				.model(Prompts.model(model))
				.user(ContentPart.text(question), ContentPart.image(bytes, type.getType() + "/" + type.getSubtype()))
				.build()));
	}

	/**
	 * Describes the image at a URL.
	 * @param body the URL, the question and the model
	 * @return the answer
	 */
	@PostMapping(path = "/describe-image", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<ChatResponse> describeUrl(@RequestBody ImageUrlRequest body) {
		String url = body.url();
		if (url == null || url.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The url must not be blank");
		}
		ContentPart.ImageUrl image;
		try {
			image = ContentPart.imageUrl(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		return this.llm.chat(ChatRequest.builder()
			.model(Prompts.model(body.model()))
			.user(ContentPart.text(question(body.prompt())), image)
			.build());
	}

	private static String question(@Nullable String prompt) {
		return (prompt == null || prompt.isBlank()) ? DEFAULT_PROMPT : Prompts.require(prompt, "prompt");
	}

	private static byte[] bytesOf(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			if (bytes.length == 0) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The image part is empty");
			}
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
