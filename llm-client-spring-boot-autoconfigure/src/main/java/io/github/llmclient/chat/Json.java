package io.github.llmclient.chat;

import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON the value types read themselves: schemas to check, tool arguments and typed answers. */
final class Json {

	/** Lenient about extra properties a model adds; strict about types. */
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** The provider is filled in by the template that made the call; a bare value type has none. */
	static final String UNKNOWN_PROVIDER = "unknown";

	private static final int QUOTE_LIMIT = 200;

	private Json() {
	}

	/** The text, checked to be one JSON object. */
	static String requireObject(String json, String what) {
		if (json == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		JsonNode node;
		try {
			node = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(what + " must be a JSON object, was: " + quote(json));
		}
		return json;
	}

	/**
	 * Reads JSON text as a type; any mismatch is an {@link LlmException} naming the type, and
	 * saying that the answer was cut off at the token limit when it was. A cut-off answer must
	 * have every property of a record (or other creator): the strict schemas ask for all of them,
	 * so one that lacks some was cut off while it was written.
	 */
	static <T> T read(String json, Class<T> type, String what, boolean cutOff) {
		try {
			// a cut-off answer is read strictly: a non-streamed Anthropic tool input is always an
			// object, so one cut off may arrive closed, lacking the properties never written, which
			// would otherwise read as nulls
			T value = cutOff ? MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
				.readValue(json) : MAPPER.readValue(json, type);
			if (value == null) {
				throw new LlmException("Could not read " + what + " as " + type.getName() + ": it is JSON null",
						ErrorDetails.builder(UNKNOWN_PROVIDER).build(), null);
			}
			return value;
		}
		catch (JacksonException ex) {
			if (cutOff) {
				throw new LlmException(TokenLimit.cutOffMessage(what, type, ex.getOriginalMessage(), quote(json)),
						ErrorDetails.builder(UNKNOWN_PROVIDER).errorType(LlmException.OUTPUT_TRUNCATED).build(), ex);
			}
			throw new LlmException("Could not read " + what + " as " + type.getName() + ": "
					+ ex.getOriginalMessage() + " (the text was: " + quote(json) + ")",
					ErrorDetails.builder(UNKNOWN_PROVIDER).build(), ex);
		}
	}

	static String quote(String text) {
		return (text.length() <= QUOTE_LIMIT) ? text : text.substring(0, QUOTE_LIMIT) + "…";
	}

}
