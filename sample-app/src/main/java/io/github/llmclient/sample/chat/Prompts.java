package io.github.llmclient.sample.chat;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The rules every endpoint applies to the text and model it is given, with the same messages. */
public final class Prompts {

	/** Longest prompt accepted, a guard against accidental pastes of whole documents. */
	public static final int MAX_LENGTH = 4000;

	private Prompts() {
	}

	/**
	 * Checks a prompt.
	 * @param text the text
	 * @param what what it is, for the message: {@code "prompt"}, {@code "text"}…
	 * @return the text
	 * @throws ResponseStatusException 400 for a blank text or one longer than {@link #MAX_LENGTH}
	 */
	public static String require(@Nullable String text, String what) {
		if (text == null || text.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The " + what + " must not be blank");
		}
		if (text.length() > MAX_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The " + what + " is longer than " + MAX_LENGTH + " characters");
		}
		return text;
	}

	/**
	 * The model to ask.
	 * @param model the model given, or null
	 * @return it stripped, or null for {@code llm.model} when none was given
	 */
	public static @Nullable String model(@Nullable String model) {
		return (model == null || model.isBlank()) ? null : model.strip();
	}

}
