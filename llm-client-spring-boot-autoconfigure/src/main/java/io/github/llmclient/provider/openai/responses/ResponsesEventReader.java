package io.github.llmclient.provider.openai.responses;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.Named;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the data of Responses stream events in the decoder's buffer. The delta events (text,
 * reasoning summary, function-call arguments), one per token, are read with Jackson's streaming
 * parser straight into a reused {@link Delta}, taking {@code delta}, {@code item_id} and
 * {@code summary_index} and skipping the rest; the few structural events (items added and done,
 * the terminal events, errors) are read as trees.
 */
final class ResponsesEventReader {

	private static final int END = PropertyNameMatcher.MATCH_END_OBJECT;

	private static final int TYPE = 0;

	private static final int DELTA = 1;

	private static final int ITEM_ID = 2;

	private static final int SUMMARY_INDEX = 3;

	private final JsonMapper mapper;

	/**
	 * The mapper's own factory, recycling its buffers per thread (events are parsed on the few
	 * event-loop threads), as the Chat Completions reader does.
	 */
	private final TokenStreamFactory factory;

	/** Every field a delta event has, so that none costs a symbol-table lookup; those read first. */
	private final PropertyNameMatcher names;

	ResponsesEventReader(JsonMapper mapper) {
		this.mapper = mapper;
		TokenStreamFactory factory = mapper.tokenStreamFactory();
		this.factory = (factory instanceof JsonFactory json)
				? json.rebuild().recyclerPool(JsonRecyclerPools.threadLocalPool()).build() : factory;
		this.names = this.factory.constructNameMatcher(Arrays
			.stream(new String[] { "type", "delta", "item_id", "summary_index", "sequence_number", "output_index",
					"content_index", "logprobs", "obfuscation" })
			.map(Named::fromString)
			.toList(), true);
	}

	/**
	 * Reads a delta event into the given holder.
	 * @param withItem whether to read {@code item_id} and {@code summary_index} too
	 */
	void readDelta(byte[] data, int offset, int length, boolean withItem, Delta into) {
		into.delta = null;
		into.itemId = null;
		into.summaryIndex = 0;
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), data, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("expected a JSON object");
			}
			for (int field = nextField(parser); field != END; field = nextField(parser)) {
				JsonToken value = parser.nextToken();
				if (field == DELTA && value == JsonToken.VALUE_STRING) {
					into.delta = parser.getString();
				}
				else if (withItem && field == ITEM_ID && value == JsonToken.VALUE_STRING) {
					into.itemId = parser.getString();
				}
				else if (withItem && field == SUMMARY_INDEX && value == JsonToken.VALUE_NUMBER_INT) {
					into.summaryIndex = parser.getIntValue();
				}
				else {
					parser.skipChildren();
				}
			}
			// trailing content after the object is as malformed here as anywhere else
			if (parser.nextToken() != null) {
				throw new IllegalStateException("unexpected content after the event's JSON object");
			}
		}
	}

	/** Reads a structural event whole. */
	JsonNode readTree(byte[] data, int offset, int length) {
		JsonNode tree = this.mapper.readTree(Arrays.copyOfRange(data, offset, offset + length));
		if (!tree.isObject()) {
			throw new IllegalStateException("expected a JSON object");
		}
		return tree;
	}

	/** The {@code type} field of an event that came without an {@code event:} line. */
	@Nullable String readType(byte[] data, int offset, int length) {
		try (JsonParser parser = this.factory.createParser(ObjectReadContext.empty(), data, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("expected a JSON object");
			}
			for (int field = nextField(parser); field != END; field = nextField(parser)) {
				JsonToken value = parser.nextToken();
				if (field == TYPE && value == JsonToken.VALUE_STRING) {
					return parser.getString();
				}
				parser.skipChildren();
			}
		}
		return null;
	}

	private int nextField(JsonParser parser) {
		int field = parser.nextNameMatch(this.names);
		if (field == PropertyNameMatcher.MATCH_ODD_TOKEN) {
			throw new IllegalStateException("expected a property name, found " + parser.currentToken());
		}
		return field;
	}

	/** The fields of one delta event; reused from event to event by one stream's mapper. */
	static final class Delta {

		/** The text added, or null. */
		@Nullable String delta;

		/** The output item it belongs to, or null. */
		@Nullable String itemId;

		/** Which summary part of a reasoning item it extends. */
		int summaryIndex;

	}

}
