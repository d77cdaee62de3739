package io.github.llmclient.provider.bedrock;

import java.util.List;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ReplayData;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.eventstream.EventStreamDecoder;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the messages of one {@code ConverseStream} (decoded by {@link EventStreamDecoder}):
 * {@code contentBlockDelta} text, tool input fragments (a tool use opens with
 * {@code contentBlockStart}; no fragment, or only {@code ""}, means {@code {}}) and reasoning
 * text; the reasoning signature, which arrives in a delta of its own, is kept with its text and
 * delivered as {@link ReplayData} on the finishing chunk. {@code messageStop} gives the finish
 * reason and completes the answer; {@code metadata} gives the usage, before or after it. Exception
 * and error messages become in-stream errors named by their type.
 */
final class BedrockStreamMapper implements StreamMapper {

	private final JsonMapper mapper;

	private final @Nullable String model;

	/** The tool call index of each open content block, by block index (-1: not a tool). */
	private int[] toolIndexes = new int[0];

	/** Whether each tool call (by call index) has received any input. */
	private boolean[] toolHasInput = new boolean[0];

	private int toolCount;

	private @Nullable ArrayNode replay;

	private @Nullable StringBuilder reasoningText;

	private @Nullable String reasoningSignature;

	private @Nullable String redacted;

	private @Nullable String finishReason;

	private @Nullable Usage usage;

	private boolean stopped;

	BedrockStreamMapper(JsonMapper mapper, @Nullable String model) {
		this.mapper = mapper;
		this.model = model;
	}

	@Override
	public StreamEvent map(SseEvent event) {
		byte[] data = event.data();
		return map(event.event(), data, 0, data.length, event.id());
	}

	@Override
	public StreamEvent map(String type, byte[] data, int offset, int length, @Nullable String id) {
		return switch (type) {
			case "contentBlockDelta" -> contentBlockDelta(data, offset, length);
			case "contentBlockStart" -> start(json(data, offset, length));
			case "contentBlockStop" -> stop(json(data, offset, length).path("contentBlockIndex").asInt(-1));
			case "messageStop" -> messageStop(json(data, offset, length));
			case "metadata" -> metadata(json(data, offset, length));
			case EventStreamDecoder.EXCEPTION -> new StreamEvent.Error(new ProviderError(
					(length > 0) ? exceptionMessage(json(data, offset, length)) : null, id));
			case EventStreamDecoder.ERROR -> new StreamEvent.Error(new ProviderError(
					(length > 0) ? new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8) : null, id));
			default -> StreamEvent.IGNORE;
		};
	}

	@Override
	public boolean completeWhenClosed() {
		return this.stopped;
	}

	private StreamEvent contentBlockDelta(byte[] data, int offset, int length) {
		String text = BedrockTextDelta.text(data, offset, length);
		if (text == null) {
			return delta(json(data, offset, length));
		}
		return text.isEmpty() ? StreamEvent.IGNORE : chunk(text, "", List.of());
	}

	private JsonNode json(byte[] data, int offset, int length) {
		return this.mapper.readTree(data, offset, length);
	}

	private static @Nullable String exceptionMessage(JsonNode payload) {
		JsonNode message = payload.has("message") ? payload.get("message") : payload.get("Message");
		return (message != null && message.isString()) ? message.asString() : null;
	}

	private StreamEvent start(JsonNode payload) {
		JsonNode toolUse = payload.path("start").path("toolUse");
		if (!toolUse.isObject()) {
			return StreamEvent.IGNORE;
		}
		int block = payload.path("contentBlockIndex").asInt(0);
		int index = this.toolCount++;
		ensureCapacity(block, index);
		this.toolIndexes[block] = index;
		return chunk("", "", List.of(new ToolCallDelta(index, toolUse.path("toolUseId").asString(),
				toolUse.path("name").asString(), "")));
	}

	private StreamEvent delta(JsonNode payload) {
		JsonNode delta = payload.path("delta");
		JsonNode text = delta.get("text");
		if (text != null) {
			String value = text.asString();
			return value.isEmpty() ? StreamEvent.IGNORE : chunk(value, "", List.of());
		}
		JsonNode toolUse = delta.get("toolUse");
		if (toolUse != null) {
			int block = payload.path("contentBlockIndex").asInt(0);
			int index = (block < this.toolIndexes.length) ? this.toolIndexes[block] : -1;
			if (index < 0) {
				throw new IllegalStateException("tool input for content block " + block + ", which no toolUse opened");
			}
			String input = toolUse.path("input").asString("");
			if (input.isEmpty()) {
				return StreamEvent.IGNORE;
			}
			this.toolHasInput[index] = true;
			return chunk("", "", List.of(new ToolCallDelta(index, null, null, input)));
		}
		JsonNode reasoning = delta.get("reasoningContent");
		if (reasoning != null) {
			return reasoning(reasoning);
		}
		return StreamEvent.IGNORE;
	}

	private StreamEvent reasoning(JsonNode reasoning) {
		if (reasoning.has("signature")) {
			this.reasoningSignature = reasoning.get("signature").asString();
			return StreamEvent.IGNORE;
		}
		if (reasoning.has("redactedContent")) {
			this.redacted = reasoning.get("redactedContent").asString();
			return StreamEvent.IGNORE;
		}
		String text = reasoning.path("text").asString("");
		if (text.isEmpty()) {
			return StreamEvent.IGNORE;
		}
		if (this.reasoningText == null) {
			this.reasoningText = new StringBuilder();
		}
		this.reasoningText.append(text);
		return chunk("", text, List.of());
	}

	private StreamEvent stop(int block) {
		keepReasoningBlock();
		int index = (block >= 0 && block < this.toolIndexes.length) ? this.toolIndexes[block] : -1;
		if (index >= 0) {
			this.toolIndexes[block] = -1;
			if (!this.toolHasInput[index]) {
				// a tool without arguments streams no input, or only "": its input is {}
				this.toolHasInput[index] = true;
				return chunk("", "", List.of(new ToolCallDelta(index, null, null, "{}")));
			}
		}
		return StreamEvent.IGNORE;
	}

	/** Closes the reasoning block being read into the replay data, as Converse answers carry it. */
	private void keepReasoningBlock() {
		if (this.reasoningText == null && this.reasoningSignature == null && this.redacted == null) {
			return;
		}
		if (this.replay == null) {
			this.replay = this.mapper.createArrayNode();
		}
		ObjectNode content = this.replay.addObject().putObject("reasoningContent");
		if (this.redacted != null) {
			content.put("redactedContent", this.redacted);
		}
		else {
			ObjectNode reasoningText = content.putObject("reasoningText");
			reasoningText.put("text", (this.reasoningText != null) ? this.reasoningText.toString() : "");
			if (this.reasoningSignature != null) {
				reasoningText.put("signature", this.reasoningSignature);
			}
		}
		this.reasoningText = null;
		this.reasoningSignature = null;
		this.redacted = null;
	}

	private StreamEvent messageStop(JsonNode payload) {
		keepReasoningBlock();
		this.stopped = true;
		this.finishReason = BedrockResponseReader.finishReason(payload.path("stopReason").asString(null));
		ReplayData replayData = (this.replay != null)
				? new ReplayData(ReplayData.BEDROCK, this.mapper.writeValueAsString(this.replay)) : null;
		ChatChunk chunk = new ChatChunk("", (this.finishReason != null) ? this.finishReason : "stop", this.usage,
				null, this.model, List.of(), "", replayData);
		// the answer is complete from here (completeWhenClosed); metadata may still follow with the usage
		return new StreamEvent.Chunk(chunk);
	}

	private StreamEvent metadata(JsonNode payload) {
		Usage usage = BedrockResponseReader.usage(payload.path("usage"));
		if (usage == null) {
			return StreamEvent.IGNORE;
		}
		this.usage = usage;
		if (!this.stopped) {
			// delivered with the finish reason by messageStop
			return StreamEvent.IGNORE;
		}
		return new StreamEvent.Chunk(new ChatChunk("", null, usage, null, this.model));
	}

	private StreamEvent chunk(String content, String reasoning, List<ToolCallDelta> toolCalls) {
		return new StreamEvent.Chunk(new ChatChunk(content, null, null, null, this.model, toolCalls, reasoning, null));
	}

	private void ensureCapacity(int block, int index) {
		if (block >= this.toolIndexes.length) {
			int[] grown = new int[Math.max(block + 1, this.toolIndexes.length * 2)];
			java.util.Arrays.fill(grown, -1);
			System.arraycopy(this.toolIndexes, 0, grown, 0, this.toolIndexes.length);
			this.toolIndexes = grown;
		}
		if (index >= this.toolHasInput.length) {
			this.toolHasInput = java.util.Arrays.copyOf(this.toolHasInput, Math.max(index + 1, this.toolHasInput.length * 2));
		}
	}

}
