package io.github.llmclient.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' frame encoder writes exactly what AWS's encoder writes and what Bedrock sent in the
 * recorded streams, so frames it makes are honest fixtures.
 */
class EventStreamFramesTests {

	@Test
	void reEncodesEveryRecordedFrameByteForByte() {
		for (String fixture : List.of("/bedrock/converse-stream-text.hex", "/bedrock/converse-stream-reasoning.hex")) {
			ByteBuffer recorded = ByteBuffer.wrap(EventStreamFrames.hexResource(fixture));
			List<byte[]> frames = new ArrayList<>();
			while (recorded.hasRemaining()) {
				int start = recorded.position();
				// AWS's decoder reads the recording...
				Message message = Message.decode(recorded);
				byte[] original = new byte[recorded.position() - start];
				recorded.duplicate().position(start).get(original);
				Map<String, String> headers = new LinkedHashMap<>();
				message.getHeaders().forEach((name, value) -> headers.put(name, value.getString()));
				// ...and the helper writes it again, identically
				assertThat(EventStreamFrames.frame(headers, message.getPayload())).as(fixture).isEqualTo(original);
				frames.add(original);
			}
			assertThat(frames).isNotEmpty();
		}
	}

	@Test
	void writesWhatAwsEncoderWrites() {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":event-type", HeaderValue.fromString("contentBlockDelta"));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		headers.put(":message-type", HeaderValue.fromString("event"));
		String payload = "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}";
		byte[] aws = EventStreamDecoderTests.bytes(new Message(headers, payload.getBytes(StandardCharsets.UTF_8)));
		assertThat(EventStreamFrames.event("contentBlockDelta", payload)).isEqualTo(aws);
	}

}
