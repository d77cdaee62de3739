package io.github.llmclient.provider.openai;

import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Chat Completions stream: {@code data: [DONE]} ends it, {@code {"error":…}} is an
 * in-stream error, each {@code chat.completion.chunk} that carries text, a tool-call fragment,
 * reasoning, a finish reason or usage becomes a {@link ChatChunk} carrying the id and model seen so
 * far (other chunks, such as the role-only first one, are ignored). Tool calls are numbered by
 * {@link ToolCallIndexes}. Events with another type than {@code message} (or {@code error}) are
 * ignored.
 */
final class OpenAiStreamMapper implements StreamMapper {

	private final OpenAiWireFormat format;

	private @Nullable String id;

	private @Nullable String model;

	/** Created with the stream's first tool call: text streams need none. */
	private @Nullable ToolCallIndexes toolCallIndexes;

	OpenAiStreamMapper(OpenAiWireFormat format) {
		this.format = format;
	}

	@Override
	public StreamEvent map(SseEvent event) {
		return map(event.event(), event.data(), 0, event.data().length, event.id());
	}

	/** Reads the event in the decoder's buffer, without copying it. */
	@Override
	public StreamEvent map(String type, byte[] data, int offset, int length, @Nullable String eventId) {
		if (!SseEvent.DEFAULT_EVENT.equals(type) && !"error".equals(type)) {
			return StreamEvent.IGNORE;
		}
		if (isDone(data, offset, length)) {
			return StreamEvent.END;
		}
		ParsedCompletion parsed = this.format.readChunk(data, offset, length, this.id, this.model);
		if (parsed.error != null) {
			return new StreamEvent.Error(parsed.error);
		}
		// Azure sends chunks with an empty id and model (prompt filter results) before the first
		// real one: keep what is known.
		if (parsed.id != null && !parsed.id.isEmpty()) {
			this.id = parsed.id;
		}
		if (parsed.model != null && !parsed.model.isEmpty()) {
			this.model = parsed.model;
		}
		String content = (parsed.content != null) ? parsed.content : "";
		String reasoning = (parsed.reasoning != null) ? parsed.reasoning : "";
		List<ToolCallDelta> toolCalls = parsed.toolCalls;
		if (toolCalls.isEmpty() && reasoning.isEmpty()) {
			if (content.isEmpty() && parsed.finishReason == null && parsed.usage == null) {
				return StreamEvent.IGNORE;
			}
			// the text chunk: its constructor shares the empty tool-call list, nothing more to allocate
			return new StreamEvent.Chunk(new ChatChunk(content, parsed.finishReason, parsed.usage, this.id, this.model));
		}
		if (!toolCalls.isEmpty()) {
			if (this.toolCallIndexes == null) {
				this.toolCallIndexes = new ToolCallIndexes();
			}
			toolCalls = this.toolCallIndexes.renumber(toolCalls);
		}
		return new StreamEvent.Chunk(new ChatChunk(content, parsed.finishReason, parsed.usage, this.id, this.model,
				toolCalls, reasoning));
	}

	private static boolean isDone(byte[] data, int offset, int length) {
		return length == 6 && data[offset] == '[' && data[offset + 1] == 'D' && data[offset + 2] == 'O'
				&& data[offset + 3] == 'N' && data[offset + 4] == 'E' && data[offset + 5] == ']';
	}

}
