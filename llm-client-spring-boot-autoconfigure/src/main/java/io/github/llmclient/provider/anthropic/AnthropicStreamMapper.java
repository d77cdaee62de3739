package io.github.llmclient.provider.anthropic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.provider.FinishReasons;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Messages stream. {@code message_start} gives the id, model and input tokens (cache
 * reads among them); a {@code text_delta} becomes a text chunk and a {@code thinking_delta} a
 * reasoning chunk; a {@code tool_use} block becomes a tool call: its {@code content_block_start}
 * a {@link ToolCallDelta} with the id and name, each {@code input_json_delta} one with the next
 * fragment. {@code message_delta} becomes the last chunk, with the normalised finish reason and
 * the complete usage (input tokens from {@code message_start} unless repeated, output tokens from
 * {@code message_delta}) and the replay data; {@code message_stop} ends the stream; {@code error}
 * is an in-stream error. {@code ping}, blocks and deltas of other types (server tools, types yet
 * unknown) and unknown events are ignored.
 *
 * <p>
 * Thinking blocks are assembled per block for replay ({@link AnthropicReplay}): their
 * {@code thinking_delta}s and {@code signature_delta}s, and {@code redacted_thinking} blocks whole
 * from their {@code content_block_start}. The complete replay data rides on the last chunk, the
 * one of {@code message_delta}, so the aggregated answer carries what the non-streamed one does.
 *
 * <p>
 * Tool calls are numbered from 0 in the order they start, as on every provider, not by
 * Anthropic's content-block index (which counts text and thinking blocks too). The blocks of the
 * request's answer tool (a response format sent as a forced tool) stream as content instead.
 */
final class AnthropicStreamMapper implements StreamMapper {

	/** What a tool block that got no fragment streams, so that it aggregates as the non-streamed {@code {}}. */
	private static final String EMPTY_INPUT = "{}";

	private final AnthropicEventReader reader;

	private final @Nullable String answerTool;

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable Integer inputTokens;

	private @Nullable Integer outputTokens;

	private @Nullable Integer cachedInputTokens;

	private @Nullable Integer cacheWriteTokens;

	/** Tool calls (not the answer tool) started so far: the next call's index. */
	private int toolCalls;

	/** Open tool blocks by content-block index; made when the first one starts. */
	private @Nullable Map<Integer, ToolBlock> toolBlocks;

	/** Thinking and redacted thinking blocks, for replay; made when the first one starts. */
	private @Nullable AnthropicReplay replay;

	AnthropicStreamMapper(AnthropicEventReader reader, @Nullable String answerTool) {
		this.reader = reader;
		this.answerTool = answerTool;
	}

	@Override
	public StreamEvent map(SseEvent event) {
		String type = event.event();
		return switch (type) {
			case "content_block_delta", "content_block_start", "message_start", "message_delta", "error" ->
				map(type, this.reader.read(event.data()));
			// Only a tool block's end matters: text streams skip parsing it.
			case "content_block_stop" ->
				(this.toolBlocks == null || this.toolBlocks.isEmpty()) ? StreamEvent.IGNORE
						: map(type, this.reader.read(event.data()));
			case "message_stop" -> StreamEvent.END;
			// A gateway that drops the event: lines leaves the type in the JSON only.
			case SseEvent.DEFAULT_EVENT -> mapUntyped(event);
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent mapUntyped(SseEvent event) {
		AnthropicEventReader.Event parsed = this.reader.read(event.data());
		return (parsed.type != null) ? map(parsed.type, parsed) : StreamEvent.IGNORE;
	}

	private StreamEvent map(String type, AnthropicEventReader.Event event) {
		return switch (type) {
			case "content_block_delta" -> blockDelta(event);
			case "content_block_start" -> blockStart(event);
			case "content_block_stop" -> blockStop(event);
			case "message_start" -> start(event);
			case "message_delta" -> delta(event);
			case "message_stop" -> StreamEvent.END;
			case "error" -> new StreamEvent.Error((event.error != null) ? event.error : ProviderError.NONE);
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent blockDelta(AnthropicEventReader.Event event) {
		if (event.partType == null) {
			return StreamEvent.IGNORE;
		}
		return switch (event.partType) {
			case "text_delta" -> isEmpty(event.text) ? StreamEvent.IGNORE : content(event.text);
			case "thinking_delta" -> thinkingDelta(event);
			case "signature_delta" -> signatureDelta(event);
			case "input_json_delta" -> inputDelta(event);
			// citations_delta, and what comes next
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent inputDelta(AnthropicEventReader.Event event) {
		ToolBlock block = (this.toolBlocks != null) ? this.toolBlocks.get(event.index) : null;
		if (block == null || isEmpty(event.partialJson)) {
			// No block of ours: a server tool's input (web search), which the API runs itself.
			return StreamEvent.IGNORE;
		}
		block.sawInput = true;
		return block.fragment(event.partialJson);
	}

	private StreamEvent blockStart(AnthropicEventReader.Event event) {
		if (event.partType == null) {
			return StreamEvent.IGNORE;
		}
		return switch (event.partType) {
			case "text" -> isEmpty(event.text) ? StreamEvent.IGNORE : content(event.text);
			case "thinking" -> thinkingStart(event);
			case "redacted_thinking" -> {
				replay().redacted(event.index, event.data);
				yield StreamEvent.IGNORE;
			}
			case "tool_use" -> toolStart(event);
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent thinkingStart(AnthropicEventReader.Event event) {
		replay().thinking(event.index, event.thinking, event.signature);
		return isEmpty(event.thinking) ? StreamEvent.IGNORE : reasoning(event.thinking);
	}

	private StreamEvent thinkingDelta(AnthropicEventReader.Event event) {
		if (isEmpty(event.thinking)) {
			return StreamEvent.IGNORE;
		}
		AnthropicReplay.Block block = (this.replay != null) ? this.replay.thinkingAt(event.index) : null;
		if (block == null) {
			// a delta without its block start (a server that skips it): kept for replay all the same
			block = replay().thinking(event.index, null, null);
		}
		block.appendThinking(event.thinking);
		return reasoning(event.thinking);
	}

	/** A thinking block's signature: not text, kept for replay. */
	private StreamEvent signatureDelta(AnthropicEventReader.Event event) {
		if (event.signature != null) {
			AnthropicReplay.Block block = (this.replay != null) ? this.replay.thinkingAt(event.index) : null;
			if (block == null) {
				block = replay().thinking(event.index, null, null);
			}
			block.appendSignature(event.signature);
		}
		return StreamEvent.IGNORE;
	}

	private AnthropicReplay replay() {
		if (this.replay == null) {
			this.replay = new AnthropicReplay();
		}
		return this.replay;
	}

	private StreamEvent toolStart(AnthropicEventReader.Event event) {
		boolean answer = this.answerTool != null && this.answerTool.equals(event.toolName);
		ToolBlock block = new ToolBlock(answer ? -1 : this.toolCalls++);
		if (this.toolBlocks == null) {
			this.toolBlocks = new HashMap<>(4);
		}
		this.toolBlocks.put(event.index, block);
		// The API starts every block with input {}; a server that sends the whole input here is read too.
		String input = (event.input != null && !event.input.equals(EMPTY_INPUT)) ? event.input : "";
		block.sawInput = !input.isEmpty();
		if (answer) {
			return input.isEmpty() ? StreamEvent.IGNORE : content(input);
		}
		return chunk("", "", new ToolCallDelta(block.index, event.toolId, event.toolName, input));
	}

	private StreamEvent blockStop(AnthropicEventReader.Event event) {
		ToolBlock block = (this.toolBlocks != null) ? this.toolBlocks.remove(event.index) : null;
		if (block == null || block.sawInput) {
			return StreamEvent.IGNORE;
		}
		return block.fragment(EMPTY_INPUT);
	}

	private StreamEvent start(AnthropicEventReader.Event event) {
		if (!isEmpty(event.id)) {
			this.id = event.id;
		}
		if (!isEmpty(event.model)) {
			this.model = event.model;
		}
		AnthropicJson.Tokens tokens = event.tokens;
		this.inputTokens = (tokens != null) ? tokens.input : null;
		this.outputTokens = (tokens != null) ? tokens.output : null;
		this.cachedInputTokens = (tokens != null) ? tokens.cacheRead : null;
		this.cacheWriteTokens = (tokens != null) ? tokens.cacheWrite : null;
		return StreamEvent.IGNORE;
	}

	/** Usage in {@code message_delta} is cumulative; it may repeat input tokens, or give output only. */
	private StreamEvent delta(AnthropicEventReader.Event event) {
		AnthropicJson.Tokens tokens = event.tokens;
		if (tokens != null) {
			if (tokens.input != null) {
				this.inputTokens = tokens.input;
			}
			if (tokens.output != null) {
				this.outputTokens = tokens.output;
			}
			if (tokens.cacheRead != null) {
				this.cachedInputTokens = tokens.cacheRead;
			}
			if (tokens.cacheWrite != null) {
				this.cacheWriteTokens = tokens.cacheWrite;
			}
		}
		boolean reported = this.inputTokens != null || this.outputTokens != null;
		String finishReason = FinishReasons.normalize(event.stopReason);
		if (this.answerTool != null && "tool_use".equals(event.stopReason) && this.toolCalls == 0) {
			// The model gave the answer the format asked for; it called no tool of the caller's.
			finishReason = "stop";
		}
		// The replay data goes out once, on the first message_delta after the blocks (there is one).
		ReplayData replayData = (this.replay != null) ? this.replay.toReplayData(this.reader.mapper()) : null;
		this.replay = null;
		if (finishReason == null && !reported && replayData == null) {
			return StreamEvent.IGNORE;
		}
		return new StreamEvent.Chunk(new ChatChunk("", finishReason, reported
				? AnthropicJson.Tokens.usage(this.inputTokens, this.outputTokens, this.cachedInputTokens,
						this.cacheWriteTokens) : null,
				this.id, this.model, List.of(), "", replayData));
	}

	private StreamEvent content(String text) {
		return new StreamEvent.Chunk(new ChatChunk(text, null, null, this.id, this.model));
	}

	private StreamEvent reasoning(String thinking) {
		return chunk("", thinking, null);
	}

	private StreamEvent chunk(String content, String reasoning, @Nullable ToolCallDelta toolCall) {
		return new StreamEvent.Chunk(new ChatChunk(content, null, null, this.id, this.model,
				(toolCall != null) ? List.of(toolCall) : List.of(), reasoning));
	}

	private static boolean isEmpty(@Nullable String text) {
		return text == null || text.isEmpty();
	}

	/** An open {@code tool_use} block: a tool call, or the answer tool when its index is -1. */
	private final class ToolBlock {

		final int index;

		/** Whether a non-empty fragment of its input has streamed. */
		boolean sawInput;

		ToolBlock(int index) {
			this.index = index;
		}

		StreamEvent fragment(String json) {
			return (this.index < 0) ? content(json) : chunk("", "", new ToolCallDelta(this.index, null, null, json));
		}

	}

}
