package io.github.llmclient.sample.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The demo model's embeddings: deterministic vectors from a hashed bag of words, so that texts
 * sharing words really are close (cosine similarity) and texts sharing none are near 0 — no
 * meaning, only words: "a kitten naps" is no closer to "the cat sleeps" than to anything else,
 * as it would be with a real model.
 *
 * <p>
 * A text's words are lower-cased, stripped of a few stop words ("the", "is"…) and of plural
 * endings ("cats" counts as "cat"), and each is hashed to one of the vector's components with a
 * sign of +1 or -1 (feature hashing); the sum is normalised to length 1, as OpenAI's vectors are.
 * {@code dimensions} hashes into that many components rather than cutting a longer vector. Also
 * the request checks OpenAI makes, with its messages.
 */
final class DemoEmbeddings {

	/** The length of the demo model's vectors, and the most {@code dimensions} it accepts. */
	static final int DIMENSIONS = 256;

	/** The most inputs OpenAI accepts in one request. */
	static final int MAX_INPUTS = 2048;

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on",
			"at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "do", "does", "did",
			"what", "where", "which", "who", "how", "it", "its", "this", "that", "these", "those", "i", "you", "he",
			"she", "we", "they", "my", "your", "our", "their", "me", "us", "them", "so", "than", "then", "there");

	private static final String INVALID_INPUT = "'$.input' is invalid. Please check the API reference: "
			+ "https://platform.openai.com/docs/api-reference.";

	private DemoEmbeddings() {
	}

	/**
	 * The texts of a request's {@code input}, checked as OpenAI checks them.
	 * @param input a string or an array of strings
	 * @return the texts, in order
	 * @throws IllegalArgumentException with OpenAI's kind of message: no input, an empty string or
	 * array, something else than texts, more than {@value #MAX_INPUTS}
	 */
	static List<String> inputs(@Nullable JsonNode input) {
		if (input == null || input.isNull() || input.isMissingNode()) {
			throw new IllegalArgumentException("'input' is a required property");
		}
		if (input.isString()) {
			return List.of(text(input));
		}
		if (!input.isArray() || input.isEmpty()) {
			throw new IllegalArgumentException(INVALID_INPUT);
		}
		if (input.size() > MAX_INPUTS) {
			throw new IllegalArgumentException("'$.input' is invalid: at most " + MAX_INPUTS + " inputs are allowed "
					+ "per request, got " + input.size() + ".");
		}
		List<String> texts = new ArrayList<>(input.size());
		for (JsonNode item : input) {
			if (!item.isString()) {
				throw new IllegalArgumentException(INVALID_INPUT + " (The demo model reads texts only: 'input' must "
						+ "be a string or an array of strings, not token arrays.)");
			}
			texts.add(text(item));
		}
		return texts;
	}

	private static String text(JsonNode node) {
		String text = node.asString();
		if (text.isEmpty()) {
			throw new IllegalArgumentException(INVALID_INPUT);
		}
		return text;
	}

	/**
	 * Checks {@code encoding_format}.
	 * @param format the value sent, or null
	 * @return true for {@code base64}, false for {@code float} or none
	 * @throws IllegalArgumentException for another value
	 */
	static boolean base64(@Nullable String format) {
		if (format == null || format.equals("float")) {
			return false;
		}
		if (format.equals("base64")) {
			return true;
		}
		throw new IllegalArgumentException("Invalid value for 'encoding_format': '" + format
				+ "'. Supported values are: 'float' and 'base64'.");
	}

	/**
	 * Checks {@code dimensions}.
	 * @param dimensions the value sent, or null
	 * @return the vectors' length: the value, or {@value #DIMENSIONS} when none was sent
	 * @throws IllegalArgumentException for a value that is not an integer from 1 to
	 * {@value #DIMENSIONS}
	 */
	static int dimensions(@Nullable JsonNode dimensions) {
		if (dimensions == null || dimensions.isNull() || dimensions.isMissingNode()) {
			return DIMENSIONS;
		}
		if (!dimensions.isIntegralNumber() || !dimensions.canConvertToInt() || dimensions.asInt() < 1) {
			throw new IllegalArgumentException("Invalid value for 'dimensions': " + dimensions
					+ ". It must be an integer of at least 1.");
		}
		if (dimensions.asInt() > DIMENSIONS) {
			throw new IllegalArgumentException("Invalid value for 'dimensions': " + dimensions + ". This model's "
					+ "vectors have " + DIMENSIONS + " dimensions; it cannot make longer ones.");
		}
		return dimensions.asInt();
	}

	/**
	 * The vector of a text.
	 * @param text the text
	 * @param dimensions its length
	 * @return a vector of length 1
	 */
	static float[] vector(String text, int dimensions) {
		double[] sum = new double[dimensions];
		for (String word : words(text)) {
			int hash = fnv1a(word);
			sum[Integer.remainderUnsigned(mix(hash), dimensions)] += (mix(hash ^ 0x9e3779b9) >= 0) ? 1 : -1;
		}
		double norm = 0;
		for (double component : sum) {
			norm += component * component;
		}
		norm = Math.sqrt(norm);
		float[] vector = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (sum[i] / norm);
		}
		return vector;
	}

	/**
	 * The words a text's vector is made of: its content words, or all its words when it has only
	 * stop words, or the text itself when it has no word at all (punctuation, spaces), so that
	 * every text has a vector of length 1.
	 */
	static List<String> words(String text) {
		List<String> all = new ArrayList<>();
		List<String> content = new ArrayList<>();
		for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
			if (word.isEmpty()) {
				continue;
			}
			all.add(word);
			if (!STOP_WORDS.contains(word)) {
				content.add(singular(word));
			}
		}
		if (!content.isEmpty()) {
			return content;
		}
		return all.isEmpty() ? List.of(text.strip()) : all;
	}

	/** "cats" → "cat", "berries" → "berry", "boxes" → "box"; short words and "-ss", "-us", "-is" stay. */
	private static String singular(String word) {
		if (word.length() <= 3) {
			return word;
		}
		if (word.endsWith("ies")) {
			return word.substring(0, word.length() - 3) + "y";
		}
		if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")) {
			return word.substring(0, word.length() - 2);
		}
		if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
			return word.substring(0, word.length() - 1);
		}
		return word;
	}

	/**
	 * A rough count of a text's tokens, as the chat endpoint counts them: its words.
	 * @param text the text
	 * @return at least 1
	 */
	static int tokens(String text) {
		return Math.max(1, DemoAnswers.words(text));
	}

	/**
	 * The vector as OpenAI sends it for {@code encoding_format: "base64"}: its float32 values,
	 * little-endian, in base64.
	 * @param vector the vector
	 * @return the base64 text
	 */
	static String toBase64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			bytes.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	private static int fnv1a(String word) {
		int hash = 0x811c9dc5;
		for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x01000193;
		}
		return hash;
	}

	/** Murmur3's finaliser: spreads the hash's bits, so that the component and the sign are independent. */
	private static int mix(int hash) {
		int h = hash;
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}

}
