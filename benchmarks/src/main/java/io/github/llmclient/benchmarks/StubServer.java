package io.github.llmclient.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An OpenAI-compatible stub on loopback and an ephemeral port, in its own JVM, answering from
 * precomputed bytes. {@code POST /v1/chat/completions} answers a chat completion, or, when the body
 * asks for {@code "stream":true}, an event stream whose length, pace and content were last set with
 * {@code GET /shape?chunks=N&delayMs=D&perWrite=W&content=TEXT|TOOL_CALLS} (defaults 100, 0, 1 and
 * {@code TEXT}: one event per HTTP chunk, as real servers write them, of text deltas; or
 * {@code TOOL_CALLS}, the argument fragments of one tool call), or are given by the same query on
 * the request. {@code POST /v1/embeddings} answers E1's vectors (see {@link #embeddings}). Setting the shape on the server rather than in each client's URL lets every client keep one base URL,
 * and so one connection pool (a template per URL would bring a pool per URL). {@code GET /stats} answers how many
 * connections have been accepted and how many of them closed, so a client can tell whether it reuses its connections. Prints {@code PORT <n>} once listening and
 * stops when its standard input closes, so it never outlives the harness.
 */
public final class StubServer {

	private static final byte[] STREAM_FLAG = "\"stream\":true".getBytes();

	/**
	 * The path prefix of a server that ignores {@code encoding_format} and always answers JSON
	 * arrays of numbers (as some OpenAI-compatible servers do): a client with base URL
	 * {@code …/floats/v1} gets them.
	 */
	static final String FLOATS_PREFIX = "/floats";

	/** E1's response bodies, built on first use. */
	private static final Map<String, byte[]> embeddingBodies = new ConcurrentHashMap<>();

	private static final AtomicLong connections = new AtomicLong();

	private static final AtomicLong closed = new AtomicLong();

	/** The connections of the h2c port (HTTP/2 with prior knowledge, S5), counted apart. */
	private static final AtomicLong h2cConnections = new AtomicLong();

	private static final AtomicLong h2cClosed = new AtomicLong();

	/** The streams to come, set with {@code GET /shape}. */
	private static final AtomicReference<StreamShape> shape = new AtomicReference<>(new StreamShape(100, 0, 1));

	private StubServer() {
	}

	/**
	 * Runs the server until standard input closes.
	 * @param args none
	 * @throws IOException when standard input cannot be read
	 */
	public static void main(String[] args) throws IOException {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> {
				connections.incrementAndGet();
				channel.closeFuture().addListener((future) -> closed.incrementAndGet());
			})
			.handle(StubServer::handle)
			.bindNow();
		// The same routes over h2c (HTTP/2 cleartext, prior knowledge) on a second port, for S5.
		DisposableServer h2c = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.H2C)
			.doOnChannelInit((observer, channel, address) -> {
				h2cConnections.incrementAndGet();
				channel.closeFuture().addListener((future) -> h2cClosed.incrementAndGet());
			})
			.handle(StubServer::handle)
			.bindNow();
		System.out.println("PORT " + server.port() + " " + h2c.port());
		System.out.flush();
		while (System.in.read() != -1) {
			// Wait for the harness to close our input.
		}
		server.disposeNow(Duration.ofSeconds(2));
		h2c.disposeNow(Duration.ofSeconds(2));
	}

	private static Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		Map<String, List<String>> query = uri.parameters();
		if (uri.path().equals("/stats")) {
			return response.sendString(Mono.just(connections.get() + " " + closed.get() + " " + h2cConnections.get() + " "
					+ h2cClosed.get() + " " + ProcessStats.cpuNanos()));
		}
		if (uri.path().equals("/shape")) {
			shape.set(shape(query, new StreamShape(100, 0, 1)));
			return response.sendString(Mono.just("ok"));
		}
		if (uri.path().endsWith("/embeddings")) {
			boolean ignoreEncoding = uri.path().startsWith(FLOATS_PREFIX + "/");
			return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
				byte[] answer = embeddings(body, ignoreEncoding);
				if (answer == null) {
					return response.status(HttpResponseStatus.BAD_REQUEST).sendString(Mono.just("bad E1 request")).then();
				}
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.length))
					.sendByteArray(Mono.just(answer))
					.then();
			});
		}
		if (uri.path().endsWith(":streamGenerateContent")) {
			// Gemini's stream shape (llm-gemini): the same shape, its content in Gemini's events
			StreamShape stream = shape(query, shape.get());
			StreamShape gemini = new StreamShape(stream.chunks(), stream.delayMs(), stream.eventsPerWrite(),
					stream.content().gemini());
			return request.receive().then(response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
				.send(events(gemini))
				.then());
		}
		if (uri.path().endsWith(":batchEmbedContents")) {
			return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
				byte[] answer = geminiEmbeddings(body);
				if (answer == null) {
					return response.status(HttpResponseStatus.BAD_REQUEST).sendString(Mono.just("bad E1 request")).then();
				}
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.length))
					.sendByteArray(Mono.just(answer))
					.then();
			});
		}
		// POST /v1/responses streams the same shapes: S7 sets RESPONSES_TEXT, the Responses API's events
		if (!uri.path().endsWith("/chat/completions") && !uri.path().endsWith("/responses")) {
			return response.status(HttpResponseStatus.NOT_FOUND).send();
		}
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			if (!contains(body, STREAM_FLAG)) {
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(Payloads.CHAT_RESPONSE.length))
					.sendByteArray(Mono.just(Payloads.CHAT_RESPONSE))
					.then();
			}
			StreamShape stream = shape(query, shape.get());
			return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
				.header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
				.send(events(stream))
				.then();
		});
	}

	/**
	 * The answer to an embeddings request of E1's texts: base64 when the body asks for
	 * {@code "encoding_format":"base64"} (unless the path starts with {@link #FLOATS_PREFIX}, a
	 * server that ignores it), JSON arrays of numbers otherwise, built once per first input (modulo
	 * the vectors' cycle), input count, dimensions and encoding, and kept.
	 * @return the body, or null when the request does not hold E1's texts
	 */
	private static byte[] embeddings(byte[] body, boolean ignoreEncoding) {
		String request = new String(body, StandardCharsets.UTF_8);
		int input = request.indexOf("\"input\":[");
		if (input < 0) {
			return null;
		}
		int end = request.indexOf(']', input);
		int quotes = 0;
		for (int i = input + 9; i < end; i++) {
			if (request.charAt(i) == '"') {
				quotes++;
			}
		}
		int count = quotes / 2;
		if (count == 0 || request.charAt(input + 9) != '"' || request.charAt(input + 10) != 'e') {
			return null;
		}
		int first = Integer.parseInt(request.substring(input + 11, request.indexOf(' ', input + 11)));
		int dimensions = 1536;
		int at = request.indexOf("\"dimensions\":");
		if (at >= 0) {
			int from = at + 13;
			int to = from;
			while (to < request.length() && Character.isDigit(request.charAt(to))) {
				to++;
			}
			dimensions = Integer.parseInt(request.substring(from, to));
		}
		boolean base64 = !ignoreEncoding && request.contains("\"encoding_format\":\"base64\"");
		int key = first % EmbeddingPayloads.CYCLE;
		int size = dimensions;
		return embeddingBodies.computeIfAbsent(key + "/" + count + "/" + dimensions + "/" + base64,
				(name) -> EmbeddingPayloads.body(key, count, size, base64));
	}

	/**
	 * The answer to a Gemini {@code batchEmbedContents} request of E1's texts, built once per first
	 * input (modulo the cycle), input count and dimensions, and kept.
	 * @return the body, or null when the request does not hold E1's texts
	 */
	private static byte[] geminiEmbeddings(byte[] body) {
		String request = new String(body, StandardCharsets.UTF_8);
		int text = request.indexOf("\"text\":\"e");
		if (text < 0) {
			return null;
		}
		int first = Integer.parseInt(request.substring(text + 9, request.indexOf(' ', text + 9)));
		int count = 0;
		for (int at = request.indexOf("\"content\":"); at >= 0; at = request.indexOf("\"content\":", at + 1)) {
			count++;
		}
		int dimensions = 1536;
		int at = request.indexOf("\"outputDimensionality\":");
		if (at >= 0) {
			int from = at + 23;
			int to = from;
			while (to < request.length() && Character.isDigit(request.charAt(to))) {
				to++;
			}
			dimensions = Integer.parseInt(request.substring(from, to));
		}
		int key = first % EmbeddingPayloads.CYCLE;
		int size = dimensions;
		int inputs = count;
		return embeddingBodies.computeIfAbsent("gemini/" + key + "/" + count + "/" + dimensions,
				(name) -> GeminiPayloads.embeddings(key, inputs, size));
	}

	/** The shape the query gives, the fallback's values where it gives none. */
	private static StreamShape shape(Map<String, List<String>> query, StreamShape fallback) {
		List<String> content = query.get("content");
		return new StreamShape(intParam(query, "chunks", fallback.chunks()),
				intParam(query, "delayMs", fallback.delayMs()),
				Math.max(1, intParam(query, "perWrite", fallback.eventsPerWrite())),
				(content == null || content.isEmpty()) ? fallback.content() : StreamContent.valueOf(content.get(0)));
	}

	/**
	 * The stream: each write is one HTTP chunk, of one event or, without delay, of
	 * {@code perWrite} events; with delay, one event per tick.
	 */
	static Flux<ByteBuf> events(StreamShape shape) {
		int chunks = shape.chunks();
		int delayMs = shape.delayMs();
		int perWrite = shape.eventsPerWrite();
		StreamContent stream = shape.content();
		Flux<ByteBuf> content;
		if (delayMs <= 0 && perWrite > 1) {
			int writes = (chunks + perWrite - 1) / perWrite;
			content = Flux.range(0, writes).map((write) -> {
				int first = write * perWrite;
				int last = Math.min(chunks, first + perWrite);
				byte[][] events = new byte[last - first][];
				for (int i = first; i < last; i++) {
					events[i - first] = stream.event(i);
				}
				return Unpooled.wrappedBuffer(events);
			});
		}
		else if (delayMs <= 0) {
			content = Flux.range(0, chunks).map((i) -> Unpooled.wrappedBuffer(stream.event(i)));
		}
		else {
			content = Flux.interval(Duration.ofMillis(delayMs))
				.take(chunks)
				.map((i) -> Unpooled.wrappedBuffer(stream.event(i.intValue())));
		}
		return Flux.concat(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(stream.start())), content,
				Mono.fromSupplier(() -> Unpooled.wrappedBuffer(stream.end())));
	}

	private static int intParam(Map<String, List<String>> query, String name, int fallback) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? fallback : Integer.parseInt(values.get(0));
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
