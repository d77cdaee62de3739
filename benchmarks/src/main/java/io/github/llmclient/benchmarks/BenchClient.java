package io.github.llmclient.benchmarks;

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

	@Override
	void close();

	/**
	 * Creates the named client.
	 * @param name {@code raw}, {@code webclient} or {@code llm}
	 * @param port the stub's port
	 * @param connections the connection pool size, the same for every client
	 * @param meters whether LlmTemplate records its meters (the default; off only to measure them)
	 * @return the client
	 */
	static BenchClient create(String name, int port, int connections, boolean meters) {
		String base = "http://127.0.0.1:" + port + "/v1";
		return switch (name) {
			case "raw" -> new RawNettyClient(base, connections);
			case "webclient" -> new PlainWebClient(base, connections);
			case "llm" -> new LlmTemplateClient(base, connections, meters);
			default -> throw new IllegalArgumentException("Unknown client " + name + " (raw, webclient, llm)");
		};
	}

}
