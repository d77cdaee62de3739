package io.github.llmclient.benchmarks;

import java.util.List;
import java.util.function.Predicate;

import io.github.llmclient.HttpVersion;
import io.github.llmclient.springai.LlmChatModel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The {@code spring-ai-bridge} subject: Spring AI's {@code ChatClient} over {@link LlmChatModel}
 * over the same {@code LlmTemplate} as {@code llm} (same configuration, same meters), to measure
 * what the bridge adds: mapping, not transport. {@code ChatClient.call()} blocks by contract, so a
 * chat runs on Reactor's bounded-elastic threads, as a servlet application's request threads would
 * run it; a stream is {@code ChatClient.stream().content()}, non-blocking. Only text streams (S2)
 * and chats (S1). The {@code spring-ai-model} subject calls the {@link LlmChatModel} directly,
 * without ChatClient: what the bridge's own mapping costs, apart from ChatClient's machinery.
 */
final class SpringAiBridgeClient implements BenchClient {

	private final LlmTemplateClient delegate;

	private final LlmChatModel model;

	private final ChatClient chatClient;

	/** Whether calls go through ChatClient ({@code spring-ai-bridge}) or to the model directly ({@code spring-ai-model}). */
	private final boolean viaChatClient;

	private final Expected expected = new Expected();

	SpringAiBridgeClient(String base, int connections, boolean meters, int embeddingBatchSize, boolean viaChatClient) {
		this.delegate = new LlmTemplateClient(base, connections, meters, embeddingBatchSize, HttpVersion.HTTP1_1);
		this.model = new LlmChatModel(this.delegate.template());
		this.chatClient = ChatClient.create(this.model);
		this.viaChatClient = viaChatClient;
	}

	@Override
	public Mono<Boolean> chat() {
		return Mono.fromCallable(() -> Payloads.CHAT_ANSWER.equals(this.viaChatClient
				? this.chatClient.prompt(Payloads.PROMPT).call().content()
				: this.model.call(new Prompt(Payloads.PROMPT)).getResult().getOutput().getText()))
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		if (shape.content() != StreamContent.TEXT) {
			return Mono.error(new UnsupportedOperationException("spring-ai-bridge streams text only (S2)"));
		}
		String answer = this.expected.answer(shape);
		return Mono.defer(() -> {
			StringBuilder text = new StringBuilder(answer.length());
			Flux<String> deltas = this.viaChatClient ? this.chatClient.prompt(Payloads.PROMPT).stream().content()
					: this.model.stream(new Prompt(Payloads.PROMPT)).map((response) -> {
						String delta = response.getResult().getOutput().getText();
						return (delta != null) ? delta : "";
					});
			return deltas.doOnNext(text::append)
				.then(Mono.fromSupplier(() -> answer.contentEquals(text)));
		});
	}

	@Override
	public Mono<Predicate<EmbeddingPayloads.Check>> embed(List<String> texts, EmbedShape shape) {
		return this.delegate.embed(texts, shape);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
