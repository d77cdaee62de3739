package io.github.llmclient.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.metrics.LlmMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The starter's {@link LlmTemplate} in its default configuration (retries, permits, timeouts),
 * except that {@code max-concurrent} is the scenario's concurrency and {@code max-queued} at least
 * 1,000: with the default of 10 permits the limit itself would serialise S1 and S3, and the
 * connection pool, which the template sizes to its permits, would differ from the other clients'.
 * Stream length and pace go in the base URL's query, which the template keeps, so one template
 * exists per distinct query.
 */
final class LlmTemplateClient implements BenchClient {

	private final String base;

	private final int connections;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final Map<String, LlmTemplate> templates = new ConcurrentHashMap<>();

	private final Expected expected = new Expected();

	private final ChatRequest request = ChatRequest.of(Payloads.PROMPT);

	LlmTemplateClient(String base, int connections) {
		this.base = base;
		this.connections = connections;
	}

	/**
	 * The metrics the template records into. Until the Micrometer implementation of
	 * {@link LlmMetrics} exists this is {@link LlmMetrics#NOOP}; plugging it in is this one line.
	 */
	private static LlmMetrics metrics(MeterRegistry registry) {
		return LlmMetrics.NOOP;
	}

	private LlmTemplate template(String query) {
		return this.templates.computeIfAbsent(query, (key) -> LlmTemplate.builder(ClientConfig.builder(Provider.OPENAI)
			.name("bench")
			.baseUrl(this.base + key)
			.model(Payloads.MODEL)
			.maxConcurrent(this.connections)
			.maxQueued(Math.max(1000, this.connections))
			.build()).metrics(metrics(this.registry)).build());
	}

	@Override
	public Mono<Boolean> chat() {
		return template("").chat(this.request).map((response) -> Payloads.CHAT_ANSWER.equals(response.content()));
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		String answer = this.expected.streamAnswer(shape.chunks());
		LlmTemplate template = template(shape.query());
		return Mono.defer(() -> {
			StringBuilder text = new StringBuilder(answer.length());
			return template.stream(this.request)
				.doOnNext((ChatChunk chunk) -> text.append(chunk.content()))
				.then(Mono.fromSupplier(() -> answer.contentEquals(text)));
		});
	}

	@Override
	public void close() {
		this.templates.values().forEach(LlmTemplate::close);
	}

}
