package io.github.llmclient.provider.openai.responses;

import java.util.Arrays;

import io.github.llmclient.provider.openai.ResponsesDeltaScanner;
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
 * reasoning summary, function-call arguments), one per token, are read straight into a reused
 * {@link ResponsesDeltaScanner.Fields}, taking {@code delta}, {@code item_id} and {@code summary_index} and passing over
 * the rest: by {@link ResponsesDeltaScanner} (the Chat Completions chunks' one-pass scanner), or
 * by Jackson's streaming parser for what the scanner does not take on; the few structural events (items added and done,
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

	/** Whether {@link ResponsesDeltaScanner} may read first: only when the parser is no stricter. */
	private final boolean scannerAllowed;

	/** The longest input the scanner may read. */
	private final long scannerMaxLength;

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
		this.scannerAllowed = ResponsesDeltaScanner.allowedFor(this.factory);
		this.scannerMaxLength = ResponsesDeltaScanner.maxLengthFor(this.factory);
	}

	/**
	 * Reads a delta event into the given holder.
	 * @param withItem whether to read {@code item_id} and {@code summary_index} too
	 */
	void readDelta(byte[] data, int offset, int length, boolean withItem, ResponsesDeltaScanner.Fields into) {
		if (this.scannerAllowed && length <= this.scannerMaxLength
				&& ResponsesDeltaScanner.read(data, offset, length, withItem, into)) {
			return;
		}
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
			// like the scanner, and the Chat Completions reader, whatever follows the object is not read
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

}
