package io.github.llmclient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A template of an OpenAI client ({@link TestClients#openAi(String)}: fast retries) calling the
 * WireMock server under {@code /v1}, built before each test and closed after it.
 */
abstract class OpenAiTemplateTestSupport extends WireMockTestSupport {

	/** The client under test. */
	protected LlmTemplate template;

	@BeforeEach
	protected void buildTemplate() {
		this.template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1").build()).build();
	}

	@AfterEach
	protected void closeTemplate() {
		this.template.close();
	}

}
