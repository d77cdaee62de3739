package io.github.llmclient.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.EmbeddingStubs;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.embedding-model} and {@code llm.embedding-batch-size}: defaults, inheritance, validation, metadata. */
class EmbeddingPropertiesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2");

	@Test
	void hasNoEmbeddingModelAndBatchesOf512ByDefault() {
		this.contextRunner.run((context) -> {
			ClientConfig config = context.getBean(ClientConfig.class);
			assertThat(config.embeddingModel()).as("llm.model is not an embedding model").isNull();
			assertThat(config.embeddingBatchSize()).isEqualTo(512);
		});
	}

	@Test
	void namedClientsInheritBothAndMayOverrideEither() {
		this.contextRunner
			.withPropertyValues("llm.embedding-model=nomic-embed-text", "llm.embedding-batch-size=64",
					"llm.clients.bulk.embedding-batch-size=2048", "llm.clients.large.embedding-model=mxbai-embed-large")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.get("default").config().embeddingModel()).isEqualTo("nomic-embed-text");
				assertThat(templates.get("default").config().embeddingBatchSize()).isEqualTo(64);
				assertThat(templates.get("bulk").config().embeddingModel()).isEqualTo("nomic-embed-text");
				assertThat(templates.get("bulk").config().embeddingBatchSize()).isEqualTo(2048);
				assertThat(templates.get("large").config().embeddingModel()).isEqualTo("mxbai-embed-large");
				assertThat(templates.get("large").config().embeddingBatchSize()).isEqualTo(64);
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "top level | llm.embedding-batch-size=0 | llm.embedding-batch-size",
			"named client | llm.clients.bulk.embedding-batch-size=-1 | llm.clients.bulk.embedding-batch-size" })
	void aBatchSizeBelowOneFailsAtStartupNamingTheProperty(String description, String property, String name) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			FailureAnalysis analysis = ConfigurationFailures.analysis(context);
			assertThat(analysis.getDescription()).contains(name).contains("must be at least 1");
			assertThat(analysis.getAction()).contains(name).contains("1 or more");
		});
	}

	@Test
	void aNamedClientEmbedsWithItsOwnEmbeddingModelAndBatchSize() {
		WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		wireMock.start();
		try {
			wireMock.stubFor(post("/v1/embeddings").willReturn(okJson(EmbeddingStubs.base64Response("mxbai-embed-large", List.of("a")))));
			this.contextRunner
				.withPropertyValues("llm.base-url=" + wireMock.baseUrl() + "/v1", "llm.embedding-model=nomic-embed-text",
						"llm.clients.large.embedding-model=mxbai-embed-large", "llm.clients.large.embedding-batch-size=1")
				.run((context) -> {
					LlmTemplate large = context.getBean(LlmTemplates.class).get("large");
					assertThat(large.embed(List.of("a", "a")).block(Duration.ofSeconds(10))).hasSize(2);
				});
			wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/embeddings"))
				.withRequestBody(equalToJson("{\"model\":\"mxbai-embed-large\",\"input\":[\"a\"],\"encoding_format\":\"base64\"}")));
		}
		finally {
			wireMock.stop();
		}
	}

	@Test
	void bothPropertiesHaveIdeDescriptions() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> described = new java.util.ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			if (!property.path("description").asString("").isBlank()) {
				described.add(property.path("name").asString());
			}
		}
		assertThat(described).contains("llm.embedding-model", "llm.embedding-batch-size");
	}

}
