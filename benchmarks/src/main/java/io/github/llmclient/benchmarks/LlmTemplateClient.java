package io.github.llmclient.benchmarks;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The starter's {@link LlmTemplate} in its default configuration (retries, permits, timeouts,
 * meters in a {@code SimpleMeterRegistry}; {@code --llm-meters=false} turns them off to measure them),
 * except that {@code max-concurrent} is the scenario's concurrency and {@code max-queued} at least
 * 1,000: with the default of 10 permits the limit itself would serialise S1 and S3, and the
 * connection pool, which the template sizes to its permits, would differ from the other clients'.
 */
final class LlmTemplateClient implements BenchClient {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final LlmTemplate template;

	private final Expected expected = new Expected();

	private final ChatRequest request = ChatRequest.of(Payloads.PROMPT);

	LlmTemplateClient(String base, int connections, boolean meters) {
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.OPENAI)
			.name("bench")
			.baseUrl(base)
			.model(Payloads.MODEL)
			.maxConcurrent(connections)
			.maxQueued(Math.max(1000, connections))
			.build()).metrics(meters ? new MicrometerLlmMetrics(this.registry) : LlmMetrics.NOOP).build();
	}

	@Override
	public Mono<Boolean> chat() {
		return this.template.chat(this.request).map((response) -> Payloads.CHAT_ANSWER.equals(response.content()));
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		String answer = this.expected.streamAnswer(shape.chunks());
		return Mono.defer(() -> {
			StringBuilder text = new StringBuilder(answer.length());
			return this.template.stream(this.request)
				.doOnNext((ChatChunk chunk) -> text.append(chunk.content()))
				.then(Mono.fromSupplier(() -> answer.contentEquals(text)));
		});
	}

	@Override
	public void close() {
		this.template.close();
	}

}
