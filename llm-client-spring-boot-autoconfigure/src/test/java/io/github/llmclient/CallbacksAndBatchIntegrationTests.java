package io.github.llmclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.StreamListener;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmProtocolException;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's callback and batch patterns, the Spring way. */
class CallbacksAndBatchIntegrationTests extends OpenAiTemplateTestSupport {

	private static final String STREAM = "data: {\"id\":\"s\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
			+ "data: {\"id\":\"s\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
			+ "data: {\"id\":\"s\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\n"
			+ "data: [DONE]\n\n";

	@Test
	void aListenerReceivesEveryChunkThenTheAggregatedResponseOnce() throws InterruptedException {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAM)));
		RecordingListener listener = new RecordingListener();
		this.template.stream(ChatRequest.of("Hi"), listener);
		assertThat(listener.done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(listener.chunks).extracting(ChatChunk::content).containsExactly("Hel", "lo", "");
		assertThat(listener.completed).containsExactly(new ChatResponse("s", "m", "Hello", "stop", new Usage(1, 2, 3)));
		assertThat(listener.errors).isEmpty();
	}

	@Test
	void aFailedStreamCallsOnErrorOnceAndNeverOnComplete() throws InterruptedException {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\"}}]}\n\n")));
		RecordingListener listener = new RecordingListener();
		this.template.stream(ChatRequest.of("Hi"), listener);
		assertThat(listener.done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(listener.errors).singleElement().isInstanceOf(LlmProtocolException.class);
		assertThat(listener.completed).isEmpty();
		assertThat(listener.chunks).extracting(ChatChunk::content).containsExactly("cut");
	}

	@Test
	void aThrowingListenerCancelsTheStreamAndHearsItThroughOnError() throws InterruptedException {
		try (DribbleServer server = DribbleServer.endless();
				LlmTemplate endless = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			IllegalStateException bug = new IllegalStateException("listener bug");
			RecordingListener listener = new RecordingListener() {
				@Override
				public void onChunk(ChatChunk chunk) {
					super.onChunk(chunk);
					if (this.chunks.size() == 3) {
						throw bug;
					}
				}
			};
			endless.stream(ChatRequest.of("Hi"), listener);
			assertThat(listener.done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(listener.errors).containsExactly(bug);
			assertThat(listener.completed).isEmpty();
			assertThat(server.connectionClosed.await(10, TimeUnit.SECONDS)).as("the stream was cancelled").isTrue();
			assertThat(listener.chunks).hasSize(3);
			assertThat(endless.activeRequests()).isZero();
		}
	}

	@Test
	void disposingCancelsTheStreamAndNoCallbackFollows() throws InterruptedException {
		try (DribbleServer server = DribbleServer.endless();
				LlmTemplate endless = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).build()).build()) {
			CountDownLatch firstChunks = new CountDownLatch(2);
			RecordingListener listener = new RecordingListener() {
				@Override
				public void onChunk(ChatChunk chunk) {
					super.onChunk(chunk);
					firstChunks.countDown();
				}
			};
			Disposable stream = endless.stream(ChatRequest.of("Hi"), listener);
			assertThat(firstChunks.await(10, TimeUnit.SECONDS)).isTrue();
			stream.dispose();
			assertThat(stream.isDisposed()).isTrue();
			assertThat(server.connectionClosed.await(10, TimeUnit.SECONDS)).isTrue();
			int seen = listener.chunks.size();
			assertThat(listener.completed).isEmpty();
			assertThat(listener.errors).isEmpty();
			assertThat(listener.chunks).hasSize(seen);
		}
	}

	@Test
	void batchKeepsInputOrderAndIsolatesFailures() {
		this.wireMock.stubFor(post("/v1/chat/completions").willReturn(okJson(
				"{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")
			.withUniformRandomDelay(1, 60)));
		this.wireMock.stubFor(post("/v1/chat/completions").withRequestBody(containing("bad")).atPriority(1)
			.willReturn(aResponse().withStatus(400)));
		List<ChatRequest> requests = List.of(ChatRequest.of("q0"), ChatRequest.of("q1 bad"), ChatRequest.of("q2"),
				ChatRequest.of("q3"), ChatRequest.of("q4 bad"), ChatRequest.of("q5"));
		List<int[]> progress = new CopyOnWriteArrayList<>();
		List<BatchResult> results = this.template.batch(requests, 2, (done, total) -> progress.add(new int[] { done, total }))
			.block(Duration.ofSeconds(20));
		assertThat(results).extracting(BatchResult::index).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(results).extracting(BatchResult::request).containsExactlyElementsOf(requests);
		assertThat(results).extracting(BatchResult::isSuccess).containsExactly(true, false, true, true, false, true);
		assertThat(results.get(1).error()).isInstanceOf(LlmBadRequestException.class);
		assertThat(results.get(1).response()).isNull();
		assertThat(results.get(0).response().content()).isEqualTo("ok");
		assertThat(results.get(0).error()).isNull();
		assertThat(progress).extracting((p) -> p[0]).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(progress).allSatisfy((p) -> assertThat(p[1]).isEqualTo(6));
	}

	@Test
	void batchRunsAtMostMaxConcurrentAtOnce() {
		try (StubServer server = new StubServer(Duration.ofMillis(20), 0);
				LlmTemplate wide = LlmTemplate.builder(TestClients.openAi(server.baseUrl()).maxConcurrent(50).build()).build()) {
			List<ChatRequest> requests = java.util.stream.IntStream.range(0, 30).mapToObj((i) -> ChatRequest.of("q" + i)).toList();
			assertThat(wide.batch(requests, 4, null).block(Duration.ofSeconds(20))).hasSize(30).allMatch(BatchResult::isSuccess);
			assertThat(server.maxInFlight.get()).isLessThanOrEqualTo(4);
			AtomicReference<List<BatchResult>> byDefault = new AtomicReference<>(wide.batch(requests).block(Duration.ofSeconds(20)));
			assertThat(byDefault.get()).hasSize(30);
		}
	}

	@Test
	void anEmptyBatchIsAnEmptyList() {
		AtomicInteger calls = new AtomicInteger();
		assertThat(this.template.batch(List.of(), 3, (done, total) -> calls.incrementAndGet()).block()).isEmpty();
		assertThat(calls).hasValue(0);
	}

	static class RecordingListener implements StreamListener {

		final List<ChatChunk> chunks = new CopyOnWriteArrayList<>();

		final List<ChatResponse> completed = new CopyOnWriteArrayList<>();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		final CountDownLatch done = new CountDownLatch(1);

		@Override
		public void onChunk(ChatChunk chunk) {
			this.chunks.add(chunk);
		}

		@Override
		public void onComplete(ChatResponse response) {
			this.completed.add(response);
			this.done.countDown();
		}

		@Override
		public void onError(Throwable error) {
			this.errors.add(error);
			this.done.countDown();
		}

	}

}
