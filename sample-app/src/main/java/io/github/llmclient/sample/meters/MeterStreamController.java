package io.github.llmclient.sample.meters;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.llmclient.LlmTemplates;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/meters/stream}: the application's own {@link MeterRegistry} read once a second,
 * one {@code meters} event ({@link MeterReading}) per reading, for as long as the page listens.
 * When the browser closes the page, the connection closes and the subscription ends;
 * {@code GET /api/meters/subscriptions} counts the streams open now, so a leak would show.
 */
@RestController
@RequestMapping("/api/meters")
public class MeterStreamController {

	/** The name of the stream's events. */
	public static final String EVENT = "meters";

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private final MeterRegistry registry;

	private final LlmTemplates templates;

	private final AtomicInteger subscriptions = new AtomicInteger();

	/**
	 * Creates the controller.
	 * @param registry the application's meter registry
	 * @param templates the starter's clients
	 */
	public MeterStreamController(MeterRegistry registry, LlmTemplates templates) {
		this.registry = registry;
		this.templates = templates;
	}

	/**
	 * Streams the meters: a first reading at once, then one a second.
	 * @return the events
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Flux<ServerSentEvent<MeterReading>> stream() {
		return Flux.defer(() -> {
			MeterReader reader = new MeterReader(this.registry, this.templates, System::nanoTime);
			return Flux.interval(Duration.ZERO, PERIOD)
				.onBackpressureDrop()
				.map((tick) -> ServerSentEvent.builder(reader.read(System.currentTimeMillis())).event(EVENT).build());
		})
			.doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet())
			.doFinally((signal) -> this.subscriptions.decrementAndGet());
	}

	/**
	 * How many meter streams are open now.
	 * @return {@code {"active": n}}
	 */
	@GetMapping("/subscriptions")
	public Map<String, Integer> subscriptions() {
		return Map.of("active", this.subscriptions.get());
	}

}
