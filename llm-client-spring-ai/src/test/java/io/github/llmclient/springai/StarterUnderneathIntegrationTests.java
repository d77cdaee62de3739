package io.github.llmclient.springai;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import io.github.llmclient.autoconfigure.LlmMetricsAutoConfiguration;
import io.github.llmclient.circuit.CircuitState;
import io.github.llmclient.metrics.LlmMetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter still works underneath {@code ChatClient}: retries of a call and of a stream before
 * its first content (every attempt in {@code llm.client.requests}), a group with a circuit
 * breaker, and Spring AI's chat observation beside the starter's meters without tokens counted
 * twice.
 */
class StarterUnderneathIntegrationTests {

	private static final String UNAVAILABLE = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				LlmAutoConfiguration.class, LlmMetricsAutoConfiguration.class, LlmSpringAiAutoConfiguration.class))
		.withUserConfiguration(SpringAiMeterHandlerConfiguration.class)
		.withPropertyValues("llm.api-key=" + OpenAiScript.API_KEY, "llm.base-url=" + server.baseUrl() + "/v1",
				"llm.model=gpt-4o-mini", "llm.retry.initial-backoff=10ms", "llm.retry.jitter=0ms");

	@Test
	void a503Then200UnderChatClientIsRetriedAndBothAttemptsAreCounted() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(UNAVAILABLE))
			.willSetStateTo("up"));
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).inScenario("retry")
			.whenScenarioStateIs("up")
			.willReturn(OpenAiScript.text("Recovered.")));
		this.contextRunner.run((context) -> {
			String answer = ChatClient.create(context.getBean(ChatModel.class)).prompt("Hi").call().content();
			assertThat(answer).isEqualTo("Recovered.");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(requests(registry)).isEqualTo(2);
			assertThat(registry.get(LlmMetricNames.RETRIES).counter().count()).isEqualTo(1);
			server.verify(2, postRequestedFor(urlEqualTo(OpenAiScript.CHAT)));
		});
	}

	@Test
	void aStreamFailingBeforeItsFirstContentIsRetriedUnderStream() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).inScenario("stream")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(UNAVAILABLE))
			.willSetStateTo("up"));
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).inScenario("stream")
			.whenScenarioStateIs("up")
			.willReturn(OpenAiScript.textStream("Hel", "lo")));
		this.contextRunner.run((context) -> {
			List<String> deltas = ChatClient.create(context.getBean(ChatModel.class))
				.prompt("Hi")
				.stream()
				.content()
				.collectList()
				.block();
			assertThat(deltas).containsExactly("Hel", "lo");
			assertThat(requests(context.getBean(MeterRegistry.class))).isEqualTo(2);
		});
	}

	@Test
	void aGroupFailsOverAndItsMembersBreakerOpensAsWithoutSpringAi() {
		server.stubFor(post(urlEqualTo("/east/v1/chat/completions"))
			.willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(UNAVAILABLE)));
		server.stubFor(post(urlEqualTo("/west/v1/chat/completions")).willReturn(OpenAiScript.text("From west.")));
		this.contextRunner
			.withPropertyValues("llm.clients.east.base-url=" + server.baseUrl() + "/east/v1",
					"llm.clients.east.max-retries=0", "llm.clients.east.circuit-breaker.enabled=true",
					"llm.clients.east.circuit-breaker.minimum-calls=2", "llm.clients.west.base-url=" + server.baseUrl()
							+ "/west/v1",
					"llm.groups.pool.clients=east,west")
			.run((context) -> {
				ChatModel pool = context.getBean("poolChatModel", ChatModel.class);
				ChatClient chatClient = ChatClient.create(pool);
				for (int i = 0; i < 6; i++) {
					assertThat(chatClient.prompt("Hi").call().content()).isEqualTo("From west.");
				}
				assertThat(context.getBean(LlmTemplates.class).get("east").circuitState()).isEqualTo(CircuitState.OPEN);
				// once open, east is skipped unsent
				server.verify(2, postRequestedFor(urlEqualTo("/east/v1/chat/completions")));
				server.verify(6, postRequestedFor(urlEqualTo("/west/v1/chat/completions")));
			});
	}

	@Test
	void springAisObservationIsRecordedAndTokensAreCountedOnce() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).willReturn(OpenAiScript.text("Hello!")));
		this.contextRunner.run((context) -> {
			ChatClient.create(context.getBean(ChatModel.class)).prompt("Hi").call().content();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// Spring AI's gen_ai.client.operation observation, tagged with the client
			assertThat(registry.get("gen_ai.client.operation").tag("llm.client", "default").timer().count())
				.isEqualTo(1);
			// the starter's summary holds the tokens; Spring AI's counter of the same tokens is denied
			assertThat(registry.find(LlmMetricNames.TOKEN_USAGE).counters()).isEmpty();
			assertThat(registry.get(LlmMetricNames.TOKEN_USAGE).tag("gen_ai.token.type", "input").summary().totalAmount())
				.isEqualTo(21);
		});
	}

	@Test
	void withoutTheFilterSpringAisHandlerWouldCountTheSameTokensAgain() {
		server.stubFor(post(urlEqualTo(OpenAiScript.CHAT)).willReturn(OpenAiScript.text("Hello!")));
		this.contextRunner.withBean("llmSpringAiTokenCounterFilter", MeterFilter.class, () -> new MeterFilter() {
		}).run((context) -> {
			ChatClient.create(context.getBean(ChatModel.class)).prompt("Hi").call().content();
			assertThat(context.getBean(MeterRegistry.class).find(LlmMetricNames.TOKEN_USAGE).counters()).isNotEmpty();
		});
	}

	private static double requests(MeterRegistry registry) {
		return registry.get(LlmMetricNames.REQUESTS).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** What Spring AI's chat observation auto-configuration adds when Micrometer is there. */
	@Configuration(proxyBeanMethods = false)
	static class SpringAiMeterHandlerConfiguration {

		@Bean
		ChatModelMeterObservationHandler chatModelMeterObservationHandler(
				org.springframework.beans.factory.ObjectProvider<MeterRegistry> meterRegistry) {
			return new ChatModelMeterObservationHandler(meterRegistry.getObject());
		}

	}

}
