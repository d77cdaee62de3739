package io.github.llmclient.metrics;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.pricing.Cost;
import io.github.llmclient.pricing.ModelPrice;
import io.github.llmclient.pricing.Pricing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code llm.client.cost} counter computed from known usage: exact ids and prefixes, the
 * cached and cache-write shares of the prompt, the batch discount, and models without prices.
 */
@ExtendWith(OutputCaptureExtension.class)
class CostMeterTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** 1,000,000 prompt tokens of which 400,000 cached; 200,000 completion tokens. */
	private static final String BIG_USAGE = """
			{"id":"chatcmpl-9","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06",
			"choices":[{"index":0,"message":{"role":"assistant","content":"Long"},"finish_reason":"stop"}],
			"usage":{"prompt_tokens":1000000,"completion_tokens":200000,"total_tokens":1200000,
			         "prompt_tokens_details":{"cached_tokens":400000}}}""";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final Pricing pricing = new Pricing(Map.of("gpt-4o", new ModelPrice(2.50, 1.25, null, 10.00), "gpt-4o-mini",
			new ModelPrice(0.15, 0.075, null, 0.60), "claude-sonnet-4", new ModelPrice(3.00, 0.30, 3.75, 15.00)), "USD",
			0.5);

	@Test
	void pricesAModelByItsLongestConfiguredPrefix() {
		assertThat(this.pricing.price("gpt-4o-2024-08-06")).isSameAs(this.pricing.price("gpt-4o"));
		assertThat(this.pricing.price("gpt-4o-mini-2024-07-18").input()).isEqualTo(0.15);
		assertThat(this.pricing.price("GPT-4O-MINI").input()).isEqualTo(0.15);
		assertThat(this.pricing.price("gpt-4")).isNull();
		assertThat(this.pricing.price("o3")).isNull();
	}

	@Test
	void cachedAndCacheWriteTokensCostTheirOwnPrices() {
		// Anthropic-style usage: 1,000 uncached + 8,000 read + 2,000 written = 11,000 input tokens
		Usage usage = new Usage(11_000, 500, 11_500, 8_000, 0, 2_000);
		Cost cost = this.pricing.cost("claude-sonnet-4-5", usage, false);
		assertThat(cost.input()).isCloseTo((1_000 * 3.00 + 8_000 * 0.30 + 2_000 * 3.75) / 1e6, within(1e-12));
		assertThat(cost.output()).isCloseTo(500 * 15.00 / 1e6, within(1e-12));
		Cost batch = this.pricing.cost("claude-sonnet-4-5", usage, true);
		assertThat(batch.total()).isCloseTo(cost.total() / 2, within(1e-12));
	}

	@Test
	void aModelWithoutCachePricesBillsCachedTokensAtTheInputPrice() {
		Pricing plain = new Pricing(Map.of("m", new ModelPrice(1.0, null, null, 2.0)), "EUR", 0.5);
		Cost cost = plain.cost("m", new Usage(1_000_000, 0, 1_000_000, 600_000, 0, 100_000), false);
		assertThat(cost.input()).isCloseTo(1.0, within(1e-12));
	}

	@Test
	void aCallRecordsItsCostOnceByTokenTypeAndTheClientsTotal() {
		server.stubFor(post(urlPathEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(okJson(BIG_USAGE)));
		MicrometerLlmMetrics metrics = new MicrometerLlmMetrics(this.registry, ObservationRegistry.NOOP, null,
				this.pricing);
		try (LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).model("gpt-4o").build())
			.metrics(metrics)
			.build()) {
			template.chat("Hi").block();
		}
		Counter input = this.registry.get(LlmMetricNames.COST).tag("gen_ai.token.type", "input").counter();
		Counter output = this.registry.get(LlmMetricNames.COST).tag("gen_ai.token.type", "output").counter();
		// 600,000 uncached at 2.50 + 400,000 cached at 1.25 per million; 200,000 out at 10.00
		assertThat(input.count()).isCloseTo(1.50 + 0.50, within(1e-9));
		assertThat(output.count()).isCloseTo(2.00, within(1e-9));
		assertThat(input.getId().getTag("llm.client")).isEqualTo("default");
		assertThat(input.getId().getTag("gen_ai.provider.name")).isEqualTo("openai");
		assertThat(input.getId().getTag("gen_ai.request.model")).isEqualTo("gpt-4o");
		assertThat(input.getId().getBaseUnit()).isEqualTo("USD");
		assertThat(metrics.costSoFar("default")).isCloseTo(4.00, within(1e-9));
		assertThat(metrics.currency()).isEqualTo("USD");
	}

	@Test
	void prometheusShowsTheCostWithItsCurrency() {
		server.stubFor(post(urlPathEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(okJson(BIG_USAGE)));
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		try (LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).model("gpt-4o").build())
			.metrics(new MicrometerLlmMetrics(prometheus, ObservationRegistry.NOOP, null, this.pricing))
			.build()) {
			template.chat("Hi").block();
		}
		assertThat(prometheus.scrape()).containsPattern(
				"llm_client_cost_USD_total\\{gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\",gen_ai_token_type=\"output\",llm_client=\"default\"} 2.0");
	}

	@Test
	void batchResultsCostTheDiscountedPrice() {
		MicrometerLlmMetrics metrics = new MicrometerLlmMetrics(this.registry, ObservationRegistry.NOOP, null,
				this.pricing);
		CallObserver observer = metrics.startCall(new CallInfo(ClientInfo.of("default", "openai",
				java.net.URI.create("https://api.openai.com/v1")), "batch", null, false, "id"));
		observer.onBatchResult(new ChatResponse("r", "gpt-4o-mini-2024-07-18", "ok", "stop",
				new Usage(1_000_000, 1_000_000, 2_000_000)));
		assertThat(metrics.costSoFar("default")).isCloseTo((0.15 + 0.60) * 0.5, within(1e-9));
		assertThat(this.registry.get(LlmMetricNames.COST).tag("gen_ai.token.type", "output").counter().count())
			.isCloseTo(0.30, within(1e-9));
	}

	@Test
	void aModelWithoutPricesCostsNothingAndIsNamedOnceAtInfo(CapturedOutput output) {
		server.stubFor(post(urlPathEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(okJson(OpenAiStubs.CHAT_BODY)));
		MicrometerLlmMetrics metrics = new MicrometerLlmMetrics(this.registry, ObservationRegistry.NOOP, null,
				this.pricing);
		try (LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).model("llama-3").build())
			.metrics(metrics)
			.build()) {
			template.chat("Hi").block();
			template.chat(ChatRequest.builder().user("Again").build()).block();
		}
		assertThat(this.registry.find(LlmMetricNames.COST).counters()).isEmpty();
		assertThat(metrics.costSoFar("default")).isZero();
		assertThat(output.getOut().split("No price for model 'llama-3'", -1)).hasSize(2);
		assertThat(output.getOut()).contains("INFO");
	}

	@Test
	void withoutPricesThereIsNoCostMeter() {
		server.stubFor(post(urlPathEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(okJson(OpenAiStubs.CHAT_BODY)));
		MicrometerLlmMetrics metrics = new MicrometerLlmMetrics(this.registry);
		try (LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).build())
			.metrics(metrics)
			.build()) {
			template.chat("Hi").block();
		}
		assertThat(this.registry.find(LlmMetricNames.COST).counters()).isEmpty();
		assertThat(metrics.costSoFar("default")).isNull();
	}

}
