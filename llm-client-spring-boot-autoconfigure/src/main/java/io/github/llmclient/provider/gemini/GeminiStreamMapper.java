package io.github.llmclient.provider.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps one {@code streamGenerateContent?alt=sse} stream. Each event is a whole response holding
 * deltas: text parts become content (thought parts reasoning), each {@code functionCall} arrives
 * whole and becomes one {@link ToolCallDelta} with all its arguments. Usage is cumulative in every
 * chunk on Gemini and present only in the last on Vertex: the latest figures are delivered once,
 * on the chunk with the finish reason. There is no end marker: the stream is complete when the
 * connection closes after a chunk with a {@code finishReason} (or a blocked prompt), and an
 * error before one. {@code data: {"error": …}} is an in-stream error. The parts are collected
 * as they came ({@link GeminiKeptParts}) and delivered on the finishing chunk as
 * {@link ReplayData#GEMINI} replay data when any part was signed. An event is read in one pass
 * where it can be: the usual text delta by {@link GeminiTextEvent}, calls and other parts by
 * {@link GeminiCallEvent} (tried first while calls are coming); any other event as a tree.
 */
final class GeminiStreamMapper implements StreamMapper {

	private final JsonMapper mapper;

	private @Nullable String id;

	private @Nullable String model;

	private int toolCalls;

	private boolean finished;

	private @Nullable Usage usage;

	private @Nullable Usage deliveredUsage;

	private final GeminiKeptParts parts;

	private final GeminiTextEvent textEvent;

	private final GeminiCallEvent callEvent;

	private final GeminiCallIds.Sequence callIds = new GeminiCallIds.Sequence();

	/** Whether the last event held a call: the next is likely another, read by {@link #callEvent} first. */
	private boolean callsComing;

	GeminiStreamMapper(JsonMapper mapper) {
		this.mapper = mapper;
		this.parts = new GeminiKeptParts(mapper);
		this.textEvent = new GeminiTextEvent(mapper);
		this.callEvent = new GeminiCallEvent(mapper, this.textEvent);
	}

	@Override
	public StreamEvent map(SseEvent event) {
		return map(this.mapper.readTree(event.data()));
	}

	/**
	 * Parses the event where the decoder holds it, copying nothing: the usual text delta in one
	 * pass ({@link GeminiTextEvent}), calls and other parts in one pass ({@link GeminiCallEvent}),
	 * any other event as a tree.
	 */
	@Override
	public StreamEvent map(String type, byte[] data, int offset, int length, @Nullable String id) {
		if (!this.callsComing && this.textEvent.read(data, offset, length, this.id, this.model, this.usage)) {
			return mapText(this.textEvent);
		}
		if (this.callEvent.read(data, offset, length, this.id, this.model, this.usage)) {
			return mapParts(this.callEvent);
		}
		this.callsComing = false;
		return map(this.mapper.readTree(data, offset, length));
	}

	/** What {@link #map(JsonNode)} does with an event of only plain text parts and no finish reason. */
	private StreamEvent mapText(GeminiTextEvent event) {
		remember(event.responseId, event.modelVersion, event.usage);
		String content = null;
		String reasoning = null;
		for (int i = 0; i < event.texts.size(); i++) {
			String text = event.texts.get(i);
			Boolean thought = event.thoughts.get(i);
			boolean isThought = Boolean.TRUE.equals(thought);
			this.parts.keepText(text, thought, event.thoughtFirst.get(i));
			if (!text.isEmpty()) {
				if (isThought) {
					reasoning = (reasoning != null) ? reasoning + text : text;
				}
				else {
					content = (content != null) ? content + text : text;
				}
			}
		}
		if (content == null && reasoning == null) {
			return this.finished ? lateUsage() : StreamEvent.IGNORE;
		}
		return new StreamEvent.Chunk(new ChatChunk(Objects.toString(content, ""), null, null, this.id, this.model,
				List.of(), Objects.toString(reasoning, ""), null));
	}

	/** The stream's id and model, from the first event that has them; its latest usage. */
	private void remember(@Nullable String responseId, @Nullable String modelVersion, @Nullable Usage latest) {
		if (this.id == null) {
			this.id = responseId;
		}
		if (this.model == null) {
			this.model = modelVersion;
		}
		if (latest != null) {
			this.usage = latest;
		}
	}

	/** What {@link #map(JsonNode)} does with an event read by {@link GeminiCallEvent}. */
	private StreamEvent mapParts(GeminiCallEvent event) {
		remember(event.responseId, event.modelVersion, event.usage);
		StringBuilder content = null;
		StringBuilder reasoning = null;
		List<ToolCallDelta> calls = List.of();
		for (int i = 0; i < event.size; i++) {
			GeminiCallEvent.Part part = event.part(i);
			if (part.plain) {
				this.parts.keepText(part.text, part.thought, part.thoughtFirst);
			}
			else {
				this.parts.keep(event, part);
			}
			if (part.call) {
				String callId = (part.callId != null && !part.callId.isEmpty()) ? part.callId : this.callIds.next();
				ToolCallDelta call = new ToolCallDelta(this.toolCalls++, callId, part.callName, event.arguments(part));
				if (calls.isEmpty()) {
					// the usual event holds one call: a list the chunk keeps without a copy
					calls = List.of(call);
				}
				else {
					calls = new ArrayList<>(calls);
					calls.add(call);
				}
				continue;
			}
			String text = part.text;
			if (text != null && !text.isEmpty()) {
				if (Boolean.TRUE.equals(part.thought)) {
					reasoning = (reasoning != null) ? reasoning.append(text) : new StringBuilder(text);
				}
				else {
					content = (content != null) ? content.append(text) : new StringBuilder(text);
				}
			}
		}
		this.callsComing = !calls.isEmpty();
		return delta(content, reasoning, calls, event.finishReason);
	}

	private StreamEvent map(JsonNode parsed) {
		JsonNode root = parsed;
		if (root.isArray() && root.size() == 1) {
			root = root.get(0);
		}
		if (root.path("error").isObject()) {
			return new StreamEvent.Error(GeminiErrors.fromObject(root));
		}
		if (this.id == null) {
			this.id = GeminiResponses.text(root.path("responseId"));
		}
		if (this.model == null) {
			this.model = GeminiResponses.text(root.path("modelVersion"));
		}
		Usage usage = GeminiResponses.usage(root.path("usageMetadata"));
		if (usage != null) {
			this.usage = usage;
		}
		JsonNode candidates = root.path("candidates");
		if (!candidates.isArray() || candidates.isEmpty()) {
			String blocked = GeminiResponses.text(root.path("promptFeedback").path("blockReason"));
			if (blocked != null && !this.finished) {
				this.finished = true;
				return chunk("", "", List.of(), "content_filter");
			}
			return lateUsage();
		}
		JsonNode candidate = candidates.get(0);
		StringBuilder content = null;
		StringBuilder reasoning = null;
		List<ToolCallDelta> calls = List.of();
		for (JsonNode part : candidate.path("content").path("parts")) {
			this.parts.keep(part);
			JsonNode functionCall = part.get("functionCall");
			if (functionCall != null) {
				if (calls.isEmpty()) {
					calls = new ArrayList<>(2);
				}
				calls.add(new ToolCallDelta(this.toolCalls++, GeminiResponses.callId(functionCall, this.callIds),
						GeminiResponses.text(functionCall.path("name")), GeminiResponses.arguments(functionCall)));
				continue;
			}
			String text = GeminiResponses.text(part.path("text"));
			if (text != null && !text.isEmpty()) {
				if (GeminiResponses.isThought(part)) {
					reasoning = (reasoning != null) ? reasoning.append(text) : new StringBuilder(text);
				}
				else {
					content = (content != null) ? content.append(text) : new StringBuilder(text);
				}
			}
		}
		return delta(content, reasoning, calls, GeminiResponses.text(candidate.path("finishReason")));
	}

	/** The chunk of a candidate's deltas: the finishing one, a delta, or nothing. */
	private StreamEvent delta(@Nullable StringBuilder content, @Nullable StringBuilder reasoning,
			List<ToolCallDelta> calls, @Nullable String finishReason) {
		if (finishReason != null && !this.finished) {
			this.finished = true;
			return chunk(Objects.toString(content, ""), Objects.toString(reasoning, ""), calls,
					GeminiResponses.finishReason(finishReason, this.toolCalls > 0));
		}
		if (content == null && reasoning == null && calls.isEmpty()) {
			return this.finished ? lateUsage() : StreamEvent.IGNORE;
		}
		return new StreamEvent.Chunk(new ChatChunk(Objects.toString(content, ""), null, null, this.id, this.model, calls,
				Objects.toString(reasoning, ""), null));
	}

	/** The finishing chunk: the finish reason, the latest usage and the replay data. */
	private StreamEvent chunk(String content, String reasoning, List<ToolCallDelta> calls, @Nullable String finish) {
		this.deliveredUsage = this.usage;
		ReplayData replay = this.parts.replay();
		return new StreamEvent.Chunk(
				new ChatChunk(content, finish, this.usage, this.id, this.model, calls, reasoning, replay));
	}

	/** Figures that changed after the finishing chunk (never seen, but never lost): the latest wins. */
	private StreamEvent lateUsage() {
		if (!this.finished || this.usage == null || this.usage.equals(this.deliveredUsage)) {
			return StreamEvent.IGNORE;
		}
		this.deliveredUsage = this.usage;
		return new StreamEvent.Chunk(new ChatChunk("", null, this.usage, this.id, this.model));
	}

	@Override
	public boolean completeWhenClosed() {
		return this.finished;
	}

}
