package io.github.llmclient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.llmclient.batch.BatchJob;
import io.github.llmclient.batch.BatchJobs;
import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.chat.Tool;
import io.github.llmclient.error.LlmBadRequestException;
import io.github.llmclient.error.LlmException;
import io.github.llmclient.metrics.LlmMetricNames;
import io.github.llmclient.metrics.MicrometerLlmMetrics;
import io.github.llmclient.pricing.ModelPrice;
import io.github.llmclient.pricing.Pricing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * OpenAI batch jobs against a scripted server implementing {@code /files} and {@code /batches}:
 * the multipart upload holds, line by line, the bodies chat sends; requests validate against
 * OpenAI's OpenAPI document; status transitions with a 503 while polling; results out of order
 * with one failed line come back in submission order; cancel; cost at the batch discount.
 */
class OpenAiBatchJobsIntegrationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static JsonNode openApi;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private LlmTemplate template;

	private static final String FILE = """
			{"id":"file-in1","object":"file","bytes":120,"created_at":1733500000,"filename":"batch.jsonl",
			 "purpose":"batch","status":"processed"}""";

	@BeforeAll
	static void loadOpenApi() throws IOException {
		String yaml;
		try (InputStream in = OpenAiBatchJobsIntegrationTests.class.getResourceAsStream("/fixtures/openai-openapi.yaml")) {
			yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		yaml = yaml.replaceAll("example: \\|\\+\\n[ ]+\\n", "example: \"\\\\n\"\n");
		openApi = YAMLMapper.builder().build().readTree(yaml);
	}

	@BeforeEach
	void start() {
		Pricing pricing = new Pricing(Map.of("gpt-4o-mini", new ModelPrice(0.15, null, null, 0.60)), "USD", 0.5);
		this.template = LlmTemplate.builder(TestClients.openAi(server.baseUrl() + "/v1").build())
			.metrics(new MicrometerLlmMetrics(this.meters, ObservationRegistry.NOOP, null, pricing))
			.build();
	}

	@AfterEach
	void stop() {
		this.template.close();
	}

	@Test
	void submitUploadsTheBodiesChatSendsLineByLineAndCreatesTheBatch() {
		server.stubFor(post("/v1/files").willReturn(okJson(FILE)));
		server.stubFor(post("/v1/batches").willReturn(okJson(batch("validating", 0, 0, 0, null, null))));
		server.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiChatIntegrationTests.COMPLETION)));
		List<ChatRequest> requests = List.of(ChatRequest.of("Summarise chapter one"),
				ChatRequest.builder().model("gpt-4o").system("Be brief.").user("Line\nbreak \"quoted\"").maxTokens(50)
					.build(),
				ChatRequest.builder().user("Weather?").tool(Tool.function("get_weather", "Weather",
						"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))
					.cache(PromptCache.key("manual"))
					.build());

		BatchJob job = this.template.batchJobs().submit(requests).block();

		assertThat(job.id()).isEqualTo("batch_abc");
		assertThat(job.status()).isEqualTo(BatchJob.Status.VALIDATING);
		assertThat(job.createdAt()).isEqualTo(Instant.ofEpochSecond(1733500000));
		LoggedRequest upload = server.findAll(postRequestedFor(urlPathEqualTo("/v1/files"))).get(0);
		assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
		assertThat(upload.getHeader("Authorization")).isEqualTo("Bearer " + TestClients.SECRET_KEY);
		assertThat(upload.getPart("purpose").getBody().asString()).isEqualTo("batch");
		String jsonl = upload.getPart("file").getBody().asString();
		String[] lines = jsonl.split("\n");
		assertThat(lines).hasSize(3);
		// the same requests through chat(): each line's body is byte for byte what chat sent
		for (ChatRequest request : requests) {
			this.template.chat(request).block();
		}
		List<LoggedRequest> chats = server.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
		for (int i = 0; i < lines.length; i++) {
			assertThat(lines[i]).isEqualTo("{\"custom_id\":\"" + i
					+ "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":" + chats.get(i).getBodyAsString()
					+ "}");
		}
		JsonNode create = this.json.readTree(server.findAll(postRequestedFor(urlPathEqualTo("/v1/batches")))
			.get(0)
			.getBodyAsString());
		assertThat(create).isEqualTo(this.json.readTree("""
				{"input_file_id":"file-in1","endpoint":"/v1/chat/completions","completion_window":"24h"}"""));
		// as OpenAI's OpenAPI document describes them
		assertValid("CreateFileRequest", this.json.readTree("{\"purpose\":\"batch\",\"file\":\"(jsonl)\"}"));
		assertValid("CreateBatchRequest", create);
		for (String line : lines) {
			assertValid("CreateChatCompletionRequest", this.json.readTree(line).get("body"));
		}
		assertValid("Batch", this.json.readTree(batch("completed", 3, 2, 1, "file-out", "file-err")));
		assertValid("OpenAIFile", this.json.readTree(FILE));
	}

	@Test
	void awaitPollsThroughTheStatusesRetryingA503() {
		String path = "/v1/batches/batch_abc";
		server.stubFor(get(path).inScenario("poll").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(batch("validating", 0, 0, 0, null, null))).willSetStateTo("503"));
		server.stubFor(get(path).inScenario("poll").whenScenarioStateIs("503")
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}"))
			.willSetStateTo("running"));
		server.stubFor(get(path).inScenario("poll").whenScenarioStateIs("running")
			.willReturn(okJson(batch("in_progress", 3, 1, 0, null, null))).willSetStateTo("finalizing"));
		server.stubFor(get(path).inScenario("poll").whenScenarioStateIs("finalizing")
			.willReturn(okJson(batch("finalizing", 3, 2, 1, null, null))).willSetStateTo("done"));
		server.stubFor(get(path).inScenario("poll").whenScenarioStateIs("done")
			.willReturn(okJson(batch("completed", 3, 2, 1, "file-out", "file-err"))));

		BatchJobs jobs = this.template.batchJobs();
		// real polls, a few milliseconds apart: the server answers at once
		StepVerifier.create(jobs.await("batch_abc", Duration.ofMillis(5)))
			.assertNext((job) -> {
				assertThat(job.status()).isEqualTo(BatchJob.Status.COMPLETED);
				assertThat(job.total()).isEqualTo(3);
				assertThat(job.completed()).isEqualTo(2);
				assertThat(job.failed()).isEqualTo(1);
				assertThat(job.endedAt()).isEqualTo(Instant.ofEpochSecond(1733503600));
				assertThat(job.isEnded()).isTrue();
			})
			.verifyComplete();
		// four polls answered, one 503 retried
		assertThat(server.findAll(WireMock.getRequestedFor(urlPathEqualTo(path)))).hasSize(5);
		assertThat(this.meters.get(LlmMetricNames.RETRIES).tag("reason", "503").counter().count()).isEqualTo(1);
	}

	@Test
	void resultsComeInSubmissionOrderWithTheFailedLineAsAnError() {
		server.stubFor(get("/v1/batches/batch_abc").willReturn(okJson(batch("completed", 3, 2, 1, "file-out", "file-err"))));
		// written out of order: request 2 before request 0; request 1 failed and is in the error file
		server.stubFor(get("/v1/files/file-out/content").willReturn(aResponse().withHeader("Content-Type", "application/octet-stream")
			.withBody(outputLine(2, "Third") + "\r\n" + outputLine(0, "First") + "\n")));
		server.stubFor(get("/v1/files/file-err/content").willReturn(aResponse().withBody("""
				{"id":"batch_req_1","custom_id":"1","response":{"status_code":400,"request_id":"req_1","body":{"error":{"message":"Invalid 'max_tokens': integer below minimum value.","type":"invalid_request_error","param":"max_tokens","code":"integer_below_min_value"}}},"error":null}
				""")));

		List<BatchResult> results = this.template.batchJobs().results("batch_abc").collectList().block();

		assertThat(results).extracting(BatchResult::index).containsExactly(0, 1, 2);
		assertThat(results.get(0).response().content()).isEqualTo("First");
		assertThat(results.get(2).response().content()).isEqualTo("Third");
		assertThat(results.get(1).isSuccess()).isFalse();
		assertThat(results.get(1).error()).isInstanceOf(LlmBadRequestException.class)
			.hasMessageContaining("integer below minimum value");
		assertThat(((LlmException) results.get(1).error()).errorType()).isEqualTo("invalid_request_error");
		assertThat(results).allSatisfy((result) -> assertThat(result.request()).isNull());
		// two answers of 10 in and 5 out at half of 0.15/0.60 per million
		double expected = 2 * (10 * 0.15 + 5 * 0.60) / 1e6 * 0.5;
		assertThat(this.meters.get(LlmMetricNames.COST).tag("gen_ai.token.type", "input").counter().count()
				+ this.meters.get(LlmMetricNames.COST).tag("gen_ai.token.type", "output").counter().count())
			.isCloseTo(expected, within(1e-15));
	}

	@Test
	void requestsWithoutAResultLineGetAnErrorSayingSo() {
		server.stubFor(get("/v1/batches/batch_abc").willReturn(okJson(batch("expired", 3, 1, 1, "file-out", "file-err"))));
		server.stubFor(get("/v1/files/file-out/content").willReturn(aResponse().withBody(outputLine(1, "Second") + "\n")));
		server.stubFor(get("/v1/files/file-err/content").willReturn(aResponse().withBody("""
				{"id":"batch_req_2","custom_id":"2","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}
				""")));

		List<BatchResult> results = this.template.batchJobs().results("batch_abc").collectList().block();

		assertThat(results).extracting(BatchResult::isSuccess).containsExactly(false, true, false);
		assertThat(results.get(0).error()).hasMessageContaining("has no result (the job is EXPIRED)");
		assertThat(results.get(2).error()).hasMessageContaining("completion window expired");
		assertThat(((LlmException) results.get(2).error()).errorType()).isEqualTo("batch_expired");
	}

	@Test
	void aRetriedResultFileIsReadOnce() {
		server.stubFor(get("/v1/batches/batch_abc").willReturn(okJson(batch("completed", 1, 1, 0, "file-out", null))));
		server.stubFor(get("/v1/files/file-out/content").inScenario("file").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
		server.stubFor(get("/v1/files/file-out/content").inScenario("file").whenScenarioStateIs("ok")
			.willReturn(aResponse().withBody(outputLine(0, "Only"))));

		StepVerifier.create(this.template.batchJobs().results("batch_abc"))
			.assertNext((result) -> assertThat(result.response().content()).isEqualTo("Only"))
			.verifyComplete();
	}

	@Test
	void cancelAsksTheServerAndReturnsTheJob() {
		server.stubFor(post("/v1/batches/batch_abc/cancel").willReturn(okJson(batch("cancelling", 3, 1, 0, null, null))));

		BatchJob job = this.template.batchJobs().cancel("batch_abc").block();

		assertThat(job.status()).isEqualTo(BatchJob.Status.CANCELLING);
		assertThat(job.isEnded()).isFalse();
		server.verify(postRequestedFor(urlPathEqualTo("/v1/batches/batch_abc/cancel")));
	}

	@Test
	void otherProvidersAndGroupsRefuseNamingThemselves() {
		try (LlmTemplate azure = LlmTemplate.builder(ClientConfig.builder(Provider.AZURE_OPENAI)
			.baseUrl("https://example.openai.azure.com")
			.apiKey("k")
			.model("d")
			.build()).build()) {
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(azure::batchJobs)
				.withMessageContaining("azure-openai");
		}
		LlmTemplate group = LlmTemplate.group("pool", GroupStrategy.ROUND_ROBIN, List.of(this.template));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(group::batchJobs)
			.withMessageContaining("pool");
	}

	@Test
	void anEmptyBatchFailsBeforeSending() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.batchJobs().submit(List.of()));
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	private static String outputLine(int index, String content) {
		return "{\"id\":\"batch_req_" + index + "\",\"custom_id\":\"" + index
				+ "\",\"response\":{\"status_code\":200,\"request_id\":\"req_" + index + "\",\"body\":"
				+ OpenAiChatIntegrationTests.COMPLETION.replace("Hello there!", content)
					.replace("\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12",
							"\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15")
					.replace("\n", "")
				+ "},\"error\":null}";
	}

	/** A Batch object as OpenAI's document describes it (fields without a value left out). */
	static String batch(String status, int total, int completed, int failed, String output, String error) {
		boolean ended = status.equals("completed") || status.equals("expired") || status.equals("cancelled");
		return """
				{"id":"batch_abc","object":"batch","endpoint":"/v1/chat/completions",
				 "input_file_id":"file-in1","completion_window":"24h","status":"%s",%s%s"created_at":1733500000,
				 "expires_at":1733586400,%s"request_counts":{"total":%d,"completed":%d,"failed":%d}}"""
			.formatted(status, (output != null) ? "\"output_file_id\":\"" + output + "\"," : "",
					(error != null) ? "\"error_file_id\":\"" + error + "\"," : "",
					ended ? "\"" + status + "_at\":1733503600," : "", total, completed, failed);
	}

	private void assertValid(String schemaName, JsonNode instance) {
		ObjectNode document = (ObjectNode) openApi.deepCopy();
		removeTypelessNullable(document);
		document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		document.put("$ref", "#/components/schemas/" + schemaName);
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(SchemaLocation.of("https://api.openai.com/openapi.json"), document);
		assertThat(schema.validate(instance)).as(schemaName + " " + instance).isEmpty();
	}

	private static void removeTypelessNullable(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("nullable") && !object.has("type")) {
				object.remove("nullable");
			}
			for (JsonNode child : object.values()) {
				removeTypelessNullable(child);
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node) {
				removeTypelessNullable(child);
			}
		}
	}

}
