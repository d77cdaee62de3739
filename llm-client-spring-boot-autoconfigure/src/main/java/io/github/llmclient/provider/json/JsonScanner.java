package io.github.llmclient.provider.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;

/**
 * A one-pass reader of a strict subset of JSON over a byte range, for the hand-written readers of
 * the wire formats' usual stream events (OpenAI's Chat Completions chunks and Responses deltas,
 * Gemini's text events): property names as byte ranges to compare, strings (decoded by
 * {@link JsonStrings}), integers and literals ({@link JsonScalars}), and values passed over but
 * checked ({@link JsonCursor} holds the position and reads the scalars). Anything outside the
 * subset (comments, control characters, malformed UTF-8, escaped or long property names, deep
 * nesting, long numbers) or malformed throws {@link #GIVE_UP}, so that the caller reads the same
 * bytes with Jackson instead. A subclass reads one event's shape; its
 * methods here are final, so that the subclass's calls compile as direct ones.
 *
 * <p>
 * Public only so that the wire-format packages can share it; not an API.
 */
public abstract class JsonScanner extends JsonCursor {

	/**
	 * The deepest nesting read: a value inside more containers gives up. The Jackson parser that
	 * stands behind the scanner must allow at least one level more (its root object is depth 1).
	 */
	static final int MAX_DEPTH = 64;

	/** The longest property name read; the Jackson parser behind must allow at least this. */
	static final int MAX_NAME_LENGTH = 256;

	/**
	 * Whether a scanner may read before a parser of the given factory: only when that parser is no
	 * stricter than the scanner (its limits at least the scanner's own, no duplicate detection), so
	 * that the scanner never accepts what the parser would refuse.
	 * @param factory the factory of the parser behind the scanner
	 * @return true when the scanner may read first
	 */
	public static boolean allowedFor(TokenStreamFactory factory) {
		StreamReadConstraints limits = factory.streamReadConstraints();
		return (factory instanceof JsonFactory) && !factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& limits.getMaxNestingDepth() > MAX_DEPTH
				&& limits.getMaxNumberLength() >= JsonScalars.MAX_NUMBER_LENGTH
				&& limits.getMaxNameLength() >= MAX_NAME_LENGTH && !limits.hasMaxTokenCount();
	}

	/**
	 * The longest input a scanner may read before a parser of the given factory: no string in it
	 * can pass the parser's string limit.
	 * @param factory the factory of the parser behind the scanner
	 * @return the length in bytes
	 */
	public static long maxLengthFor(TokenStreamFactory factory) {
		StreamReadConstraints limits = factory.streamReadConstraints();
		return limits.hasMaxDocumentLength() ? Math.min(limits.getMaxDocumentLength(), limits.getMaxStringLength())
				: limits.getMaxStringLength();
	}

	/** Where the last property name starts and ends (exclusive) in the input. */
	private int nameStart;

	private int nameEnd;

	/**
	 * Reads the given range.
	 * @param bytes the input
	 * @param offset where the JSON text starts
	 * @param length its length
	 */
	protected JsonScanner(byte[] bytes, int offset, int length) {
		super(bytes, offset, length);
	}

	// ---- objects and arrays

	/**
	 * When the value ahead is an object, steps past its {@code '{'}.
	 * @return false (nothing read) for another value
	 */
	protected final boolean enterObject() {
		if (this.pos < this.end && this.bytes[this.pos] == '{') {
			this.pos++;
			return true;
		}
		return false;
	}

	/**
	 * When the value ahead is an array, steps past its {@code '['}.
	 * @return false (nothing read) for another value
	 */
	protected final boolean enterArray() {
		if (this.pos < this.end && this.bytes[this.pos] == '[') {
			this.pos++;
			return true;
		}
		return false;
	}

	/**
	 * Just after an array's {@code '['}: moves to its first element.
	 * @return false for an empty array (then read to its end)
	 */
	protected final boolean firstElement() {
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return false;
		}
		return true;
	}

	/**
	 * Just after an object's {@code '{'}: reads its first property name and the colon.
	 * @return false for an empty object
	 */
	protected final boolean firstName() {
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return false;
		}
		name();
		return true;
	}

	/**
	 * After a property's value: reads the next property name and the colon.
	 * @return false at the end of the object
	 */
	protected final boolean nextName() {
		skipWhitespace();
		byte b = next();
		if (b == '}') {
			return false;
		}
		if (b != ',') {
			throw GIVE_UP;
		}
		skipWhitespace();
		name();
		return true;
	}

	/**
	 * After an array element: moves past the comma or the closing bracket.
	 * @return true when another element follows, false at the end of the array
	 */
	protected final boolean nextElement() {
		skipWhitespace();
		byte b = next();
		if (b == ']') {
			return false;
		}
		if (b != ',') {
			throw GIVE_UP;
		}
		return true;
	}

	private void name() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		int end = this.end;
		if (i >= end || bytes[i] != '"') {
			throw GIVE_UP;
		}
		int start = ++i;
		int limit = Math.min(end, start + MAX_NAME_LENGTH);
		i = JsonStrings.plainRun(bytes, i, limit);
		// escaped, non-ASCII and long names go to Jackson, which also applies its length limit
		byte b;
		while (i < limit && (b = bytes[i]) != '"') {
			if (b == '\\' || b < 0x20) {
				throw GIVE_UP;
			}
			i++;
		}
		if (i >= limit) {
			throw GIVE_UP;
		}
		this.nameStart = start;
		this.nameEnd = i;
		i++;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		if (i >= end || bytes[i] != ':') {
			throw GIVE_UP;
		}
		i++;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		this.pos = i;
	}

	/**
	 * Whether the last property name read is the given one.
	 * @param name the name's ASCII bytes ({@link #ascii})
	 * @return true when equal
	 */
	protected final boolean nameIs(byte[] name) {
		int length = this.nameEnd - this.nameStart;
		if (length != name.length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.bytes[this.nameStart + i] != name[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Passes over one value, checking it is well formed.
	 * @param depth how many containers enclose the value
	 */
	protected final void skipValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw GIVE_UP;
		}
		byte b = peek();
		switch (b) {
			case '"' -> string(null, false);
			case '{' -> {
				this.pos++;
				if (firstName()) {
					do {
						skipValue(depth + 1);
					}
					while (nextName());
				}
			}
			case '[' -> {
				this.pos++;
				skipWhitespace();
				if (peek() == ']') {
					this.pos++;
					return;
				}
				do {
					skipWhitespace();
					skipValue(depth + 1);
				}
				while (nextElement());
			}
			case 't' -> this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.TRUE);
			case 'f' -> this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.FALSE);
			case 'n' -> this.pos = JsonScalars.literalEnd(this.bytes, this.pos, this.end, JsonScalars.NULL);
			default -> this.pos = JsonScalars.numberEnd(this.bytes, this.pos, this.end);
		}
	}

	/**
	 * Passes over one value whose bytes must be, whitespace between tokens aside, exactly the text
	 * Jackson writes for it ({@link JsonWritten}); anything else gives up.
	 * @param written the checker (it keeps the names of the objects open)
	 * @param depth how many containers enclose the value
	 * @return true when whitespace is between its tokens: its text is Jackson's once that is left out
	 */
	protected final boolean skipWrittenValue(JsonWritten written, int depth) {
		this.pos = written.valueEnd(this.bytes, this.pos, this.end, depth);
		return written.spaced();
	}

	/**
	 * A string, null for JSON {@code null} or any other value (which is passed over).
	 * @param known a string to return instead of an equal copy, or null
	 * @param depth how many containers enclose the value
	 * @return the string, or null
	 */
	protected final @Nullable String stringOrNull(@Nullable String known, int depth) {
		byte b = peek();
		if (b == '"') {
			return string(known, true);
		}
		skipValue(depth);
		return null;
	}

}
