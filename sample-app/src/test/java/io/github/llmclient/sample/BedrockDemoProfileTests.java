package io.github.llmclient.sample;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code bedrock-demo} profile, which spells out every property {@code --llm.provider=bedrock}
 * gets from {@code application.yml}'s demo values, configures the same client
 * ({@link BedrockSampleIntegrationTests} runs that one over HTTP). Nothing is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("bedrock-demo")
class BedrockDemoProfileTests {

	@Autowired
	private LlmTemplate llm;

	@Test
	void configuresTheBedrockClientOfTheDemoModel() {
		ClientConfig config = this.llm.config();
		assertThat(config.provider()).isEqualTo(Provider.BEDROCK);
		assertThat(config.baseUrl()).hasToString("http://localhost:8080/demo/bedrock");
		assertThat(config.bedrockRegion()).isEqualTo("us-east-1");
		assertThat(config.apiKey()).isEqualTo("demo-bedrock-key");
		assertThat(config.embeddingModel()).isEqualTo("amazon.titan-embed-text-v2:0");
	}

}
