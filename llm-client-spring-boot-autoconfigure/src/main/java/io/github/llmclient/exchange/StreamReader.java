package io.github.llmclient.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.llmclient.error.LlmException;
import io.github.llmclient.eventstream.EventStreamDecoder;
import io.github.llmclient.eventstream.EventStreamException;
import io.github.llmclient.provider.ProviderError;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamFraming;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEventHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Reads the event stream of one attempt a network buffer at a time: decodes its events (with the
 * SSE decoder, or the AWS event-stream decoder for {@link StreamFraming#AWS_EVENT_STREAM}) and
 * maps them with the provider's mapper in the same pass. Each buffer gives the chunks it
 * completed, followed by the failure a malformed frame or error event caused; nothing after that
 * failure or after the end marker is mapped. A mapper may also say that the stream is complete
 * when it closes ({@link StreamMapper#completeWhenClosed()}: Bedrock's {@code metadata} may follow
 * its {@code messageStop}).
 */
final class StreamReader implements SseEventHandler {

	/** Exchange's category, which the README documents for stream events at TRACE. */
	private static final Log logger = LogFactory.getLog(Exchange.LOG_CATEGORY);

	private final @Nullable SseDecoder decoder;

	private final @Nullable EventStreamDecoder frames;

	private final StreamMapper mapper;

	private final UnaryOperator<String> redact;

	private final Function<RuntimeException, LlmException> malformed;

	private final Function<ProviderError, LlmException> streamError;

	private @Nullable Object first;

	private @Nullable List<Object> more;

	private boolean ended;

	/** Whether a format without an end marker said its answer is complete. */
	private boolean answerEnded;

	private boolean sawEvent;

	private long endedAtNanos;

	private boolean failed;

	private boolean trace;

	private boolean bodyStarted;

	private boolean progressed;

	private long progressAtNanos;

	StreamReader(StreamMapper mapper, UnaryOperator<String> redact, Function<RuntimeException, LlmException> malformed,
			Function<ProviderError, LlmException> streamError) {
		this(StreamFraming.SSE, mapper, redact, malformed, streamError);
	}

	StreamReader(StreamFraming framing, StreamMapper mapper, UnaryOperator<String> redact,
			Function<RuntimeException, LlmException> malformed, Function<ProviderError, LlmException> streamError) {
		this.decoder = (framing == StreamFraming.SSE) ? new SseDecoder() : null;
		this.frames = (framing == StreamFraming.AWS_EVENT_STREAM) ? new EventStreamDecoder() : null;
		this.mapper = mapper;
		this.redact = redact;
		this.malformed = malformed;
		this.streamError = streamError;
	}

	/** The chunks and failure a buffer completes; releases the buffer. */
	List<Object> read(DataBuffer buffer) {
		try {
			if (this.ended || this.failed) {
				return List.of();
			}
			this.first = null;
			this.more = null;
			this.trace = logger.isTraceEnabled();
			long lines = progress();
			try {
				if (this.decoder != null) {
					this.decoder.feed(buffer, this);
				}
				else if (this.frames != null) {
					this.frames.feed(buffer, this);
				}
			}
			catch (EventStreamException ex) {
				// a frame that fails its checksum or bounds: never a silently short answer
				this.failed = true;
				add(this.malformed.apply(ex));
			}
			// The body's first bytes start the idle time; then only complete lines (frames) restart it.
			this.progressed = progress() != lines || !this.bodyStarted;
			this.bodyStarted = true;
			if (this.progressed && !this.sawEvent) {
				// Needed only before the first event: after it, the IdleTimer keeps the time.
				this.progressAtNanos = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
			}
			// A buffer mostly completes one event: no list to grow for it.
			return (this.more != null) ? this.more : (this.first != null) ? List.of(this.first) : List.of();
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private long progress() {
		return (this.decoder != null) ? this.decoder.lineCount() : (this.frames != null) ? this.frames.frameCount() : 0;
	}

	/** Whether the latest read completed a line (or was the body's first). */
	boolean progressed() {
		return this.progressed;
	}

	/** When the latest read that completed a line (or the body's first) arrived; kept until the first event. */
	long progressAtNanos() {
		return this.progressAtNanos;
	}

	/** Whether any event (not just a comment) has arrived. */
	boolean sawEvent() {
		return this.sawEvent;
	}

	/** Whether the provider's end marker has arrived. */
	boolean ended() {
		return this.ended;
	}

	/**
	 * Whether the stream, closing now, is complete: the end marker has arrived, or the mapper says
	 * its format (without an end marker) has seen the end of the answer.
	 */
	boolean complete() {
		// a frame cut in the middle is never complete, whatever the mapper saw before it
		return this.ended || (this.answerEnded && !this.failed && (this.frames == null || !this.frames.inFrame()));
	}

	/** What remains of the wait for the response's end, counted from the end marker (or the answer's end). */
	Duration lingerLeft(Duration linger) {
		long left = linger.toNanos() - (Schedulers.parallel().now(TimeUnit.NANOSECONDS) - this.endedAtNanos);
		return Duration.ofNanos(Math.max(0, left));
	}

	@Override
	public void onEvent(String type, byte[] data, int offset, int length, @Nullable String id) {
		this.sawEvent = true;
		if (this.ended || this.failed) {
			return;
		}
		if (this.trace) {
			logger.trace(this.redact.apply("<< " + type + ": " + new String(data, offset, length, StandardCharsets.UTF_8)));
		}
		StreamEvent mapped;
		try {
			// the data stays in the decoder's buffer: a mapper that reads it in place copies nothing
			mapped = this.mapper.map(type, data, offset, length, id);
		}
		catch (RuntimeException ex) {
			this.failed = true;
			add(this.malformed.apply(ex));
			return;
		}
		if (mapped instanceof StreamEvent.Chunk chunk) {
			add(chunk.chunk());
			if (!this.answerEnded && this.mapper.completeWhenClosed()) {
				// a format without an end marker: its answer ended here; the close may linger as after one
				this.answerEnded = true;
				this.endedAtNanos = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
			}
		}
		else if (mapped == StreamEvent.END) {
			end();
		}
		else if (mapped instanceof StreamEvent.Last last) {
			add(last.chunk());
			end();
		}
		else if (mapped instanceof StreamEvent.Error error) {
			this.failed = true;
			add(this.streamError.apply(error.error()));
		}
	}

	private void end() {
		this.ended = true;
		this.endedAtNanos = Schedulers.parallel().now(TimeUnit.NANOSECONDS);
	}

	private void add(Object item) {
		if (this.more != null) {
			this.more.add(item);
		}
		else if (this.first == null) {
			this.first = item;
		}
		else {
			this.more = new ArrayList<>(4);
			this.more.add(this.first);
			this.more.add(item);
		}
	}

}
