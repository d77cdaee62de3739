package io.github.llmclient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.llmclient.embedding.EmbeddingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the {@code /embeddings} requests we send against {@code CreateEmbeddingRequest} of
 * OpenAI's published OpenAPI document ({@code fixtures/openai-openapi.yaml}, see
 * {@code fixtures/SOURCES.md}), as {@link OpenApiConformanceTests} does for chat.
 */
class EmbeddingsConformanceTests {

	private static JsonNode openApi;

	private static Schema requestSchema;

	private static Schema responseSchema;

	private final JsonMapper json = JsonMapper.builder().build();

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeAll
	static void loadSpecification() throws IOException {
		String yaml;
		try (InputStream in = EmbeddingsConformanceTests.class.getResourceAsStream("/fixtures/openai-openapi.yaml")) {
			yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		// as in OpenApiConformanceTests: a whitespace-only example SnakeYAML rejects, and 3.0-style
		// "nullable" on schemas without "type", which JSON Schema validators refuse
		yaml = yaml.replaceAll("example: \\|\\+\\n[ ]+\\n", "example: \"\\\\n\"\n");
		openApi = YAMLMapper.builder().build().readTree(yaml);
		requestSchema = schema("CreateEmbeddingRequest");
		responseSchema = schema("CreateEmbeddingResponse");
	}

	private static Schema schema(String name) {
		ObjectNode document = (ObjectNode) openApi.deepCopy();
		removeTypelessNullable(document);
		document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		document.put("$ref", "#/components/schemas/" + name);
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(SchemaLocation.of("https://api.openai.com/openapi.json"), document);
	}

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post(urlPathMatching(".*/embeddings"))
			.willReturn(okJson(EmbeddingStubs.base64Response("text-embedding-3-small", List.of("a")))));
	}

	@AfterEach
	void stop() {
		this.wireMock.stop();
	}

	@Test
	void validationIsLive() {
		assertThat(requestSchema.validate(this.json.readTree("{\"model\":\"m\",\"input\":[],\"encoding_format\":\"hex\"}")))
			.isNotEmpty();
	}

	@Test
	void embeddingsRequestsValidate() {
		try (LlmTemplate template = LlmTemplate.builder(TestClients.openAi(this.wireMock.baseUrl() + "/v1")
			.embeddingModel("text-embedding-3-small").build()).build()) {
			template.embed("a").block();
			template.embed(EmbeddingRequest.builder().model("text-embedding-3-large").input("a").dimensions(256).build())
				.block();
		}
		try (LlmTemplate azureV1 = LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.baseUrl(this.wireMock.baseUrl() + "/openai/v1")
			.apiKey("azure-key")
			.embeddingModel("embed-prod")
			.build()).build()) {
			azureV1.embed("a").block();
		}
		List<JsonNode> bodies = requestBodies();
		assertThat(bodies).hasSize(3);
		for (JsonNode body : bodies) {
			assertThat(requestSchema.validate(body)).as("request %s", body).isEmpty();
		}
	}

	@Test
	void theEndpointIsTheDocumentedOperation() {
		JsonNode operation = openApi.path("paths").path("/embeddings").path("post");
		assertThat(operation.path("requestBody").path("content").path("application/json").path("schema").path("$ref")
			.asString()).isEqualTo("#/components/schemas/CreateEmbeddingRequest");
		assertThat(openApi.path("components").path("schemas").path("CreateEmbeddingRequest").path("properties")
			.path("encoding_format").path("enum").toString()).contains("\"base64\"");
	}

	@Test
	void theJsonArrayResponseOfTheStubsIsADocumentedResponse() {
		JsonNode response = this.json.readTree(EmbeddingStubs.floatResponse("text-embedding-3-small", List.of("a", "bb")));
		assertThat(responseSchema.validate(response)).isEmpty();
	}

	private List<JsonNode> requestBodies() {
		List<JsonNode> bodies = new ArrayList<>();
		for (ServeEvent event : this.wireMock.getAllServeEvents()) {
			bodies.add(this.json.readTree(event.getRequest().getBodyAsString()));
		}
		return bodies;
	}

	private static void removeTypelessNullable(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("nullable") && !object.has("type")) {
				object.remove("nullable");
			}
			object.values().forEach(EmbeddingsConformanceTests::removeTypelessNullable);
		}
		else if (node.isArray()) {
			node.forEach(EmbeddingsConformanceTests::removeTypelessNullable);
		}
	}

}
