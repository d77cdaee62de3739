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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps one {@code streamGenerateContent?alt=sse} stream. Each event is a whole response holding
 * deltas: text parts become content (thought parts reasoning), each {@code functionCall} arrives
 * whole and becomes one {@link ToolCallDelta} with all its arguments. Usage is cumulative in every
 * chunk on Gemini and present only in the last on Vertex: the latest figures are delivered once,
 * on the chunk with the finish reason. There is no end marker: the stream is complete when the
 * connection closes after a chunk with a {@code finishReason} (or a blocked prompt), and an
 * error before one. {@code data: {"error": …}} is an in-stream error. The parts are collected
 * as they came (consecutive unsigned text deltas joined, signed parts kept whole) and delivered
 * on the finishing chunk as {@link ReplayData#GEMINI} replay data when any part was signed.
 */
final class GeminiStreamMapper implements StreamMapper {

	private final JsonMapper mapper;

	private @Nullable String id;

	private @Nullable String model;

	private int toolCalls;

	private boolean finished;

	private @Nullable Usage usage;

	private @Nullable Usage deliveredUsage;

	private final ArrayNode parts;

	private boolean signed;

	/** The last kept part when it is unsigned text that later deltas may join, else null. */
	private @Nullable ObjectNode pendingPart;

	/** The text of {@link #pendingPart} joined so far. */
	private @Nullable StringBuilder pendingText;

	/** Whether {@link #pendingPart} is a thought. */
	private boolean pendingThought;

	private final GeminiTextEvent textEvent;

	GeminiStreamMapper(JsonMapper mapper) {
		this.mapper = mapper;
		this.parts = mapper.createArrayNode();
		this.textEvent = new GeminiTextEvent(mapper);
	}

	@Override
	public StreamEvent map(SseEvent event) {
		return map(this.mapper.readTree(event.data()));
	}

	/**
	 * Parses the event where the decoder holds it, copying nothing: the usual text delta in one
	 * pass ({@link GeminiTextEvent}), any other event as a tree.
	 */
	@Override
	public StreamEvent map(String type, byte[] data, int offset, int length, @Nullable String id) {
		if (this.textEvent.read(data, offset, length, this.id, this.model, this.usage)) {
			return mapText(this.textEvent);
		}
		return map(this.mapper.readTree(data, offset, length));
	}

	/** What {@link #map(JsonNode)} does with an event of only plain text parts and no finish reason. */
	private StreamEvent mapText(GeminiTextEvent event) {
		if (this.id == null) {
			this.id = event.responseId;
		}
		if (this.model == null) {
			this.model = event.modelVersion;
		}
		if (event.usage != null) {
			this.usage = event.usage;
		}
		String content = null;
		String reasoning = null;
		for (int i = 0; i < event.texts.size(); i++) {
			String text = event.texts.get(i);
			Boolean thought = event.thoughts.get(i);
			boolean isThought = Boolean.TRUE.equals(thought);
			keepText(text, thought, event.thoughtFirst.get(i));
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
			keep(part);
			JsonNode functionCall = part.get("functionCall");
			if (functionCall != null) {
				if (calls.isEmpty()) {
					calls = new ArrayList<>(2);
				}
				calls.add(new ToolCallDelta(this.toolCalls++, GeminiResponses.callId(functionCall),
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
		String finishReason = GeminiResponses.text(candidate.path("finishReason"));
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
		flushText();
		ReplayData replay = this.signed ? GeminiResponseReader.replay(this.mapper, this.parts) : null;
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

	/**
	 * Keeps a part for replay: an unsigned text delta joins the unsigned text part before it of the
	 * same kind; anything else (a signed part, a call, an empty part with only a signature) is kept
	 * as it came.
	 */
	private void keep(JsonNode part) {
		boolean hasSignature = part.has("thoughtSignature");
		this.signed |= hasSignature;
		boolean plain = !hasSignature && isPlainText(part);
		if (plain && this.pendingPart != null && this.pendingThought == GeminiResponses.isThought(part)) {
			// joined in a builder and written to the part once (at the end, or when another part
			// comes): rewriting the part's text on every delta would copy the answer so far each time
			this.pendingText.append(part.path("text").stringValue());
			return;
		}
		flushText();
		// the event's tree is read once and dropped: its part is kept as it is, without a copy
		this.parts.add(part);
		if (plain && part instanceof ObjectNode text) {
			this.pendingPart = text;
			this.pendingText = new StringBuilder(part.path("text").stringValue());
			this.pendingThought = GeminiResponses.isThought(part);
		}
	}

	/** {@link #keep} for a plain text part read by {@link GeminiTextEvent}: the same part, the same joining. */
	private void keepText(String text, @Nullable Boolean thought, boolean thoughtFirst) {
		boolean isThought = Boolean.TRUE.equals(thought);
		if (this.pendingPart != null && this.pendingThought == isThought) {
			this.pendingText.append(text);
			return;
		}
		flushText();
		ObjectNode part = this.parts.addObject();
		if (thought != null && thoughtFirst) {
			part.put("thought", thought.booleanValue());
		}
		part.put("text", text);
		if (thought != null && !thoughtFirst) {
			part.put("thought", thought.booleanValue());
		}
		this.pendingPart = part;
		this.pendingText = new StringBuilder(text);
		this.pendingThought = isThought;
	}

	/** Writes the text joined so far into the last kept text part. */
	private void flushText() {
		if (this.pendingPart != null) {
			this.pendingPart.put("text", this.pendingText.toString());
			this.pendingPart = null;
			this.pendingText = null;
		}
	}

	private static boolean isPlainText(JsonNode part) {
		if (part.has("thoughtSignature") || !part.path("text").isString()) {
			return false;
		}
		for (String name : part.propertyNames()) {
			if (!name.equals("text") && !name.equals("thought")) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean completeWhenClosed() {
		return this.finished;
	}

}
