package io.github.llmclient.provider.anthropic;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.FinishReasons;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Messages stream. {@code message_start} gives the id, model and input tokens;
 * each {@code content_block_delta} with a {@code text_delta} becomes a chunk;
 * {@code message_delta} becomes the last chunk, with the normalised finish reason and the
 * complete usage (input tokens from {@code message_start}, output tokens from
 * {@code message_delta}); {@code message_stop} ends the stream; {@code error} is an in-stream
 * error. {@code ping}, {@code content_block_start}, {@code content_block_stop}, deltas without
 * text (tool input, thinking) and unknown events are ignored.
 */
final class AnthropicStreamMapper implements StreamMapper {

	private final AnthropicWireFormat format;

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable Integer inputTokens;

	private @Nullable Integer outputTokens;

	AnthropicStreamMapper(AnthropicWireFormat format) {
		this.format = format;
	}

	@Override
	public StreamEvent map(SseEvent event) {
		String type = event.event();
		return switch (type) {
			case "content_block_delta", "message_start", "message_delta", "error" ->
				map(type, this.format.readEvent(event.data()));
			case "message_stop" -> StreamEvent.END;
			// A gateway that drops the event: lines leaves the type in the JSON only.
			case SseEvent.DEFAULT_EVENT -> mapUntyped(event);
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent mapUntyped(SseEvent event) {
		AnthropicWireFormat.Parsed parsed = this.format.readEvent(event.data());
		return (parsed.type != null) ? map(parsed.type, parsed) : StreamEvent.IGNORE;
	}

	private StreamEvent map(String type, AnthropicWireFormat.Parsed parsed) {
		return switch (type) {
			case "content_block_delta" -> (parsed.text == null || parsed.text.isEmpty()) ? StreamEvent.IGNORE
					: new StreamEvent.Chunk(new ChatChunk(parsed.text, null, null, this.id, this.model));
			case "message_start" -> start(parsed);
			case "message_delta" -> delta(parsed);
			case "message_stop" -> StreamEvent.END;
			case "error" -> new StreamEvent.Error((parsed.error != null) ? parsed.error : ProviderError.NONE);
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent start(AnthropicWireFormat.Parsed parsed) {
		if (parsed.id != null && !parsed.id.isEmpty()) {
			this.id = parsed.id;
		}
		if (parsed.model != null && !parsed.model.isEmpty()) {
			this.model = parsed.model;
		}
		this.inputTokens = parsed.inputTokens;
		this.outputTokens = parsed.outputTokens;
		return StreamEvent.IGNORE;
	}

	/** Usage in {@code message_delta} is cumulative; it may repeat input tokens, or give output only. */
	private StreamEvent delta(AnthropicWireFormat.Parsed parsed) {
		if (parsed.inputTokens != null) {
			this.inputTokens = parsed.inputTokens;
		}
		if (parsed.outputTokens != null) {
			this.outputTokens = parsed.outputTokens;
		}
		Usage usage = (this.inputTokens == null && this.outputTokens == null) ? null
				: Usage.of((this.inputTokens != null) ? this.inputTokens : 0,
						(this.outputTokens != null) ? this.outputTokens : 0);
		String finishReason = FinishReasons.normalize(parsed.stopReason);
		if (finishReason == null && usage == null) {
			return StreamEvent.IGNORE;
		}
		return new StreamEvent.Chunk(new ChatChunk("", finishReason, usage, this.id, this.model));
	}

}
