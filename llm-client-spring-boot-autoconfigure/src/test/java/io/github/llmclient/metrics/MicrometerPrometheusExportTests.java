package io.github.llmclient.metrics;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.llmclient.LlmTemplate;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus series the queries of {@code docs/metrics.md} rely on. */
class MicrometerPrometheusExportTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void exportsTheSeriesTheDocumentedQueriesUse() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody(OpenAiStubs.STREAM_BODY)));
		try (LlmTemplate template = LlmTemplate.builder(OpenAiStubs.config(server.baseUrl()).build())
			.metrics(new MicrometerLlmMetrics(registry))
			.build()) {
			assertThat(template.stream("Hi").collectList().block()).containsExactly("Hel", "lo", "!");
		}

		String scrape = registry.scrape();
		assertThat(scrape).contains("gen_ai_client_operation_duration_seconds_bucket{")
			.contains("le=\"81.92\"")
			.contains("gen_ai_client_operation_time_to_first_chunk_seconds_count{")
			.contains("gen_ai_client_operation_time_per_output_chunk_seconds_bucket{")
			// Prometheus appends the unit and replaces its braces: {token} becomes _token_
			.contains("gen_ai_client_token_usage__token__sum{")
			.contains("gen_ai_token_type=\"output\"")
			.contains("llm_client_requests_total{")
			.contains("llm_client_active{")
			.contains("llm_client_queued{")
			.contains("llm_client_queue_wait_seconds_count{");
	}

}
