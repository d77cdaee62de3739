package io.github.llmclient.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SseDecoderTests {

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r\n", "\r" })
	void decodesEveryLineEnding(String eol) {
		String stream = "event: add" + eol + "data: 73857293" + eol + eol + "data: second" + eol + eol;
		assertThat(decodeWhole(stream)).containsExactly(new SseEvent("add", bytes("73857293"), null),
				new SseEvent("message", bytes("second"), null));
	}

	@Test
	void joinsDataLinesWithLineFeed() {
		assertThat(decodeWhole("data: YHOO\ndata: +2\ndata: 10\n\n")).extracting(SseEvent::dataAsString)
			.containsExactly("YHOO\n+2\n10");
	}

	@Test
	void followsTheStandardsFieldParsingExamples() {
		// From the WHATWG spec: "data" alone is an empty data line; "data:" likewise; only one
		// leading space is stripped.
		List<SseEvent> events = decodeWhole("data\n\ndata\ndata\n\ndata:\n\ndata:  two spaces\n\n");
		assertThat(events).extracting(SseEvent::dataAsString).containsExactly("", "\n", "", " two spaces");
	}

	@Test
	void ignoresCommentsAndUnknownFieldsAndDoesNotDispatchEventsWithoutData() {
		List<SseEvent> events = decodeWhole(": keep-alive\n\nevent: ping\n\nfoo: bar\ndata: x\n\n");
		assertThat(events).containsExactly(new SseEvent("message", bytes("x"), null));
	}

	@Test
	void tracksLastEventIdAndRetry() {
		SseDecoder decoder = new SseDecoder();
		List<SseEvent> events = new ArrayList<>();
		byte[] input = bytes("id: 7\nretry: 1500\ndata: a\n\ndata: b\n\nid\ndata: c\n\nretry: x\n\n");
		decoder.feed(input, 0, input.length, events::add);
		assertThat(events).extracting(SseEvent::id).containsExactly("7", "7", "");
		assertThat(decoder.reconnectionTime()).isEqualTo(1500);
	}

	@Test
	void ignoresIdContainingNull() {
		assertThat(decodeWhole("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n")).extracting(SseEvent::id)
			.containsExactly("1", "1");
	}

	@Test
	void skipsLeadingByteOrderMarkOnly() {
		assertThat(decodeWhole("\uFEFFdata: a\n\ndata: \uFEFFb\n\n")).extracting(SseEvent::dataAsString)
			.containsExactly("a", "\uFEFFb");
	}

	@Test
	void dropsAnEventTheStreamDidNotFinish() {
		assertThat(decodeWhole("data: complete\n\ndata: incomplete\n")).extracting(SseEvent::dataAsString)
			.containsExactly("complete");
	}

	@Test
	void decodesIdenticallyWhateverWhereTheBytesAreSplit() {
		String stream = "\uFEFFevent: delta\r\ndata: {\"content\":\"你好，世界 🌍\"}\r\n\r\n: ping\r\rdata: 第二\rdata: 行\r\r"
				+ "id: 42\ndata: [DONE]\n\n";
		byte[] input = bytes(stream);
		List<SseEvent> expected = decodeWhole(stream);
		assertThat(expected).extracting(SseEvent::dataAsString)
			.containsExactly("{\"content\":\"你好，世界 🌍\"}", "第二\n行", "[DONE]");
		for (int split = 0; split <= input.length; split++) {
			for (int second = split; second <= input.length; second += 7) {
				SseDecoder decoder = new SseDecoder();
				List<SseEvent> events = new ArrayList<>();
				decoder.feed(input, 0, split, events::add);
				decoder.feed(input, split, second - split, events::add);
				decoder.feed(input, second, input.length - second, events::add);
				assertThat(events).as("split at %d and %d", split, second).isEqualTo(expected);
			}
		}
	}

	@Test
	void decodesOneByteBuffersAndReleasesThem() {
		byte[] input = bytes("data: 一\r\n\r\ndata: 二\r\n\r\n");
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		List<DataBuffer> buffers = new ArrayList<>();
		for (byte b : input) {
			buffers.add(factory.wrap(new byte[] { b }));
		}
		StepVerifier.create(SseDecoder.decode(Flux.fromIterable(buffers)).map(SseEvent::dataAsString))
			.expectNext("一", "二")
			.verifyComplete();
		assertThat(buffers).allSatisfy((buffer) -> assertThat(buffer.readableByteCount()).isZero());
	}

	@Test
	void respectsBackpressure() {
		DefaultDataBufferFactory factory = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> buffers = Flux.just(factory.wrap(bytes("data: 1\n\ndata: 2\n\ndata: 3\n\n")));
		StepVerifier.create(SseDecoder.decode(buffers).map(SseEvent::dataAsString), 1)
			.expectNext("1")
			.thenRequest(1)
			.expectNext("2")
			.thenRequest(1)
			.expectNext("3")
			.verifyComplete();
	}

	@Test
	void refusesALineThatNeverEnds() {
		SseDecoder decoder = new SseDecoder();
		byte[] megabyte = new byte[1024 * 1024];
		java.util.Arrays.fill(megabyte, (byte) 'x');
		byte[] start = bytes("data: ");
		decoder.feed(start, 0, start.length, (event) -> {
		});
		org.assertj.core.api.Assertions.assertThatExceptionOfType(org.springframework.core.io.buffer.DataBufferLimitException.class)
			.isThrownBy(() -> {
				for (int i = 0; i < 17; i++) {
					decoder.feed(megabyte, 0, megabyte.length, (event) -> {
					});
				}
			})
			.withMessageContaining("exceeds the limit");
	}

	@Test
	void refusesAnEventWhoseDataLinesNeverEnd() {
		SseDecoder decoder = new SseDecoder();
		byte[] line = bytes("data: " + "y".repeat(1024 * 1024 - 10) + "\n");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(org.springframework.core.io.buffer.DataBufferLimitException.class)
			.isThrownBy(() -> {
				for (int i = 0; i < 17; i++) {
					decoder.feed(line, 0, line.length, (event) -> {
					});
				}
			});
	}

	private static List<SseEvent> decodeWhole(String stream) {
		SseDecoder decoder = new SseDecoder();
		List<SseEvent> events = new ArrayList<>();
		byte[] input = bytes(stream);
		decoder.feed(input, 0, input.length, events::add);
		return events;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
