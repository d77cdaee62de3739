package io.github.llmclient.provider.openai.responses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.ToolCallDelta;
import io.github.llmclient.provider.ProviderErrorException;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.provider.openai.ResponsesDeltaScanner;
import io.github.llmclient.sse.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps one Responses API stream: typed events, each with a {@code sequence_number}, and no
 * {@code [DONE]}. {@code response.output_text.delta} (and {@code response.refusal.delta}) becomes
 * a text chunk, {@code response.reasoning_summary_text.delta} a reasoning chunk (summary parts
 * separated by a blank line, as when read whole). A {@code function_call} item in
 * {@code response.output_item.added} starts tool call n (counted from 0 in the order they start)
 * with its {@code call_id} and name; each {@code response.function_call_arguments.delta}, keyed by
 * {@code item_id}, adds a fragment of its arguments. The terminal event,
 * {@code response.completed} or {@code response.incomplete}, is read like a whole response and
 * becomes the last chunk, with the finish reason, the usage and the replay data, and ends the
 * stream; without it the stream is incomplete. {@code response.failed} and {@code error} are
 * in-stream errors (their code is the error type, so {@code rate_limit_exceeded} and
 * {@code server_error} before any content are retried). Other events and fields are ignored.
 */
final class ResponsesStreamMapper implements StreamMapper {

	private final ResponsesEventReader events;

	private final ResponsesResponseReader responses;

	/** Reused for every delta event: the per-token path allocates no holder. */
	private final ResponsesDeltaScanner.Fields delta = new ResponsesDeltaScanner.Fields();

	private @Nullable String id;

	private @Nullable String model;

	/** Function calls by item id: their call index, and whether any argument text streamed. */
	private @Nullable Map<String, Call> calls;

	/** Reasoning, message and function-call items as {@code response.output_item.done} gave them. */
	private final List<JsonNode> doneItems = new ArrayList<>(4);

	/** Which reasoning summary part streamed last ({@code item_id} and {@code summary_index}), or null. */
	private @Nullable String summaryPart;

	ResponsesStreamMapper(ResponsesEventReader events, ResponsesResponseReader responses) {
		this.events = events;
		this.responses = responses;
	}

	@Override
	public StreamEvent map(SseEvent event) {
		return map(event.event(), event.data(), 0, event.data().length, event.id());
	}

	/** Reads the event in the decoder's buffer: delta events without copying it. */
	@Override
	public StreamEvent map(String type, byte[] data, int offset, int length, @Nullable String eventId) {
		return switch (type) {
			case "response.output_text.delta", "response.refusal.delta" -> text(data, offset, length);
			case "response.reasoning_summary_text.delta" -> summary(data, offset, length);
			case "response.function_call_arguments.delta" -> arguments(data, offset, length);
			case "response.output_item.added" -> itemAdded(this.events.readTree(data, offset, length).path("item"));
			case "response.output_item.done" -> itemDone(this.events.readTree(data, offset, length).path("item"));
			case "response.created", "response.in_progress" -> started(this.events.readTree(data, offset, length));
			case "response.completed", "response.incomplete" ->
				terminal(this.events.readTree(data, offset, length).path("response"));
			case "response.failed" ->
				new StreamEvent.Error(ResponsesResponseReader.failure(this.events.readTree(data, offset, length)
					.path("response")));
			case "error" -> new StreamEvent.Error(ResponsesResponseReader.errorEvent(this.events.readTree(data, offset,
					length)));
			// a gateway that drops the event: lines leaves the type in the JSON only
			case SseEvent.DEFAULT_EVENT -> untyped(data, offset, length, eventId);
			default -> StreamEvent.IGNORE;
		};
	}

	private StreamEvent untyped(byte[] data, int offset, int length, @Nullable String eventId) {
		String type = this.events.readType(data, offset, length);
		return (type != null && !SseEvent.DEFAULT_EVENT.equals(type)) ? map(type, data, offset, length, eventId)
				: StreamEvent.IGNORE;
	}

	private StreamEvent text(byte[] data, int offset, int length) {
		this.events.readDelta(data, offset, length, false, this.delta);
		String text = this.delta.delta;
		if (text == null || text.isEmpty()) {
			return StreamEvent.IGNORE;
		}
		// the text chunk: its constructor shares the empty tool-call list, nothing more to allocate
		return new StreamEvent.Chunk(new ChatChunk(text, null, null, this.id, this.model));
	}

	private StreamEvent summary(byte[] data, int offset, int length) {
		this.events.readDelta(data, offset, length, true, this.delta);
		String text = this.delta.delta;
		if (text == null || text.isEmpty()) {
			return StreamEvent.IGNORE;
		}
		String part = this.delta.itemId + "#" + this.delta.summaryIndex;
		if (this.summaryPart != null && !this.summaryPart.equals(part)) {
			text = ResponsesResponseReader.SUMMARY_SEPARATOR + text;
		}
		this.summaryPart = part;
		return chunk("", text, null);
	}

	private StreamEvent arguments(byte[] data, int offset, int length) {
		this.events.readDelta(data, offset, length, true, this.delta);
		Call call = (this.calls != null && this.delta.itemId != null) ? this.calls.get(this.delta.itemId) : null;
		String fragment = this.delta.delta;
		if (call == null || fragment == null || fragment.isEmpty()) {
			// arguments of an item that never started as a function call: nothing to add them to
			return StreamEvent.IGNORE;
		}
		call.sawArguments = true;
		return chunk("", "", new ToolCallDelta(call.index, null, null, fragment));
	}

	private StreamEvent itemAdded(JsonNode item) {
		if (!"function_call".equals(item.path("type").asString(null))) {
			return StreamEvent.IGNORE;
		}
		if (this.calls == null) {
			this.calls = new HashMap<>(4);
		}
		Call call = new Call(this.calls.size());
		this.calls.put(item.path("id").asString(""), call);
		String arguments = item.path("arguments").asString("");
		call.sawArguments = !arguments.isEmpty();
		return chunk("", "", new ToolCallDelta(call.index, item.path("call_id").asString(null),
				item.path("name").asString(null), arguments));
	}

	private StreamEvent itemDone(JsonNode item) {
		String type = item.path("type").asString("");
		if (!type.equals("reasoning") && !type.equals("message") && !type.equals("function_call")) {
			return StreamEvent.IGNORE;
		}
		this.doneItems.add(item);
		Call call = (this.calls != null) ? this.calls.get(item.path("id").asString("")) : null;
		String arguments = item.path("arguments").asString("");
		if (call != null && !call.sawArguments && !arguments.isEmpty()) {
			// a server that sends the arguments whole, without deltas
			call.sawArguments = true;
			return chunk("", "", new ToolCallDelta(call.index, null, null, arguments));
		}
		return StreamEvent.IGNORE;
	}

	private StreamEvent started(JsonNode event) {
		remember(event.path("response"));
		return StreamEvent.IGNORE;
	}

	/** Keeps the id and model a response object reports, for every chunk after. */
	private void remember(JsonNode response) {
		String id = response.path("id").asString(null);
		String model = response.path("model").asString(null);
		if (id != null && !id.isEmpty()) {
			this.id = id;
		}
		if (model != null && !model.isEmpty()) {
			this.model = model;
		}
	}

	/** The terminal event's response: finish reason, usage and replay data on the last chunk. */
	private StreamEvent terminal(JsonNode response) {
		remember(response);
		ChatResponse whole;
		try {
			whole = this.responses.read(response, this.doneItems);
		}
		catch (ProviderErrorException ex) {
			return new StreamEvent.Error(ex.error());
		}
		return new StreamEvent.Last(new ChatChunk("", whole.finishReason(), whole.usage(), this.id, this.model,
				List.of(), "", whole.replay()));
	}

	private StreamEvent chunk(String content, String reasoning, @Nullable ToolCallDelta toolCall) {
		return new StreamEvent.Chunk(new ChatChunk(content, null, null, this.id, this.model,
				(toolCall != null) ? List.of(toolCall) : List.of(), reasoning));
	}

	/** A function call of this stream. */
	private static final class Call {

		final int index;

		boolean sawArguments;

		Call(int index) {
			this.index = index;
		}

	}

}
