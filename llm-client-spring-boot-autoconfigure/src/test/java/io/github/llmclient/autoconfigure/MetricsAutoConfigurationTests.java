package io.github.llmclient.autoconfigure;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.metrics.CallObserver;
import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.metrics.LlmMetrics;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.github.llmclient.metrics.OpenAiStubs;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link LlmMetricsAutoConfiguration}: present with a meter registry, absent without Micrometer. */
class MetricsAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmMetricsAutoConfiguration.class))
		.withPropertyValues("llm.api-key=" + OpenAiStubs.API_KEY, "llm.base-url=" + server.baseUrl() + "/v1",
				"llm.model=gpt-4o-mini", "llm.retry.initial-backoff=10ms", "llm.retry.jitter=0ms");

	@Test
	void providesMicrometerMetricsWhenAMeterRegistryExists() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(LlmMetrics.class);
			assertThat(context.getBean(LlmMetrics.class)).isInstanceOf(MicrometerLlmMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// the template registered its permit gauges with the bean
			assertThat(registry.get(LlmMetricNames.ACTIVE).tag("llm.client", "default").gauge().value()).isZero();
			assertThat(registry.get(LlmMetricNames.QUEUED).tag("llm.client", "default").gauge().value()).isZero();
		});
	}

	@Test
	void providesNoMetricsWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LlmTemplate.class);
			assertThat(context).doesNotHaveBean(LlmMetrics.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesLlmMetrics() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class, CustomMetricsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(LlmMetrics.class);
				assertThat(context).doesNotHaveBean(MicrometerLlmMetrics.class);
			});
	}

	@Test
	void templateWorksWithoutMicrometerCoreOnTheClasspath() {
		stubChat();
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(LlmMetrics.class);
				assertThat(context).doesNotHaveBean(MeterRegistry.class);
				assertThat(context.getBean(LlmTemplate.class).chat("Hi").block()).isEqualTo("Hello!");
			});
	}

	@Test
	void actuatorLikeApplicationShowsEveryMeterAfterAChatAStreamAndARetry() {
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).inScenario("calls")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody(OpenAiStubs.ERROR_BODY))
			.willSetStateTo("chat"));
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).inScenario("calls")
			.whenScenarioStateIs("chat")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(OpenAiStubs.CHAT_BODY))
			.willSetStateTo("stream"));
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).inScenario("calls")
			.whenScenarioStateIs("stream")
			.willReturn(
					aResponse().withHeader("Content-Type", "text/event-stream").withBody(OpenAiStubs.STREAM_BODY)));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					JacksonAutoConfiguration.class, CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
					WebClientObservationAutoConfiguration.class, LlmAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class))
			.withPropertyValues("llm.api-key=" + OpenAiStubs.API_KEY, "llm.base-url=" + server.baseUrl() + "/v1",
					"llm.model=gpt-4o-mini", "llm.retry.initial-backoff=10ms", "llm.retry.jitter=0ms")
			.run((context) -> {
				LlmTemplate template = context.getBean(LlmTemplate.class);
				assertThat(template.chat("Hi").block()).isEqualTo("Hello!");
				assertThat(template.stream("Hi").collectList().block()).containsExactly("Hel", "lo", "!");

				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(LlmMetricNames.OPERATION_DURATION).timers()).hasSize(2)
					.allSatisfy((timer) -> assertThat(timer.count()).isEqualTo(1));
				assertThat(registry.get(LlmMetricNames.TOKEN_USAGE).summaries()).hasSize(4);
				assertThat(registry.get(LlmMetricNames.TIME_TO_FIRST_CHUNK).timer().count()).isEqualTo(1);
				assertThat(registry.get(LlmMetricNames.TIME_PER_OUTPUT_CHUNK).timer().count()).isEqualTo(2);
				assertThat(registry.get(LlmMetricNames.REQUESTS).counters().stream().mapToDouble((c) -> c.count())
					.sum()).isEqualTo(3);
				assertThat(registry.get(LlmMetricNames.RETRIES).counter().count()).isEqualTo(1);
				assertThat(registry.get(LlmMetricNames.RETRY_DELAY).timer().totalTime(TimeUnit.MILLISECONDS))
					.isEqualTo(10);
				assertThat(registry.get(LlmMetricNames.QUEUE_WAIT).timer().count()).isEqualTo(3);
				assertThat(registry.get(LlmMetricNames.ACTIVE).gauge().value()).isZero();
				assertThat(registry.get(LlmMetricNames.QUEUED).gauge().value()).isZero();
				// the retry paid 5 of the quota's 500 tokens and succeeded, giving them back; the other
				// calls succeeded at once on a full quota
				assertThat(registry.get(LlmMetricNames.RETRY_QUOTA).gauge().value()).isEqualTo(500);
				// Boot's observation handler is active (WebClient's observation became a timer) ...
				assertThat(registry.find("http.client.requests").timers()).isNotEmpty();
				// ... yet the call observation's own meters, which would repeat the duration, are denied
				List<String> names = registry.getMeters().stream().map((meter) -> meter.getId().getName()).toList();
				assertThat(names).noneMatch((name) -> name.startsWith(LlmMetricNames.OBSERVATION));
				assertThat(llmMeterNames(registry)).containsExactlyInAnyOrder(LlmMetricNames.OPERATION_DURATION,
						LlmMetricNames.TOKEN_USAGE, LlmMetricNames.TIME_TO_FIRST_CHUNK,
						LlmMetricNames.TIME_PER_OUTPUT_CHUNK, LlmMetricNames.REQUESTS, LlmMetricNames.RETRIES,
						LlmMetricNames.RETRY_DELAY, LlmMetricNames.ACTIVE, LlmMetricNames.QUEUED,
						LlmMetricNames.QUEUE_WAIT, LlmMetricNames.RETRY_QUOTA);
			});
	}

	private static List<String> llmMeterNames(MeterRegistry registry) {
		return registry.getMeters()
			.stream()
			.map(Meter::getId)
			.filter((id) -> id.getTag("llm.client") != null)
			.map(Meter.Id::getName)
			// a registry without native histograms publishes the buckets as "<name>.histogram" gauges
			.filter((name) -> !name.endsWith(".histogram"))
			.distinct()
			.toList();
	}

	private static void stubChat() {
		server.stubFor(post(urlEqualTo(OpenAiStubs.CHAT_PATH)).willReturn(
				aResponse().withHeader("Content-Type", "application/json").withBody(OpenAiStubs.CHAT_BODY)));
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		LlmMetrics customMetrics() {
			return (info) -> CallObserver.NOOP;
		}

	}

}
