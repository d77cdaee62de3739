package io.github.llmclient.eventstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The AWS event-stream decoder against botocore's byte vectors, recorded Bedrock streams and
 * AWS's own encoder, split at every byte.
 */
class EventStreamDecoderTests {

	record Seen(String type, String data, String id) {
	}

	private static List<Seen> decode(byte[] bytes, int... splits) {
		EventStreamDecoder decoder = new EventStreamDecoder();
		List<Seen> seen = new ArrayList<>();
		int from = 0;
		int[] cuts = Arrays.copyOf(splits, splits.length + 1);
		cuts[splits.length] = bytes.length;
		for (int cut : cuts) {
			decoder.feed(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(bytes, from, cut)),
					(type, data, offset, length, id) -> seen
						.add(new Seen(type, new String(data, offset, length, StandardCharsets.UTF_8), id)));
			from = cut;
		}
		return seen;
	}

	private static Map<String, String> botocoreVectors() throws IOException {
		Map<String, String> vectors = new LinkedHashMap<>();
		try (InputStream in = EventStreamDecoderTests.class.getResourceAsStream("/bedrock/botocore-eventstream-vectors.txt")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String[] parts = line.split(" ");
					vectors.put(parts[0], parts[1]);
				}
			}
		}
		return vectors;
	}

	@Test
	void decodesBotocoreVectorsOfEventAndErrorMessages() throws IOException {
		Map<String, String> vectors = botocoreVectors();
		assertThat(decode(EventStreamFrames.fromHex(vectors.get("INITIAL_RESPONSE_EVENT"))))
			.containsExactly(new Seen("initial-response", "{\"InitialResponse\": \"sometext\"}", null));
		assertThat(decode(EventStreamFrames.fromHex(vectors.get("ERROR_EVENT_MESSAGE"))))
			.containsExactly(new Seen(EventStreamDecoder.ERROR, "message", "code"));
	}

	@Test
	void skipsHeadersOfEveryTypeAndChecksWellFormedFramesWithoutEventType() throws IOException {
		Map<String, String> vectors = botocoreVectors();
		for (String name : List.of("EMPTY_MESSAGE", "INT8_HEADER", "INT64_HEADER", "PAYLOAD_NO_HEADERS",
				"PAYLOAD_ONE_STR_HEADER", "ALL_HEADERS_TYPES")) {
			// well-formed frames, checksums right, but no :event-type: refused as events, not as checksums
			assertThatExceptionOfType(EventStreamException.class)
				.isThrownBy(() -> decode(EventStreamFrames.fromHex(vectors.get(name))))
				.as(name)
				.withMessage("event message without :event-type");
		}
	}

	@Test
	void refusesBotocoreCorruptedVectors() throws IOException {
		Map<String, String> vectors = botocoreVectors();
		assertThatExceptionOfType(EventStreamException.class)
			.isThrownBy(() -> decode(EventStreamFrames.fromHex(vectors.get("CORRUPTED_LENGTH"))))
			.withMessageContaining("prelude checksum mismatch");
		assertThatExceptionOfType(EventStreamException.class)
			.isThrownBy(() -> decode(EventStreamFrames.fromHex(vectors.get("CORRUPTED_HEADER_LENGTH"))))
			.withMessageContaining("prelude checksum mismatch");
		assertThatExceptionOfType(EventStreamException.class)
			.isThrownBy(() -> decode(EventStreamFrames.fromHex(vectors.get("CORRUPTED_PAYLOAD"))))
			.withMessageContaining("message checksum mismatch");
		assertThatExceptionOfType(EventStreamException.class)
			.isThrownBy(() -> decode(EventStreamFrames.fromHex(vectors.get("CORRUPTED_HEADERS"))))
			.withMessageContaining("message checksum mismatch");
		assertThatExceptionOfType(EventStreamException.class)
			.isThrownBy(() -> decode(EventStreamFrames.fromHex(vectors.get("INVALID_HEADERS_LENGTH"))))
			.withMessageContaining("headers length");
	}

	@Test
	void decodesRecordedConverseStreamSplitAtEveryByte() {
		byte[] recorded = EventStreamFrames.hexResource("/bedrock/converse-stream-text.hex");
		List<Seen> whole = decode(recorded);
		assertThat(whole).hasSize(16);
		assertThat(whole.get(0).type()).isEqualTo("messageStart");
		assertThat(whole.get(1)).isEqualTo(new Seen("contentBlockDelta",
				"{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"abcdefghijkl\"}", null));
		assertThat(whole.get(14).type()).isEqualTo("messageStop");
		assertThat(whole.get(15).type()).isEqualTo("metadata");
		for (int cut = 1; cut < recorded.length; cut++) {
			assertThat(decode(recorded, cut)).as("split at %d", cut).isEqualTo(whole);
		}
		int[] everyByte = new int[recorded.length - 1];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = i + 1;
		}
		assertThat(decode(recorded, everyByte)).isEqualTo(whole);
	}

	@Test
	void decodesWhatAwsEncoderWrites() {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("exception"));
		headers.put(":exception-type", HeaderValue.fromString("throttlingException"));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		headers.put("x-some-int", HeaderValue.fromInteger(42));
		headers.put("x-some-time", HeaderValue.fromTimestamp(java.time.Instant.EPOCH));
		byte[] frame = bytes(new Message(headers, "{\"message\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8)));
		assertThat(decode(frame)).containsExactly(
				new Seen(EventStreamDecoder.EXCEPTION, "{\"message\":\"Too many requests\"}", "throttlingException"));
	}

	@Test
	void holdsNoFrameBetweenFramesAndKnowsWhenOneIsCut() {
		byte[] frame = EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}");
		EventStreamDecoder decoder = new EventStreamDecoder();
		decoder.feed(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOf(frame, 5)), (t, d, o, l, i) -> {
		});
		assertThat(decoder.inFrame()).isTrue();
		decoder.feed(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(frame, 5, frame.length)),
				(t, d, o, l, i) -> {
				});
		assertThat(decoder.inFrame()).isFalse();
		assertThat(decoder.frameCount()).isEqualTo(1);
	}

	@Test
	void refusesAFrameLongerThanTheLimitBeforeAllocatingIt() {
		byte[] prelude = new byte[12];
		ByteBuffer.wrap(prelude).putInt(Integer.MAX_VALUE).putInt(0);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(prelude, 0, 8);
		ByteBuffer.wrap(prelude, 8, 4).putInt((int) crc.getValue());
		assertThatExceptionOfType(EventStreamException.class).isThrownBy(() -> decode(prelude))
			.withMessageContaining("frame length");
	}

	static byte[] bytes(Message message) {
		ByteBuffer buffer = message.toByteBuffer();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
