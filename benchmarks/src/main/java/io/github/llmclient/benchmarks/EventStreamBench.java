package io.github.llmclient.benchmarks;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import io.github.llmclient.eventstream.EventStreamDecoder;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.StreamEvent;
import io.github.llmclient.provider.StreamMapper;
import io.github.llmclient.provider.bedrock.BedrockAdapter;
import io.github.llmclient.provider.bedrock.BedrockSigV4;
import io.github.llmclient.provider.openai.OpenAiAdapter;
import io.github.llmclient.sse.SseDecoder;
import io.github.llmclient.sse.SseEventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;

/**
 * S8, Bedrock's transport against SSE's, without HTTP (single-threaded, thread CPU time, which the
 * machine's other load disturbs less than wall time):
 * <ol>
 * <li>S2's text stream (the same {@link Payloads#TOKENS}, {@value #CHUNKS} chunks) as SSE through
 * {@link SseDecoder} and OpenAI's mapper, and as AWS event-stream frames ({@code contentBlockDelta}
 * per chunk, CRC-checked) through {@link EventStreamDecoder} and Bedrock's mapper, cut into
 * network-sized direct buffers; the two alternate in every round, and the text is checked every
 * round (a wrong stream gets no rate);</li>
 * <li>the live heap of {@value #OPEN} streams held open mid-frame (decoder and mapper state, after
 * the first write and half a content event), SSE and event stream;</li>
 * <li>the Signature V4 signer's cost per call ({@link BedrockSigV4} with static credentials, an
 * S1-sized request), against a static key, which costs nothing per call (a constant header); and
 * S1's chats through two Bedrock clients, key and SigV4 ({@link SigV4Bench}).</li>
 * </ol>
 * {@code java -cp benchmarks.jar io.github.llmclient.benchmarks.EventStreamBench [--quick]}.
 */
public final class EventStreamBench {

	static final int CHUNKS = 20_000;

	static final int OPEN = 10_000;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EventStreamBench() {
	}

	/**
	 * Runs S8 and prints its figures.
	 * @param args {@code --quick} for fewer rounds
	 */
	public static void main(String[] args) {
		boolean quick = Arrays.asList(args).contains("--quick");
		int rounds = quick ? 10 : 20;
		OpenAiAdapter openAi = new OpenAiAdapter(URI.create("http://localhost/v1"), null, null, true, JSON);
		BedrockAdapter bedrock = new BedrockAdapter(URI.create("http://localhost/bedrock"), "key", "us-east-1", null,
				JSON);
		byte[] sse = StreamContent.TEXT.body(CHUNKS);
		byte[] frames = frames(CHUNKS);
		String expected = StreamContent.TEXT.answer(CHUNKS);
		List<ByteBuf> sseSlices = slices(sse, 8192);
		List<ByteBuf> frameSlices = slices(frames, 8192);
		NettyDataBufferFactory factory = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		double[] sseNs = new double[rounds];
		double[] frameNs = new double[rounds];
		double[] decodeNs = new double[rounds];
		boolean right = true;
		for (int round = 0; round < 2 * rounds; round++) {
			long start = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < 5; i++) {
				right &= expected.equals(sse(sseSlices, factory, openAi.streamMapper()));
			}
			long sseTime = THREADS.getCurrentThreadCpuTime() - start;
			start = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < 5; i++) {
				right &= expected.equals(eventStream(frameSlices, factory, bedrock.streamMapper()));
			}
			long frameTime = THREADS.getCurrentThreadCpuTime() - start;
			start = THREADS.getCurrentThreadCpuTime();
			long frameCount = 0;
			for (int i = 0; i < 5; i++) {
				frameCount += decodeOnly(frameSlices, factory);
			}
			long decodeTime = THREADS.getCurrentThreadCpuTime() - start;
			if (round >= rounds) {
				decodeNs[round - rounds] = (double) decodeTime / frameCount;
				sseNs[round - rounds] = sseTime / (5.0 * CHUNKS);
				frameNs[round - rounds] = frameTime / (5.0 * CHUNKS);
			}
		}
		sseSlices.forEach(ByteBuf::release);
		frameSlices.forEach(ByteBuf::release);
		Arrays.sort(sseNs);
		Arrays.sort(frameNs);
		Arrays.sort(decodeNs);
		double sseMedian = sseNs[rounds / 2];
		double frameMedian = frameNs[rounds / 2];
		System.out.printf(Locale.ROOT, "S8 stream: SSE %d B, event stream %d B for %d chunks%n", sse.length,
				frames.length, CHUNKS);
		System.out.printf(Locale.ROOT,
				"S8 stream: SSE+OpenAI %.0f ns/chunk (%.0f chunks/s), event stream+Bedrock %.0f ns/chunk (%.0f chunks/s),"
						+ " event stream / SSE rate %.3f%s%n",
				sseMedian, 1e9 / sseMedian, frameMedian, 1e9 / frameMedian, sseMedian / frameMedian,
				right ? "" : "; WRONG text (no rate)");
		System.out.printf(Locale.ROOT, "S8 stream: of which the event-stream decoder alone %.0f ns/frame (CRC32s incl.)%n",
				decodeNs[rounds / 2]);
		double sseHeap = openHeap(() -> {
			SseDecoder decoder = new SseDecoder();
			StreamMapper mapper = openAi.streamMapper();
			byte[] first = StreamContent.TEXT.start();
			byte[] half = Arrays.copyOf(StreamContent.TEXT.event(0), StreamContent.TEXT.event(0).length / 2);
			decoder.feed(factory.wrap(first), (SseEventHandler) mapper::map);
			decoder.feed(factory.wrap(half), (SseEventHandler) mapper::map);
			return new Object[] { decoder, mapper };
		});
		byte[] start = concat(event("messageStart", "{\"role\":\"assistant\"}"), delta(0));
		byte[] next = delta(1);
		double frameHeap = openHeap(() -> {
			EventStreamDecoder decoder = new EventStreamDecoder();
			StreamMapper mapper = bedrock.streamMapper();
			decoder.feed(factory.wrap(start.clone()), (SseEventHandler) mapper::map);
			decoder.feed(factory.wrap(Arrays.copyOf(next, next.length / 2)), (SseEventHandler) mapper::map);
			return new Object[] { decoder, mapper };
		});
		System.out.printf(Locale.ROOT,
				"S8 open streams (%d, mid-event): SSE %.0f B/stream, event stream %.0f B/stream, difference %+.0f B%n",
				OPEN, sseHeap, frameHeap, frameHeap - sseHeap);
		signer(quick ? 5_000 : 20_000);
		SigV4Bench.run(quick ? 2_000 : 5_000, quick ? 3 : 5);
	}

	private static void signer(int calls) {
		BedrockSigV4 signer = BedrockSigV4.create(
				StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "bench-secret-key")),
				"us-east-1");
		ProviderRequest request = new ProviderRequest(HttpMethod.POST,
				URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
						+ "us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse"),
				Map.of("Content-Type", "application/json"), Payloads.requestBody(false), "chat", null);
		for (int i = 0; i < calls; i++) {
			signer.headers(request).block();
		}
		double[] perCall = new double[5];
		for (int round = 0; round < perCall.length; round++) {
			long start = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < calls; i++) {
				Map<String, String> signed = signer.headers(request).block();
				if (signed == null || !signed.get("Authorization").startsWith("AWS4-HMAC-SHA256")) {
					throw new IllegalStateException("not signed");
				}
			}
			perCall[round] = (THREADS.getCurrentThreadCpuTime() - start) / 1000.0 / calls;
		}
		Arrays.sort(perCall);
		System.out.printf(Locale.ROOT,
				"S8 SigV4: %.1f µs CPU per signed call (min %.1f), body %d B; a static key adds a constant header%n",
				perCall[2], perCall[0], Payloads.requestBody(false).length);
	}

	/** The live heap per stream of {@value #OPEN} streams opened by the factory, in bytes. */
	private static double openHeap(java.util.function.Supplier<Object> open) {
		List<Object> streams = new ArrayList<>(OPEN);
		long before = usedAfterGc();
		for (int i = 0; i < OPEN; i++) {
			streams.add(open.get());
		}
		long after = usedAfterGc();
		if (streams.size() != OPEN) {
			throw new IllegalStateException();
		}
		return (after - before) / (double) OPEN;
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static String sse(List<ByteBuf> slices, NettyDataBufferFactory factory, StreamMapper mapper) {
		SseDecoder decoder = new SseDecoder();
		StringBuilder text = new StringBuilder(CHUNKS * 6);
		for (ByteBuf slice : slices) {
			DataBuffer buffer = factory.wrap(slice.retainedDuplicate());
			decoder.feed(buffer, (type, data, offset, length, id) -> append(mapper.map(type, data, offset, length, id), text));
			DataBufferUtils.release(buffer);
		}
		return text.toString();
	}

	private static String eventStream(List<ByteBuf> slices, NettyDataBufferFactory factory, StreamMapper mapper) {
		EventStreamDecoder decoder = new EventStreamDecoder();
		StringBuilder text = new StringBuilder(CHUNKS * 6);
		for (ByteBuf slice : slices) {
			DataBuffer buffer = factory.wrap(slice.retainedDuplicate());
			decoder.feed(buffer, (type, data, offset, length, id) -> append(mapper.map(type, data, offset, length, id), text));
			DataBufferUtils.release(buffer);
		}
		return text.toString();
	}

	private static long decodeOnly(List<ByteBuf> slices, NettyDataBufferFactory factory) {
		EventStreamDecoder decoder = new EventStreamDecoder();
		for (ByteBuf slice : slices) {
			DataBuffer buffer = factory.wrap(slice.retainedDuplicate());
			decoder.feed(buffer, (type, data, offset, length, id) -> {
			});
			DataBufferUtils.release(buffer);
		}
		return decoder.frameCount();
	}

	private static void append(StreamEvent event, StringBuilder text) {
		if (event instanceof StreamEvent.Chunk chunk) {
			text.append(chunk.chunk().content());
		}
	}

	private static List<ByteBuf> slices(byte[] body, int bufferBytes) {
		List<ByteBuf> slices = new ArrayList<>();
		for (int offset = 0; offset < body.length; offset += bufferBytes) {
			int length = Math.min(bufferBytes, body.length - offset);
			ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length);
			buf.writeBytes(body, offset, length);
			slices.add(buf);
		}
		return slices;
	}

	/** S2's text stream as ConverseStream frames, as Bedrock sends them. */
	static byte[] frames(int chunks) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 140 + 1024);
		out.writeBytes(event("messageStart", "{\"role\":\"assistant\"}"));
		byte[][] deltas = new byte[Payloads.TOKENS.length][];
		for (int i = 0; i < deltas.length; i++) {
			deltas[i] = delta(i);
		}
		for (int i = 0; i < chunks; i++) {
			out.writeBytes(deltas[i % deltas.length]);
		}
		out.writeBytes(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
		out.writeBytes(event("messageStop", "{\"stopReason\":\"end_turn\"}"));
		out.writeBytes(event("metadata", "{\"usage\":{\"inputTokens\":12,\"outputTokens\":" + chunks
				+ ",\"totalTokens\":" + (chunks + 12) + "},\"metrics\":{\"latencyMs\":100}}"));
		return out.toByteArray();
	}

	private static byte[] delta(int token) {
		return event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":"
				+ JSON.writeValueAsString(Payloads.TOKENS[token % Payloads.TOKENS.length]) + "},\"p\":\"abcdefgh\"}");
	}

	/** One event frame: prelude with its CRC32, three string headers, the payload, the message CRC32. */
	static byte[] event(String type, String json) {
		String[] headers = { ":event-type", type, ":content-type", "application/json", ":message-type", "event" };
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		int headersLength = 0;
		for (String header : headers) {
			headersLength += header.getBytes(StandardCharsets.UTF_8).length;
		}
		headersLength += 3 * (1 + 1 + 2);
		int total = 12 + headersLength + payload.length + 4;
		ByteBuffer frame = ByteBuffer.allocate(total);
		frame.putInt(total).putInt(headersLength).putInt(crc(frame.array(), 8));
		for (int i = 0; i < headers.length; i += 2) {
			byte[] name = headers[i].getBytes(StandardCharsets.UTF_8);
			byte[] value = headers[i + 1].getBytes(StandardCharsets.UTF_8);
			frame.put((byte) name.length).put(name).put((byte) 7).putShort((short) value.length).put(value);
		}
		frame.put(payload).putInt(crc(frame.array(), total - 4));
		return frame.array();
	}

	private static int crc(byte[] bytes, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, 0, length);
		return (int) crc.getValue();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

}
