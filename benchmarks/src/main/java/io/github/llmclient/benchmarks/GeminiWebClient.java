package io.github.llmclient.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code webclient-gemini} client, E1 only: what a user writes with a plain WebClient and
 * Jackson for Gemini's {@code batchEmbedContents} — the same requests as {@code llm-gemini}
 * (batches of at most 100, Gemini's limit, at most the scenario's concurrency at once, joined in
 * order), each answer read as a record whose {@code values} is a {@code float[]} (Jackson's
 * primitive-array reader, no boxing).
 */
final class GeminiWebClient implements BenchClient {

	/** Gemini's most inputs per {@code batchEmbedContents} request. */
	private static final int MAX_BATCH = 100;

	private final HttpClient httpClient;

	private final WebClient webClient;

	private final String base;

	GeminiWebClient(String base, int connections) {
		this.httpClient = Connections.httpClient("webclient-gemini", connections);
		this.webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(this.httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		this.base = base;
	}

	@Override
	public Mono<Boolean> chat() {
		return Mono.error(new UnsupportedOperationException("webclient-gemini runs E1 only"));
	}

	@Override
	public Mono<Boolean> stream(StreamShape shape) {
		return Mono.error(new UnsupportedOperationException("webclient-gemini runs E1 only"));
	}

	@Override
	public Mono<Predicate<EmbeddingPayloads.Check>> embed(List<String> texts, EmbedShape shape) {
		int size = Math.min(MAX_BATCH, shape.batchSize());
		int batches = (texts.size() + size - 1) / size;
		String uri = this.base + "/models/" + EmbeddingPayloads.MODEL + ":batchEmbedContents";
		return Flux.range(0, batches).flatMapSequential((batch) -> {
			List<String> slice = texts.subList(batch * size, Math.min(texts.size(), (batch + 1) * size));
			List<EmbedRequest> requests = new ArrayList<>(slice.size());
			for (String text : slice) {
				requests.add(new EmbedRequest("models/" + EmbeddingPayloads.MODEL,
						new Content(List.of(new Part(text))), shape.dimensions()));
			}
			return this.webClient.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(new BatchRequest(requests))
				.retrieve()
				.bodyToMono(BatchResponse.class)
				.map((response) -> {
					List<float[]> vectors = new ArrayList<>(slice.size());
					if (response.embeddings() != null) {
						response.embeddings().forEach((embedding) -> vectors.add(embedding.values()));
					}
					return vectors;
				});
		}, shape.concurrency(), 1).collectList().map((parts) -> {
			List<float[]> vectors = new ArrayList<>(texts.size());
			parts.forEach(vectors::addAll);
			return (check) -> check.matches(vectors, texts.size());
		});
	}

	@Override
	public void close() {
		Connections.dispose(this.httpClient);
	}

	record BatchRequest(List<EmbedRequest> requests) {
	}

	record EmbedRequest(String model, Content content, int outputDimensionality) {
	}

	record Content(List<Part> parts) {
	}

	record Part(String text) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record BatchResponse(List<Embedding> embeddings) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Embedding(float[] values) {
	}

}
