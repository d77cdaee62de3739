package io.github.llmclient.provider.gemini;

import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.json.JsonScanner;
import org.jspecify.annotations.Nullable;

/**
 * Reads Gemini's usual stream event into a {@link GeminiTextEvent} in one pass over its bytes, or
 * gives up: one candidate holding only {@code content} (plain {@code text} parts, optionally
 * {@code thought}, and {@code role}) and {@code index}, with {@code usageMetadata},
 * {@code modelVersion}, {@code responseId} and fields passed over beside it. Anything else (a
 * finish reason, a signature, a call, an error, a blocked prompt, two candidates, a repeated name
 * of those read, a value of another type, a count that is not a natural {@code int} of up to nine
 * digits, whatever {@link JsonScanner} does not take, malformed JSON) gives up, and the stream
 * mapper reads the same bytes as a tree, which then gives the answer or the error exactly as
 * before.
 *
 * <p>
 * Why by hand: this event comes once per few tokens, and Jackson's streaming parser spent about
 * 1 µs on its ~35 tokens, most of the Gemini stream's CPU per chunk (S2 in BENCHMARKS.md); the
 * scanner that reads OpenAI's chunks does the same work in a fraction of that.
 *
 * <p>
 * The event around the parts, and the reuse of the previous event's tail after
 * {@link #USUAL_START} and the parts, are {@link GeminiTailScanner}'s.
 */
final class GeminiTextScanner extends GeminiTailScanner {

	/** How the usual event starts, up to its first part. */
	static final byte[] USUAL_START = ascii("{\"candidates\":[{\"content\":{\"parts\":[");

	private static final byte[] TEXT = ascii("text");

	private static final byte[] THOUGHT = ascii("thought");

	/** A scanner kept by {@code event} and reading into it, event after event. */
	GeminiTextScanner(GeminiTextEvent event) {
		super(event);
	}

	/**
	 * Reads an event into {@code event}, whose fields are cleared first.
	 * @return false when the scanner gave up: read the bytes as a tree instead
	 */
	boolean read(byte[] bytes, int offset, int length, @Nullable String knownId, @Nullable String knownModel,
			@Nullable Usage knownUsage) {
		this.event.clear();
		start(bytes, offset, length, knownId, knownModel, knownUsage);
		try {
			root();
			return true;
		}
		catch (GiveUp ex) {
			return false;
		}
	}

	private void root() {
		skipWhitespace();
		if (skipLiteral(USUAL_START)) {
			// the usual start: inside the first candidate's content, at the parts' first element
			parts();
			tail();
			return;
		}
		expect('{');
		fields(false, firstName());
	}


	/** The parts from just after their {@code '['} to the end of the array: objects only. */
	@Override
	void parts() {
		if (!firstElement()) {
			return;
		}
		do {
			if (!enterObject()) {
				throw GIVE_UP;
			}
			part();
		}
		while (nextElement());
	}

	/** A part of only {@code text} (a string) and, optionally, {@code thought} (a boolean). */
	private void part() {
		String text = null;
		Boolean thought = null;
		boolean thoughtFirst = false;
		boolean named = firstName();
		while (named) {
			if (nameIs(TEXT) && text == null) {
				text = string(null);
			}
			else if (nameIs(THOUGHT) && thought == null) {
				thought = bool();
				thoughtFirst = text == null;
			}
			else {
				// a signature, a function call, inline data, a repeated name…: the tree's
				throw GIVE_UP;
			}
			named = nextName();
		}
		if (text == null) {
			throw GIVE_UP;
		}
		this.event.texts.add(text);
		this.event.thoughts.add(thought);
		this.event.thoughtFirst.add(thoughtFirst);
	}


}
