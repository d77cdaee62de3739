package io.github.llmclient.autoconfigure.actuate;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import io.github.llmclient.error.LlmCircuitOpenException;
import io.github.llmclient.error.LlmServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Actuator view of real circuit breakers: a client whose endpoint keeps failing opens its
 * circuit, the endpoint shows {@code open} and the health contributor goes {@code DOWN} naming it,
 * while a healthy client beside it stays {@code closed}.
 */
class LlmActuatorCircuitIntegrationTests {

	private final WireMockServer failing = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class, LlmActuatorAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=health,llm", "llm.model=m",
				"llm.base-url=http://localhost:11434/v1", "llm.circuit-breaker.enabled=true",
				"llm.circuit-breaker.minimum-calls=2", "llm.circuit-breaker.open-duration=60s");

	@BeforeEach
	void start() {
		this.failing.start();
		this.failing.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
	}

	@AfterEach
	void stop() {
		this.failing.stop();
	}

	@Test
	void anOpenCircuitShowsInTheEndpointAndTurnsTheHealthDown() {
		this.contextRunner
			.withPropertyValues("llm.clients.east.base-url=http://localhost:" + this.failing.port() + "/v1",
					"llm.clients.east.max-retries=0")
			.run((context) -> {
				LlmTemplate east = context.getBean(LlmTemplates.class).get("east");
				LlmHealthIndicator health = context.getBean(LlmHealthIndicator.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				for (int i = 0; i < 2; i++) {
					assertThat(catchThrowable(() -> east.chat("Hi").block(Duration.ofSeconds(10))))
						.isInstanceOf(LlmServerException.class);
				}
				// open now: refused at once, unsent
				assertThat(catchThrowable(() -> east.chat("Hi").block(Duration.ofSeconds(10))))
					.isInstanceOf(LlmCircuitOpenException.class);
				this.failing.verify(2, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
				LlmEndpoint.LlmDescriptor view = context.getBean(LlmEndpoint.class).llm();
				assertThat(view.clients().get("east").circuit()).isEqualTo("open");
				assertThat(view.clients().get("default").circuit()).isEqualTo("closed");
				Health down = health.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsKey("clients");
				assertThat(down.getDetails().get("clients").toString()).contains("east").contains("open");
			});
	}

}
