package io.github.llmclient.provider.openai;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;

/**
 * Maps one Chat Completions stream: {@code data: [DONE]} ends it, {@code {"error":…}} is an
 * in-stream error, each {@code chat.completion.chunk} becomes a {@link ChatChunk} carrying the id
 * and model seen so far. Events with another type than {@code message} (or {@code error}) are
 * ignored.
 */
final class OpenAiStreamMapper implements StreamMapper {

	private final OpenAiWireFormat format;

	private @Nullable String id;

	private @Nullable String model;

	OpenAiStreamMapper(OpenAiWireFormat format) {
		this.format = format;
	}

	@Override
	public StreamEvent map(SseEvent event) {
		String type = event.event();
		if (!SseEvent.DEFAULT_EVENT.equals(type) && !"error".equals(type)) {
			return StreamEvent.IGNORE;
		}
		if (event.dataEquals("[DONE]")) {
			return StreamEvent.END;
		}
		OpenAiWireFormat.Parsed parsed = this.format.readChunk(event.data(), this.id, this.model);
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
		if (content.isEmpty() && parsed.finishReason == null && parsed.usage == null) {
			return StreamEvent.IGNORE;
		}
		return new StreamEvent.Chunk(new ChatChunk(content, parsed.finishReason, parsed.usage, this.id, this.model));
	}

}
