package io.github.llmclient.sample;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

/**
 * The Actuator view the sample app exposes: {@code /actuator/llm} (the page's "Clients" panel
 * reads it) and {@code /actuator/health/llm}, for the demo model's client.
 */
class ActuatorApiIntegrationTests extends SampleAppTestSupport {

	@Test
	void theLlmEndpointDescribesTheDemoClient() {
		this.client.get()
			.uri("/actuator/llm")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.clients.length()").isEqualTo(1)
			.jsonPath("$.clients.default.provider").isEqualTo("openai")
			.jsonPath("$.clients.default.host").isEqualTo("localhost:" + PORT)
			.jsonPath("$.clients.default.model").isEqualTo("demo-echo")
			.jsonPath("$.clients.default.maxConcurrent").isEqualTo(10)
			.jsonPath("$.clients.default.active").isEqualTo(0)
			.jsonPath("$.clients.default.queued").isEqualTo(0)
			.jsonPath("$.clients.default.circuit").isEqualTo("disabled")
			.jsonPath("$.clients.default.rateLimit").exists()
			.jsonPath("$.groups").isEmpty();
	}

	@Test
	void theLlmHealthIsUpWithEachClientsCircuit() {
		this.client.get()
			.uri("/actuator/health/llm")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.details.clients.default.circuit").isEqualTo("disabled")
			.jsonPath("$.details.clients.default.active").isEqualTo(0);
	}

	@Test
	void theOverallHealthIncludesTheLlmContributor() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.llm.status").isEqualTo("UP");
	}

}
