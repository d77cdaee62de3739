package io.github.llmclient.provider.openai;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.github.llmclient.chat.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Reads the usual Chat Completions chunk or response in one pass over its bytes, into the same
 * {@link OpenAiWireFormat.Parsed} the Jackson path builds, or gives up.
 *
 * <p>
 * Why by hand: a chunk is parsed once per generated token, and Jackson's streaming parser, already
 * driven straight from bytes with name matching, spent about 850 ns tokenising a 190-byte chunk here
 * (about 30 tokens; 120 ns of it creating the parser), about half of a stream's per-chunk CPU. This scanner
 * does the same work in under half of that. It is not a second JSON parser to trust: it accepts
 * only a strict subset of JSON (no comments, no control characters, UTF-8 checked, no escaped
 * property names, bounded nesting and number length) and, on anything outside that subset, on
 * malformed input and on error objects, returns {@code null} so that the caller parses the same
 * bytes with Jackson, which then produces the result or the error exactly as before. Every field
 * is read with the Jackson path's rules (what is read, what is skipped, what a wrong type gives),
 * and a differential test holds the two paths to the same answers.
 */
final class ChunkScanner {

	private static final int MAX_DEPTH = 64;

	private static final int MAX_NUMBER_LENGTH = 100;

	private static final byte[] TRUE = ascii("true");

	private static final byte[] FALSE = ascii("false");

	private static final byte[] NULL = ascii("null");

	private static final byte[] ID = ascii("id");

	private static final byte[] MODEL = ascii("model");

	private static final byte[] CHOICES = ascii("choices");

	private static final byte[] USAGE = ascii("usage");

	private static final byte[] ERROR = ascii("error");

	private static final byte[] INDEX = ascii("index");

	private static final byte[] FINISH_REASON = ascii("finish_reason");

	private static final byte[] DELTA = ascii("delta");

	private static final byte[] MESSAGE = ascii("message");

	private static final byte[] CONTENT = ascii("content");

	private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");

	private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");

	private static final byte[] TOTAL_TOKENS = ascii("total_tokens");

	/** Eight bytes at a time, to pass over plain string and name characters quickly. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGH_BITS = 0x8080808080808080L;

	private static final long QUOTES = 0x2222222222222222L;

	private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

	private static final long SPACES = 0x2020202020202020L;

	private static final boolean[] WHITESPACE = new boolean[256];

	private static final boolean[] DELIMITER = new boolean[256];

	static {
		for (char c : new char[] { ' ', '\n', '\r', '\t' }) {
			WHITESPACE[c] = true;
			DELIMITER[c] = true;
		}
		for (char c : new char[] { ',', '}', ']' }) {
			DELIMITER[c] = true;
		}
	}

	/** Thrown to leave the scan for the Jackson path; preallocated, without a stack trace. */
	private static final GiveUp GIVE_UP = new GiveUp();

	private final byte[] bytes;

	private final int end;

	private int pos;

	/** Where the last property name starts and ends (exclusive) in {@link #bytes}. */
	private int nameStart;

	private int nameEnd;

	private ChunkScanner(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.pos = offset;
		this.end = offset + length;
	}

	/**
	 * Reads a chunk ({@code delta}) or a response ({@code message}).
	 * @return its fields, or null when the Jackson path must read it
	 */
	static OpenAiWireFormat.@Nullable Parsed read(byte[] bytes, int offset, int length, boolean delta,
			@Nullable String knownId, @Nullable String knownModel) {
		try {
			return new ChunkScanner(bytes, offset, length).root(delta, knownId, knownModel);
		}
		catch (GiveUp ex) {
			return null;
		}
	}

	private OpenAiWireFormat.Parsed root(boolean delta, @Nullable String knownId, @Nullable String knownModel) {
		OpenAiWireFormat.Parsed parsed = new OpenAiWireFormat.Parsed();
		skipWhitespace();
		expect('{');
		if (firstName()) {
			do {
				if (nameIs(ID)) {
					parsed.id = stringOrNull(knownId);
				}
				else if (nameIs(MODEL)) {
					parsed.model = stringOrNull(knownModel);
				}
				else if (nameIs(CHOICES)) {
					choices(delta, parsed);
				}
				else if (nameIs(USAGE)) {
					parsed.usage = usage();
				}
				else if (nameIs(ERROR)) {
					throw GIVE_UP;
				}
				else {
					skipValue(1);
				}
			}
			while (nextName());
		}
		// Like the Jackson path, whatever follows the object is not read.
		return parsed;
	}

	/** Reads the first choice's fields, as the Jackson path does; other choices are passed over. */
	private void choices(boolean delta, OpenAiWireFormat.Parsed parsed) {
		if (peek() != '[') {
			skipValue(1);
			return;
		}
		this.pos++;
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return;
		}
		byte[] messageName = delta ? DELTA : MESSAGE;
		do {
			skipWhitespace();
			expect('{');
			int index = 0;
			String content = null;
			String finishReason = null;
			if (firstName()) {
				do {
					if (nameIs(INDEX) && peekIntegerNumber()) {
						index = integer();
					}
					else if (nameIs(FINISH_REASON)) {
						finishReason = stringOrNull(null);
					}
					else if (nameIs(messageName) && peek() == '{') {
						content = content();
					}
					else {
						skipValue(2);
					}
				}
				while (nextName());
			}
			if (index == 0) {
				parsed.content = content;
				parsed.finishReason = finishReason;
				parsed.hasChoice = true;
			}
		}
		while (nextElement());
	}

	private @Nullable String content() {
		this.pos++;
		String content = null;
		if (firstName()) {
			do {
				if (nameIs(CONTENT)) {
					content = stringOrNull(null);
				}
				else {
					skipValue(3);
				}
			}
			while (nextName());
		}
		return content;
	}

	private @Nullable Usage usage() {
		if (peek() != '{') {
			skipValue(1);
			return null;
		}
		this.pos++;
		int input = 0;
		int output = 0;
		int total = -1;
		if (firstName()) {
			do {
				if (!peekIntegerNumber()) {
					skipValue(2);
				}
				else if (nameIs(PROMPT_TOKENS)) {
					input = integer();
				}
				else if (nameIs(COMPLETION_TOKENS)) {
					output = integer();
				}
				else if (nameIs(TOTAL_TOKENS)) {
					total = integer();
				}
				else {
					skipValue(2);
				}
			}
			while (nextName());
		}
		return new Usage(input, output, (total >= 0) ? total : input + output);
	}

	// ---- objects and arrays

	/**
	 * Just after an object's {@code '{'}: reads its first property name and the colon.
	 * @return false for an empty object
	 */
	private boolean firstName() {
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
	private boolean nextName() {
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

	/** After an array element: true when another follows, false at the end of the array. */
	private boolean nextElement() {
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
		int limit = Math.min(end, start + 256);
		i = plainRun(bytes, i, limit);
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

	private boolean nameIs(byte[] name) {
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

	/** Passes over one value, checking it is well formed; {@code depth} counts the enclosing containers. */
	private void skipValue(int depth) {
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
			case 't' -> literal(TRUE);
			case 'f' -> literal(FALSE);
			case 'n' -> literal(NULL);
			default -> number();
		}
	}

	// ---- scalars

	/** A string, null for JSON {@code null} or any other value (which is passed over). */
	private @Nullable String stringOrNull(@Nullable String known) {
		byte b = peek();
		if (b == '"') {
			return string(known, true);
		}
		skipValue(1);
		return null;
	}

	/**
	 * Reads a string from its opening quote; returns {@code known} when equal to it, builds the
	 * string only when {@code wanted}.
	 */
	private @Nullable String string(@Nullable String known, boolean wanted) {
		byte[] bytes = this.bytes;
		int start = ++this.pos;
		int end = this.end;
		int i = plainRun(bytes, start, end);
		boolean ascii = true;
		while (i < end) {
			byte b = bytes[i];
			if (b == '"') {
				break;
			}
			if (b == '\\') {
				return escapedString(start, wanted);
			}
			if (b < 0x20) {
				if (b >= 0) {
					throw GIVE_UP;
				}
				ascii = false;
				i = utf8(i);
				continue;
			}
			i++;
		}
		if (i >= end) {
			throw GIVE_UP;
		}
		this.pos = i + 1;
		if (!wanted) {
			return null;
		}
		int length = i - start;
		if (ascii) {
			if (known != null && sameAscii(start, length, known)) {
				return known;
			}
			return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
		}
		String value = new String(bytes, start, length, StandardCharsets.UTF_8);
		return (known != null && known.equals(value)) ? known : value;
	}

	/** The rest of a string that holds escapes, from its first character. */
	private @Nullable String escapedString(int start, boolean wanted) {
		byte[] bytes = this.bytes;
		// sized for a short string and grown as needed: sizing by what is left of the input would let
		// an event of many short escaped strings allocate the rest of itself for each of them
		StringBuilder text = wanted ? new StringBuilder(Math.min(64, this.end - start)) : null;
		int segment = start;
		int i = start;
		while (true) {
			if (i >= this.end) {
				throw GIVE_UP;
			}
			byte b = bytes[i];
			if (b == '"') {
				if (text != null) {
					text.append(new String(bytes, segment, i - segment, StandardCharsets.UTF_8));
				}
				this.pos = i + 1;
				return (text != null) ? text.toString() : null;
			}
			if (b == '\\') {
				if (text != null) {
					text.append(new String(bytes, segment, i - segment, StandardCharsets.UTF_8));
				}
				if (i + 1 >= this.end) {
					throw GIVE_UP;
				}
				byte escape = bytes[i + 1];
				char c;
				int length = 2;
				switch (escape) {
					case '"' -> c = '"';
					case '\\' -> c = '\\';
					case '/' -> c = '/';
					case 'b' -> c = '\b';
					case 'f' -> c = '\f';
					case 'n' -> c = '\n';
					case 'r' -> c = '\r';
					case 't' -> c = '\t';
					case 'u' -> {
						c = (char) hex4(i + 2);
						length = 6;
					}
					default -> throw GIVE_UP;
				}
				if (text != null) {
					text.append(c);
				}
				i += length;
				segment = i;
			}
			else if (b < 0x20) {
				if (b >= 0) {
					throw GIVE_UP;
				}
				i = utf8(i);
			}
			else {
				i++;
			}
		}
	}

	/**
	 * Skips whole eight-byte words of printable ASCII other than {@code "} and {@code \\} (a
	 * SWAR test; a word it stops at is then read byte by byte).
	 * @return the index of the first word that may hold something else
	 */
	private static int plainRun(byte[] bytes, int from, int end) {
		int i = from;
		while (i + 8 <= end) {
			long word = (long) LONGS.get(bytes, i);
			long quote = word ^ QUOTES;
			long backslash = word ^ BACKSLASHES;
			long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | (word - SPACES) | word;
			if ((special & HIGH_BITS) != 0) {
				return i;
			}
			i += 8;
		}
		return i;
	}

	private int hex4(int at) {
		if (at + 4 > this.end) {
			throw GIVE_UP;
		}
		int value = 0;
		for (int i = at; i < at + 4; i++) {
			int digit = Character.digit(this.bytes[i], 16);
			if (digit < 0) {
				throw GIVE_UP;
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	/**
	 * Checks one well-formed UTF-8 sequence of two to four bytes (RFC 3629: no overlong forms, no
	 * surrogates, nothing above U+10FFFF) starting at {@code i}.
	 * @return the index after it
	 */
	private int utf8(int i) {
		byte[] bytes = this.bytes;
		int lead = bytes[i] & 0xFF;
		int count;
		int min;
		int max = 0xBF;
		if (lead >= 0xC2 && lead <= 0xDF) {
			count = 1;
			min = 0x80;
		}
		else if (lead >= 0xE0 && lead <= 0xEF) {
			count = 2;
			min = (lead == 0xE0) ? 0xA0 : 0x80;
			max = (lead == 0xED) ? 0x9F : 0xBF;
		}
		else if (lead >= 0xF0 && lead <= 0xF4) {
			count = 3;
			min = (lead == 0xF0) ? 0x90 : 0x80;
			max = (lead == 0xF4) ? 0x8F : 0xBF;
		}
		else {
			throw GIVE_UP;
		}
		if (i + count >= this.end) {
			throw GIVE_UP;
		}
		int second = bytes[i + 1] & 0xFF;
		if (second < min || second > max) {
			throw GIVE_UP;
		}
		for (int k = 2; k <= count; k++) {
			int next = bytes[i + k] & 0xFF;
			if (next < 0x80 || next > 0xBF) {
				throw GIVE_UP;
			}
		}
		return i + count + 1;
	}

	private boolean sameAscii(int start, int length, String known) {
		if (known.length() != length) {
			return false;
		}
		byte[] bytes = this.bytes;
		for (int i = 0; i < length; i++) {
			if (bytes[start + i] != known.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** Whether the value ahead is a number without fraction or exponent. */
	private boolean peekIntegerNumber() {
		byte[] bytes = this.bytes;
		int end = this.end;
		int i = this.pos;
		if (i < end && bytes[i] == '-') {
			i++;
		}
		if (i >= end || bytes[i] < '0' || bytes[i] > '9') {
			return false;
		}
		while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
			i++;
		}
		return i >= end || (bytes[i] != '.' && bytes[i] != 'e' && bytes[i] != 'E');
	}

	/** An integer that fits an {@code int} without question (at most nine digits). */
	private int integer() {
		int start = this.pos;
		number();
		int i = start;
		boolean negative = this.bytes[i] == '-';
		if (negative) {
			i++;
		}
		if (this.pos - i > 9) {
			throw GIVE_UP;
		}
		int value = 0;
		for (; i < this.pos; i++) {
			value = value * 10 + (this.bytes[i] - '0');
		}
		return negative ? -value : value;
	}

	/** Passes over a number in JSON's grammar, which must end at a delimiter. */
	private void number() {
		byte[] bytes = this.bytes;
		int end = this.end;
		int start = this.pos;
		int i = start;
		if (i < end && bytes[i] == '-') {
			i++;
		}
		int digits = i;
		if (i < end && bytes[i] == '0') {
			i++;
		}
		else {
			while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
				i++;
			}
		}
		if (i == digits) {
			throw GIVE_UP;
		}
		if (i < end && bytes[i] == '.') {
			int fraction = ++i;
			while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
				i++;
			}
			if (i == fraction) {
				throw GIVE_UP;
			}
		}
		if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
			i++;
			if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
				i++;
			}
			int exponent = i;
			while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
				i++;
			}
			if (i == exponent) {
				throw GIVE_UP;
			}
		}
		if (i - start > MAX_NUMBER_LENGTH || i >= end || !DELIMITER[bytes[i] & 0xFF]) {
			throw GIVE_UP;
		}
		this.pos = i;
	}

	private void literal(byte[] word) {
		byte[] bytes = this.bytes;
		int at = this.pos;
		int length = word.length;
		if (at + length >= this.end) {
			throw GIVE_UP;
		}
		for (int i = 0; i < length; i++) {
			if (bytes[at + i] != word[i]) {
				throw GIVE_UP;
			}
		}
		if (!DELIMITER[bytes[at + length] & 0xFF]) {
			throw GIVE_UP;
		}
		this.pos = at + length;
	}

	// ---- bytes

	private void skipWhitespace() {
		byte[] bytes = this.bytes;
		int i = this.pos;
		int end = this.end;
		while (i < end && WHITESPACE[bytes[i] & 0xFF]) {
			i++;
		}
		this.pos = i;
	}

	private byte peek() {
		if (this.pos >= this.end) {
			throw GIVE_UP;
		}
		return this.bytes[this.pos];
	}

	private byte next() {
		byte b = peek();
		this.pos++;
		return b;
	}

	private void expect(char c) {
		if (next() != c) {
			throw GIVE_UP;
		}
	}

	private static byte[] ascii(String name) {
		return name.getBytes(StandardCharsets.US_ASCII);
	}

	/** Leaves the scan; carries no stack trace, so throwing it costs little. */
	private static final class GiveUp extends RuntimeException {

		GiveUp() {
			super(null, null, false, false);
		}

	}

}
