package io.github.llmclient.provider.openai;

import io.github.llmclient.provider.json.JsonScanner;
import org.jspecify.annotations.Nullable;

/**
 * Reads the top-level {@code delta}, {@code item_id} and {@code summary_index} of a Responses API
 * delta event ({@code response.output_text.delta} and the like, one per token) in one pass over
 * its bytes with the scanner the Chat Completions chunks are read with, passing over the other
 * fields checked. Anything outside the scanner's strict subset of JSON gives up, and the caller
 * reads the same bytes with Jackson: the answer is the same either way, only faster here
 * ({@link #allowedFor} and {@link #maxLengthFor} say when the scanner may read first). Public for
 * the Responses API package, which shares this reader; not an API.
 */
public final class ResponsesDeltaScanner extends JsonScanner {

	private static final byte[] DELTA = ascii("delta");

	private static final byte[] ITEM_ID = ascii("item_id");

	private static final byte[] SUMMARY_INDEX = ascii("summary_index");

	private ResponsesDeltaScanner(byte[] bytes, int offset, int length) {
		super(bytes, offset, length);
	}

	/**
	 * Reads a delta event.
	 * @param bytes the buffer holding the event's data
	 * @param offset where the data starts
	 * @param length its length
	 * @param withItem whether to read {@code item_id} and {@code summary_index} too
	 * @param into where to put the fields (reset first)
	 * @return false when the scanner gave up: read the bytes with Jackson instead
	 */
	public static boolean read(byte[] bytes, int offset, int length, boolean withItem, Fields into) {
		into.delta = null;
		into.itemId = null;
		into.summaryIndex = 0;
		try {
			new ResponsesDeltaScanner(bytes, offset, length).root(withItem, into);
			return true;
		}
		catch (GiveUp ex) {
			return false;
		}
	}

	private void root(boolean withItem, Fields into) {
		skipWhitespace();
		expect('{');
		if (!firstName()) {
			return;
		}
		do {
			if (nameIs(DELTA)) {
				into.delta = stringOrNull(null, 1);
			}
			else if (withItem && nameIs(ITEM_ID)) {
				into.itemId = stringOrNull(null, 1);
			}
			else if (withItem && nameIs(SUMMARY_INDEX) && peekIntegerNumber()) {
				into.summaryIndex = integer();
			}
			else {
				skipValue(1);
			}
		}
		while (nextName());
	}

	/** The fields of one delta event; reused from event to event by one stream's mapper. */
	public static final class Fields {

		/** The text added, or null. */
		public @Nullable String delta;

		/** The output item it belongs to, or null. */
		public @Nullable String itemId;

		/** Which summary part of a reasoning item it extends. */
		public int summaryIndex;

	}

}
