package io.github.llmclient.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.llmclient.sample.meters.ClientReading;
import io.github.llmclient.sample.meters.MeterReading;
import io.github.llmclient.sample.storm.StormResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live panel's feed and the storm, over HTTP: {@code GET /api/meters/stream} sends a reading of
 * every client at once and then every second, and its subscription ends when the client goes;
 * {@code POST /api/storm} answers every prompt, retrying the failures it asked for.
 */
class MetersApiIntegrationTests extends SampleAppTestSupport {

	@Autowired
	private MeterRegistry registry;

	@Test
	void meterStreamSendsAReadingOfEveryClientEverySecondUntilTheClientGoes() {
		FluxExchangeResult<ServerSentEvent<MeterReading>> result = this.client.get()
			.uri("/api/meters/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<MeterReading>>() {
			});
		List<ServerSentEvent<MeterReading>> events = result.getResponseBody()
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(events).hasSize(2).allSatisfy((event) -> {
			assertThat(event.event()).isEqualTo("meters");
			assertThat(event.data().clients()).containsOnlyKeys("default");
			ClientReading reading = event.data().clients().get("default");
			assertThat(reading.circuit()).isEqualTo("disabled");
			assertThat(reading.queued()).isZero();
			// the sample prices demo-echo (llm.pricing): the cost so far, in USD, never negative
			assertThat(reading.currency()).isEqualTo("USD");
			assertThat(reading.cost()).isNotNull().isGreaterThanOrEqualTo(0.0);
		});
		long gap = events.get(1).data().time() - events.get(0).data().time();
		assertThat(gap).isBetween(500L, 5000L);
		// take(2) cancelled the exchange: the server's subscription must end, not tick on
		Integer streams = Flux.interval(Duration.ofMillis(50))
			.onBackpressureDrop()
			.concatMap((tick) -> activeStreams())
			.filter((n) -> n == 0)
			.blockFirst(Duration.ofSeconds(10));
		assertThat(streams).isZero();
	}

	@Test
	void stormAnswersEveryPromptAfterRetryingTheFailuresItAskedFor() {
		double failures = retries("503");
		double limits = retries("429");
		double all = retries(null);
		StepVerifier.create(this.client.mutate()
			.responseTimeout(Duration.ofSeconds(120))
			.build()
			.post()
			.uri("/api/storm")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(StormResult.class)
			.getResponseBody())
			.assertNext((storm) -> {
				assertThat(storm.prompts()).isEqualTo(50);
				assertThat(storm.answered()).isEqualTo(50);
				assertThat(storm.failed()).isZero();
			})
			.verifyComplete();
		// Every fifth prompt has #fail-once (a 503), every fifth #limit-once (a 429): at least one
		// retry each. At least, not exactly: on a loaded machine an attempt may also time out
		// (llm.first-chunk-timeout: 3s), and is then retried for that reason instead or as well.
		assertThat(retries(null) - all).isGreaterThanOrEqualTo(20);
		assertThat(retries("503") - failures).isPositive();
		assertThat(retries("429") - limits).isPositive();
	}

	/** Read without blocking (WebTestClient blocks), so it can be polled on a timer. */
	private Mono<Integer> activeStreams() {
		return WebClient.create(baseUrl())
			.get()
			.uri("/api/meters/subscriptions")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Integer>>() {
			})
			.map((body) -> body.get("active"));
	}

	/** The retries of the default client for a reason, or for all reasons when null. */
	private double retries(@Nullable String reason) {
		Search search = this.registry.find("llm.client.retries").tag("llm.client", "default");
		return ((reason != null) ? search.tag("reason", reason) : search).counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
