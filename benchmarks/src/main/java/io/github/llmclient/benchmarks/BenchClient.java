package io.github.llmclient.benchmarks;

import java.util.List;
import java.util.function.Predicate;

import io.github.llmclient.HttpVersion;
import io.github.llmclient.ratelimit.RateLimitSettings;
import io.github.llmclient.retry.RetryQuotaSettings;
import reactor.core.publisher.Mono;

/**
 * One of the clients under comparison. Each call is lazy and reports whether the answer it read
 * was exactly the one the stub sent; transport failures surface as errors, which the scenarios
 * count.
 */
interface BenchClient extends AutoCloseable {

	/**
	 * One non-streaming chat.
	 * @return true when the answer is exactly right
	 */
	Mono<Boolean> chat();

	/**
	 * One stream, read to its end.
	 * @param shape what the stub sends
	 * @return true when the concatenated text is exactly right
	 */
	Mono<Boolean> stream(StreamShape shape);

	/**
	 * One call that embeds all the texts (E1), in requests of at most
	 * {@link EmbedShape#batchSize()} texts, at most {@link EmbedShape#concurrency()} at once,
	 * joined in input order.
	 * @param texts E1's texts ({@link EmbeddingPayloads#texts(int)})
	 * @param shape batch size, dimensions, concurrency
	 * @return once every vector is read, the check of what was read against the expected vectors,
	 * to run once the clock has stopped
	 */
	Mono<Predicate<EmbeddingPayloads.Check>> embed(List<String> texts, EmbedShape shape);

	/**
	 * The retries this client has made so far (S4x). Clients without retries make none.
	 * @return the retries counted by the client's {@code llm.client.retries} meter, refused ones
	 * ({@code quota_exhausted}) left out
	 */
	default double retriesSpent() {
		return 0;
	}

	/**
	 * The retries this client's retry quota has refused so far (S4x).
	 * @return the {@code llm.client.retries} count with reason {@code quota_exhausted}
	 */
	default double retriesRefused() {
		return 0;
	}

	/**
	 * The tokens left in this client's retry quota (S4x).
	 * @return the {@code llm.client.retry.quota} gauge, or NaN without one
	 */
	default double retryQuotaLeft() {
		return Double.NaN;
	}

	@Override
	void close();

	/**
	 * Creates the named client.
	 * @param name {@code raw}, {@code webclient}, {@code llm}, {@code llm-floats} (LlmTemplate
	 * against a server that ignores {@code encoding_format} and answers embeddings as JSON numbers),
	 * {@code llm-group} (a group of two LlmTemplate clients with circuit breakers, same stub),
	 * {@code llm-budget} (LlmTemplate with a rate-limit budget never exhausted), {@code llm-noquota}
	 * (LlmTemplate with {@code llm.retry.quota.enabled: false}), {@code llm-h2c}
	 * (LlmTemplate with {@code http-version: http2} against the stub's h2c port),
	 * {@code spring-ai-bridge} (Spring AI's ChatClient over LlmChatModel over the {@code llm} template),
	 * {@code spring-ai-model} (that LlmChatModel called directly), {@code llm-blocking} (LlmTemplate's
	 * chats waited for with {@code block()} on bounded-elastic threads, as the bridge's are; S1 only),
	 * {@code llm-gemini}
	 * (LlmTemplate with {@code provider: gemini}: S2, S6 and E1 in Gemini's shapes) or
	 * {@code webclient-gemini} (plain WebClient + Jackson reading Gemini's embeddings, E1 only)
	 * @param port the stub's port
	 * @param h2cPort the stub's h2c port
	 * @param connections the connection pool size, the same for every client
	 * @param meters whether LlmTemplate records its meters (the default; off only to measure them)
	 * @param embeddingBatchSize LlmTemplate's {@code embedding-batch-size}
	 * @return the client
	 */
	static BenchClient create(String name, int port, int h2cPort, int connections, boolean meters,
			int embeddingBatchSize) {
		String base = "http://127.0.0.1:" + port + "/v1";
		return switch (name) {
			case "raw" -> new RawNettyClient(base, connections);
			case "webclient" -> new PlainWebClient(base, connections);
			case "llm" -> new LlmTemplateClient(base, connections, meters, embeddingBatchSize, HttpVersion.HTTP1_1);
			case "llm-noquota" -> new LlmTemplateClient(base, connections, meters, embeddingBatchSize,
					HttpVersion.HTTP1_1, RateLimitSettings.defaults(), RetryQuotaSettings.disabled());
			case "llm-budget" -> new LlmTemplateClient(base, connections, meters, embeddingBatchSize,
					HttpVersion.HTTP1_1, LlmTemplateClient.neverExhaustedBudget());
			case "llm-h2c" -> new LlmTemplateClient("http://127.0.0.1:" + h2cPort + "/v1", connections, meters,
					embeddingBatchSize, HttpVersion.HTTP2);
			case "llm-group" -> LlmTemplateClient.group(base, connections, meters, embeddingBatchSize);
			case "spring-ai-bridge" -> new SpringAiBridgeClient(base, connections, meters, embeddingBatchSize, true);
			case "spring-ai-model" -> new SpringAiBridgeClient(base, connections, meters, embeddingBatchSize, false);
			case "llm-blocking" -> LlmTemplateClient.blocking(base, connections, meters, embeddingBatchSize);
			case "llm-floats" -> new LlmTemplateClient("http://127.0.0.1:" + port + StubServer.FLOATS_PREFIX + "/v1",
					connections, meters, embeddingBatchSize, HttpVersion.HTTP1_1);
			case "llm-gemini" -> LlmTemplateClient.gemini("http://127.0.0.1:" + port + "/v1beta", connections, meters,
					embeddingBatchSize);
			case "webclient-gemini" -> new GeminiWebClient("http://127.0.0.1:" + port + "/v1beta", connections);
			default -> throw new IllegalArgumentException("Unknown client " + name
					+ " (raw, webclient, llm, llm-noquota, llm-floats, llm-group, llm-budget, llm-h2c, spring-ai-bridge, "
					+ "spring-ai-model, llm-blocking, llm-gemini, webclient-gemini)");
		};
	}

}
