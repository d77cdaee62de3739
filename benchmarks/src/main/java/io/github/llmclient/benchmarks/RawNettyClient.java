package io.github.llmclient.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The ceiling: Reactor Netty's {@link HttpClient} reading the body as bytes, with no JSON and no
 * SSE parsing. It checks each body against the CRC-32 of what the stub sends, which touches every
 * byte once.
 */
final class RawNettyClient implements BenchClient {

	private static final byte[] CHAT_REQUEST = Payloads.requestBody(false);

	private static final byte[] STREAM_REQUEST = Payloads.requestBody(true);

	private final HttpClient client;

	private final String base;

	private final long chatCrc = Payloads.chatCrc();

	private final Map<String, Long> embeddingCrcs = new ConcurrentHashMap<>();

	private int crcChunks = -1;

	private StreamContent crcContent;

	private long streamCrc;

	RawNettyClient(String base, int connections) {
		this.client = Connections.httpClient("raw", connections)
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
		this.base = base;
	}

	@Override
	public Mono<Boolean> chat() {
		return post(this.base + "/chat/completions", CHAT_REQUEST, this.chatCrc);
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		return post(this.base + "/chat/completions", STREAM_REQUEST, expectedStreamCrc(shape));
	}

	private synchronized long expectedStreamCrc(StreamShape shape) {
		if (this.crcChunks != shape.chunks() || this.crcContent != shape.content()) {
			this.streamCrc = shape.content().crc(shape.chunks());
			this.crcChunks = shape.chunks();
			this.crcContent = shape.content();
		}
		return this.streamCrc;
	}

	private Mono<Boolean> post(String uri, byte[] body, long expectedCrc) {
		return this.client.post()
			.uri(uri)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.response((response, content) -> {
				if (response.status().code() != 200) {
					return Mono.error(new IllegalStateException("HTTP " + response.status()));
				}
				CRC32 crc = new CRC32();
				return content.doOnNext((buffer) -> update(crc, buffer)).then(Mono.fromSupplier(() -> crc.getValue() == expectedCrc));
			})
			.single();
	}

	/**
	 * E1's ceiling: the same batches asking for base64, each body read as bytes and checked by
	 * CRC-32 against what the stub sends for that batch (computed once per batch shape), no JSON,
	 * no decoding.
	 */
	@Override
	public Mono<Predicate<EmbeddingPayloads.Check>> embed(List<String> texts, EmbedShape shape) {
		int size = shape.batchSize();
		int batches = (texts.size() + size - 1) / size;
		return Flux.range(0, batches).flatMapSequential((batch) -> {
			int first = batch * size;
			List<String> slice = texts.subList(first, Math.min(texts.size(), first + size));
			byte[] body = EmbeddingPayloads.requestBody(slice, shape.dimensions(), true);
			long crc = this.embeddingCrcs.computeIfAbsent(
					(first % EmbeddingPayloads.CYCLE) + "/" + slice.size() + "/" + shape.dimensions(),
					(key) -> EmbeddingPayloads.crc(first, slice.size(), shape.dimensions(), true));
			return post(this.base + "/embeddings", body, crc);
		}, shape.concurrency(), 1).all(Boolean::booleanValue).map((right) -> (check) -> right);
	}

	private static void update(CRC32 crc, ByteBuf buffer) {
		crc.update(buffer.nioBuffer());
	}

	@Override
	public void close() {
		Connections.dispose(this.client);
	}

}
