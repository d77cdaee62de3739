package io.github.llmclient.exchange;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.error.ErrorDetails;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.error.LlmProtocolException;
import io.github.llmclient.eventstream.EventStreamFrames;
import io.github.llmclient.provider.ProviderAdapter;
import io.github.llmclient.provider.ProviderRequest;
import io.github.llmclient.provider.StreamFraming;
import io.github.llmclient.provider.bedrock.BedrockAdapter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One attempt's AWS event stream through {@link StreamReader} (the reader SSE streams use) and
 * Bedrock's mapper, its bytes split into network buffers at every position.
 */
class EventStreamReaderTests {

	private final ClientConfig config = ClientConfig.builder(Provider.BEDROCK).bedrockRegion("us-east-1").apiKey("k").build();

	// what Provider.BEDROCK creates for the configuration
	private final ProviderAdapter adapter = new BedrockAdapter(this.config.baseUrl(), this.config.apiKey(),
			this.config.bedrockRegion(), this.config.maxTokens(), JsonMapper.builder().build());

	private final ProviderRequest request = this.adapter
		.chatRequest(ChatRequest.builder().model("anthropic.claude-3-5-sonnet-20240620-v1:0").user("Hi").build(), true);

	private StreamReader reader() {
		assertThat(this.adapter.streamFraming()).isEqualTo(StreamFraming.AWS_EVENT_STREAM);
		return new StreamReader(this.adapter.streamFraming(), this.adapter.streamMapper(this.request), (s) -> s,
				(ex) -> new LlmProtocolException("Malformed: " + ex.getMessage(), ErrorDetails.builder("bedrock").build(), ex),
				(error) -> new LlmException(error.type() + ": " + error.message(), ErrorDetails.builder("bedrock").build(),
						null));
	}

	private List<Object> read(StreamReader reader, byte[] bytes, int... cuts) {
		List<Object> items = new ArrayList<>();
		int from = 0;
		int[] all = Arrays.copyOf(cuts, cuts.length + 1);
		all[cuts.length] = bytes.length;
		for (int cut : all) {
			items.addAll(reader.read(DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(bytes, from, cut))));
			from = cut;
		}
		return items;
	}

	private static ChatResponse aggregate(List<Object> items) {
		ChatChunks.Aggregator aggregator = new ChatChunks.Aggregator();
		items.forEach((item) -> aggregator.add((ChatChunk) item));
		return aggregator.toResponse();
	}

	@Test
	void aRecordedStreamSplitAtEveryTwoPositionsGivesTheSameAnswer() {
		byte[] recorded = EventStreamFrames.hexResource("/bedrock/converse-stream-reasoning.hex");
		StreamReader whole = reader();
		ChatResponse expected = aggregate(read(whole, recorded));
		assertThat(whole.complete()).isTrue();
		assertThat(expected.content()).isEqualTo("The answer is 42.");
		assertThat(expected.usage().totalTokens()).isEqualTo(30);
		for (int first = 1; first < recorded.length; first += 7) {
			for (int second = first + 1; second < recorded.length; second += 13) {
				StreamReader reader = reader();
				assertThat(aggregate(read(reader, recorded, first, second))).as("cut at %d and %d", first, second)
					.isEqualTo(expected);
				assertThat(reader.complete()).isTrue();
			}
		}
		int[] everyByte = new int[recorded.length - 1];
		Arrays.setAll(everyByte, (i) -> i + 1);
		assertThat(aggregate(read(reader(), recorded, everyByte))).isEqualTo(expected);
	}

	@Test
	void aStreamCutInsideAFrameIsNotComplete() {
		byte[] recorded = EventStreamFrames.hexResource("/bedrock/converse-stream-text.hex");
		StreamReader reader = reader();
		read(reader, Arrays.copyOf(recorded, recorded.length - 3));
		assertThat(reader.complete()).isFalse();
	}

	@Test
	void aChecksumMismatchFailsTheStreamAfterTheChunksBeforeIt() {
		byte[] bad = EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"b\"}}");
		bad[20] ^= 0x40;
		List<Object> items = read(reader(), EventStreamFrames.concat(
				EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"a\"}}"), bad,
				EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}")));
		assertThat(items).hasSize(2);
		assertThat(((ChatChunk) items.get(0)).content()).isEqualTo("a");
		assertThat(items.get(1)).isInstanceOf(LlmProtocolException.class);
		assertThat(((Throwable) items.get(1)).getMessage()).contains("message checksum mismatch");
	}

	@Test
	void theModelOfTheUrlIsDecodedOnce() {
		assertThat(this.request.uri()).isEqualTo(URI.create(
				"https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream"));
	}

}
