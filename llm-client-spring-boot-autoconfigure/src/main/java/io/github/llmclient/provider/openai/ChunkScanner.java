package io.github.llmclient.provider.openai;

import java.util.ArrayList;
import java.util.List;

import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.json.JsonScanner;
import org.jspecify.annotations.Nullable;

/**
 * Reads the usual Chat Completions chunk or response in one pass over its bytes, into the same
 * {@link ParsedCompletion} that {@link JacksonChunkReader} builds, or gives up.
 *
 * <p>
 * Why by hand: a chunk is parsed once per generated token, and Jackson's streaming parser, already
 * driven straight from bytes with name matching, spent about 850 ns tokenising a 190-byte chunk here
 * (about 30 tokens; 120 ns of it creating the parser), about half of a stream's per-chunk CPU. This
 * scanner does the same work in under half of that, for text deltas, tool-call argument deltas and
 * reasoning deltas alike. It is not a second JSON parser to trust: {@link JsonScanner} accepts only
 * a strict subset of JSON and, on anything outside it, on malformed input, on error objects and on
 * tool-call arguments that are not a string, gives up so that the caller parses the same bytes
 * with Jackson, which then produces the result or the error exactly as before. Every field is read
 * with the Jackson path's rules (what is read, what is skipped, what a wrong type gives, which of
 * two equal names wins), and a differential test holds the two paths to the same answers.
 *
 * <p>
 * A tool-call argument fragment's chunk nests its few characters seven containers deep; its usual
 * compact form, {@code "choices":[{"index":0,"delta":{"tool_calls":[{"index":N,"function":{"arguments":"…"}}]},
 * "logprobs":null,"finish_reason":null}]}, is matched by its bytes ({@link #TOOL_CALL_CHOICE_START},
 * {@link #fragment}, {@link #TOOL_CALL_CHOICE_END}) instead of name by name. Only the structure is
 * matched: strings and numbers are read as elsewhere, and anything else (whitespace, other fields,
 * another order) goes back to the name-by-name reading of the same bytes.
 *
 * <p>
 * Depths passed to {@link #skipValue} count the containers around the value: the root object is 1,
 * a choice's fields 3, a delta's 4, a tool call's 6, its function's 7.
 */
final class ChunkScanner extends JsonScanner {

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

	private static final byte[] TOOL_CALLS = ascii("tool_calls");

	private static final byte[] REASONING_CONTENT = ascii("reasoning_content");

	private static final byte[] REASONING = ascii("reasoning");

	private static final byte[] REFUSAL = ascii("refusal");

	private static final byte[] FUNCTION = ascii("function");

	private static final byte[] NAME = ascii("name");

	private static final byte[] ARGUMENTS = ascii("arguments");

	private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");

	private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");

	private static final byte[] TOTAL_TOKENS = ascii("total_tokens");

	private static final byte[] PROMPT_TOKENS_DETAILS = ascii("prompt_tokens_details");

	private static final byte[] COMPLETION_TOKENS_DETAILS = ascii("completion_tokens_details");

	private static final byte[] CACHED_TOKENS = ascii("cached_tokens");

	private static final byte[] REASONING_TOKENS = ascii("reasoning_tokens");

	/** How the first choice of the usual tool-call chunk starts, up to its tool calls' value. */
	private static final byte[] TOOL_CALL_CHOICE_START = ascii("{\"index\":0,\"delta\":{\"tool_calls\":");

	/** How that choice usually ends, after its delta: no log probabilities, no finish reason. */
	private static final byte[] TOOL_CALL_CHOICE_END = ascii(",\"logprobs\":null,\"finish_reason\":null}");

	/** The usual argument fragment's bytes before its index, between index and arguments, and after them. */
	private static final byte[] FRAGMENT_START = ascii("{\"index\":");

	private static final byte[] FRAGMENT_ARGUMENTS = ascii(",\"function\":{\"arguments\":");

	private static final byte[] FRAGMENT_END = ascii("}}");

	private ChunkScanner(byte[] bytes, int offset, int length) {
		super(bytes, offset, length);
	}

	/**
	 * Reads a chunk ({@code delta}) or a response ({@code message}).
	 * @return its fields, or null when the Jackson path must read it
	 */
	static @Nullable ParsedCompletion read(byte[] bytes, int offset, int length, boolean delta,
			@Nullable String knownId, @Nullable String knownModel) {
		try {
			return new ChunkScanner(bytes, offset, length).root(delta, knownId, knownModel);
		}
		catch (GiveUp ex) {
			return null;
		}
	}

	private ParsedCompletion root(boolean delta, @Nullable String knownId, @Nullable String knownModel) {
		ParsedCompletion parsed = new ParsedCompletion();
		skipWhitespace();
		expect('{');
		if (firstName()) {
			do {
				if (nameIs(ID)) {
					parsed.id = stringOrNull(knownId, 1);
				}
				else if (nameIs(MODEL)) {
					parsed.model = stringOrNull(knownModel, 1);
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
	private void choices(boolean delta, ParsedCompletion parsed) {
		if (!enterArray()) {
			skipValue(1);
			return;
		}
		if (!firstElement()) {
			return;
		}
		byte[] messageName = delta ? DELTA : MESSAGE;
		do {
			skipWhitespace();
			int index = 0;
			String finishReason = null;
			// The message goes straight into the result (no state to allocate per chunk); a choice
			// that turns out not to be the first puts back what was there.
			String keptContent = parsed.content;
			String keptReasoning = parsed.reasoning;
			List<ToolCallDelta> keptToolCalls = parsed.toolCalls;
			parsed.content = null;
			parsed.reasoning = null;
			parsed.toolCalls = List.of();
			boolean named;
			if (delta && skipLiteral(TOOL_CALL_CHOICE_START)) {
				// a tool-call fragment's chunk, matched by its bytes: index 0, a delta with tool calls first
				message(parsed, true);
				named = !skipLiteral(TOOL_CALL_CHOICE_END) && nextName();
			}
			else {
				expect('{');
				named = firstName();
			}
			if (named) {
				do {
					if (nameIs(INDEX) && peekIntegerNumber()) {
						index = integer();
					}
					else if (nameIs(FINISH_REASON)) {
						finishReason = stringOrNull(null, 3);
					}
					else if (nameIs(messageName) && enterObject()) {
						message(parsed, false);
					}
					else {
						skipValue(3);
					}
				}
				while (nextName());
			}
			if (index == 0) {
				parsed.finishReason = finishReason;
				parsed.hasChoice = true;
			}
			else {
				parsed.content = keptContent;
				parsed.reasoning = keptReasoning;
				parsed.toolCalls = keptToolCalls;
			}
		}
		while (nextElement());
	}

	/**
	 * Reads a delta or message from just after its {@code '{'} into the result, replacing what an
	 * earlier one of the same choice gave.
	 * @param toolCallsNamed whether its first name, {@code tool_calls}, is already read (the value
	 * is ahead)
	 */
	private void message(ParsedCompletion parsed, boolean toolCallsNamed) {
		String content = null;
		String reasoningContent = null;
		String reasoning = null;
		String refusal = null;
		List<ToolCallDelta> toolCalls = List.of();
		boolean named;
		if (toolCallsNamed) {
			toolCalls = toolCalls();
			named = nextName();
		}
		else {
			named = firstName();
		}
		if (named) {
			do {
				// content first: it is the field of nearly every chunk
				if (nameIs(CONTENT)) {
					content = stringOrNull(null, 4);
				}
				else if (nameIs(TOOL_CALLS)) {
					toolCalls = toolCalls();
				}
				else if (nameIs(REASONING_CONTENT)) {
					reasoningContent = stringOrNull(null, 4);
				}
				else if (nameIs(REASONING)) {
					reasoning = stringOrNull(null, 4);
				}
				else if (nameIs(REFUSAL)) {
					refusal = stringOrNull(null, 4);
				}
				else {
					skipValue(4);
				}
			}
			while (nextName());
		}
		parsed.content = ParsedCompletion.content(content, refusal);
		parsed.reasoning = ParsedCompletion.reasoning(reasoningContent, reasoning);
		parsed.toolCalls = toolCalls;
	}

	/** A {@code tool_calls} value: its object elements, in order; anything else gives none. */
	private List<ToolCallDelta> toolCalls() {
		if (!enterArray()) {
			skipValue(4);
			return List.of();
		}
		if (!firstElement()) {
			return List.of();
		}
		// a chunk carries one call's fragment nearly always: no list to grow for it
		ToolCallDelta first = null;
		List<ToolCallDelta> more = null;
		int position = 0;
		do {
			skipWhitespace();
			ToolCallDelta call = fragment();
			if (call == null && enterObject()) {
				call = toolCall(position);
			}
			if (call != null) {
				if (first == null) {
					first = call;
				}
				else {
					if (more == null) {
						more = new ArrayList<>(4);
						more.add(first);
					}
					more.add(call);
				}
			}
			else {
				skipValue(5);
			}
			position++;
		}
		while (nextElement());
		if (more != null) {
			return List.copyOf(more);
		}
		return (first != null) ? List.of(first) : List.of();
	}

	/**
	 * The element of nearly every tool-call chunk, {@code {"index":N,"function":{"arguments":"…"}}}
	 * written compactly as OpenAI writes it, read by matching its bytes instead of its names: what
	 * {@link #toolCall} reads from it, with the same string reading (so the same give-ups).
	 * @return the delta, or null, back where it started, for any other element
	 */
	private @Nullable ToolCallDelta fragment() {
		int start = position();
		if (skipLiteral(FRAGMENT_START)) {
			int index = naturalDigits();
			if (index >= 0 && skipLiteral(FRAGMENT_ARGUMENTS)) {
				String arguments = arguments();
				if (skipLiteral(FRAGMENT_END)) {
					return new ToolCallDelta(index, null, null, (arguments != null) ? arguments : "");
				}
			}
		}
		reset(start);
		return null;
	}

	/** One tool call, from just after its {@code '{'}. */
	private ToolCallDelta toolCall(int position) {
		int index = -1;
		String id = null;
		String name = null;
		String arguments = null;
		if (firstName()) {
			do {
				if (nameIs(INDEX) && peekIntegerNumber()) {
					index = integer();
				}
				else if (nameIs(ID)) {
					id = stringOrNull(null, 6);
				}
				else if (nameIs(FUNCTION)) {
					name = null;
					arguments = null;
					if (enterObject()) {
						if (firstName()) {
							do {
								if (nameIs(NAME)) {
									name = stringOrNull(null, 7);
								}
								else if (nameIs(ARGUMENTS)) {
									arguments = arguments();
								}
								else {
									skipValue(7);
								}
							}
							while (nextName());
						}
					}
					else {
						skipValue(6);
					}
				}
				else {
					skipValue(6);
				}
			}
			while (nextName());
		}
		return new ToolCallDelta((index >= 0) ? index : position, id, name, (arguments != null) ? arguments : "");
	}

	/** Arguments as text; the rare server that sends a JSON value instead goes to Jackson, which writes it. */
	private @Nullable String arguments() {
		byte b = peek();
		if (b != '"' && b != 'n') {
			throw GIVE_UP;
		}
		return stringOrNull(null, 7);
	}

	private @Nullable Usage usage() {
		if (!enterObject()) {
			skipValue(1);
			return null;
		}
		int input = 0;
		int output = 0;
		int total = -1;
		int cached = 0;
		int reasoningTokens = 0;
		if (firstName()) {
			do {
				if (nameIs(PROMPT_TOKENS_DETAILS)) {
					cached = detail(CACHED_TOKENS, cached);
				}
				else if (nameIs(COMPLETION_TOKENS_DETAILS)) {
					reasoningTokens = detail(REASONING_TOKENS, reasoningTokens);
				}
				else if (!peekIntegerNumber()) {
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
		return new Usage(input, output, (total >= 0) ? total : input + output, cached, reasoningTokens);
	}

	/** One integer of a details object; {@code current} stays when the object does not hold it. */
	private int detail(byte[] wanted, int current) {
		if (!enterObject()) {
			skipValue(2);
			return current;
		}
		int value = current;
		if (firstName()) {
			do {
				if (nameIs(wanted) && peekIntegerNumber()) {
					value = integer();
				}
				else {
					skipValue(3);
				}
			}
			while (nextName());
		}
		return value;
	}

}
