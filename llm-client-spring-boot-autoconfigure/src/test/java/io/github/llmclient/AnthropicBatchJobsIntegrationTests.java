package io.github.llmclient;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.batch.BatchJob;
import io.github.llmclient.chat.BatchResult;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.PromptCache;
import io.github.llmclient.error.LlmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anthropic Message Batches against a scripted server: the params of each request are exactly the
 * body chat sends, statuses map to the job's, results stream from {@code results_url} back in
 * submission order with errored and expired requests as errors, cancel.
 */
class AnthropicBatchJobsIntegrationTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String CANCEL_NOT_ASKED = "\"cancel_initiated_at\":null";

	private static final String CANCEL_ASKED = "\"cancel_initiated_at\":\"2026-12-07T04:00:00Z\"";

	private final JsonMapper json = JsonMapper.builder().build();

	private LlmTemplate template;

	@BeforeEach
	void start() {
		this.template = LlmTemplate.builder(ClientConfig.builder(Provider.ANTHROPIC)
			.baseUrl(server.baseUrl() + "/v1")
			.apiKey(TestClients.SECRET_KEY)
			.model("claude-sonnet-4-5")
			.retry(TestClients.fastRetries(3))
			.build()).build();
	}

	@AfterEach
	void stop() {
		this.template.close();
	}

	@Test
	void submitSendsEachRequestAsTheParamsChatSends() {
		server.stubFor(post("/v1/messages/batches").willReturn(okJson(batch("in_progress", 3, 0, 0, 0, null))));
		server.stubFor(post("/v1/messages").willReturn(okJson(message("ok", 1, 1))));
		List<ChatRequest> requests = List.of(ChatRequest.of("One"),
				ChatRequest.builder().system("Manual").user("Two").assistant("Reply").user("Three")
					.cache(PromptCache.prefix())
					.build(),
				ChatRequest.builder().user("Four").maxTokens(10).build());

		BatchJob job = this.template.batchJobs().submit(requests).block();

		assertThat(job.id()).isEqualTo("msgbatch_01");
		assertThat(job.status()).isEqualTo(BatchJob.Status.IN_PROGRESS);
		assertThat(job.total()).isEqualTo(3);
		LoggedRequest create = server.findAll(postRequestedFor(urlPathEqualTo("/v1/messages/batches"))).get(0);
		assertThat(create.getHeader("x-api-key")).isEqualTo(TestClients.SECRET_KEY);
		assertThat(create.getHeader("anthropic-version")).isEqualTo("2023-06-01");
		JsonNode body = this.json.readTree(create.getBodyAsString());
		for (ChatRequest request : requests) {
			this.template.chat(request).block();
		}
		List<LoggedRequest> chats = server.findAll(postRequestedFor(urlPathEqualTo("/v1/messages")));
		assertThat(body.get("requests")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(body.at("/requests/" + i + "/custom_id").asString()).isEqualTo(Integer.toString(i));
			assertThat(body.at("/requests/" + i + "/params")).isEqualTo(this.json.readTree(chats.get(i).getBodyAsString()));
		}
		// the cache breakpoints travel with the request
		assertThat(body.at("/requests/1/params/system/0/cache_control/type").asString()).isEqualTo("ephemeral");
		// the params are put in byte for byte
		assertThat(create.getBodyAsString()).contains("\"params\":" + chats.get(1).getBodyAsString());
	}

	@Test
	void readsStatusesAndStreamsResultsInSubmissionOrder() {
		server.stubFor(get("/v1/messages/batches/msgbatch_01")
			.willReturn(okJson(batch("ended", 0, 2, 1, 1, server.baseUrl() + "/v1/messages/batches/msgbatch_01/results"))));
		server.stubFor(get("/v1/messages/batches/msgbatch_01/results").willReturn(aResponse()
			.withHeader("Content-Type", "application/binary")
			.withBody(String.join("\n",
					"{\"custom_id\":\"3\",\"result\":{\"type\":\"expired\"}}",
					"{\"custom_id\":\"1\",\"result\":{\"type\":\"succeeded\",\"message\":" + message("Second", 20, 7) + "}}",
					"{\"custom_id\":\"2\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":\"error\",\"error\":"
							+ "{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}}}",
					"{\"custom_id\":\"0\",\"result\":{\"type\":\"succeeded\",\"message\":" + message("First", 10, 5) + "}}",
					""))));

		BatchJob job = this.template.batchJobs().get("msgbatch_01").block();
		assertThat(job.status()).isEqualTo(BatchJob.Status.COMPLETED);
		assertThat(job.total()).isEqualTo(4);
		assertThat(job.completed()).isEqualTo(2);
		assertThat(job.failed()).isEqualTo(2);
		assertThat(job.endedAt()).isNotNull();

		List<BatchResult> results = this.template.batchJobs().results("msgbatch_01").collectList().block();

		assertThat(results).extracting(BatchResult::index).containsExactly(0, 1, 2, 3);
		assertThat(results.get(0).response().content()).isEqualTo("First");
		assertThat(results.get(1).response().content()).isEqualTo("Second");
		assertThat(results.get(1).response().usage().inputTokens()).isEqualTo(20);
		assertThat(((LlmException) results.get(2).error()).errorType()).isEqualTo("invalid_request_error");
		assertThat(results.get(2).error()).hasMessageContaining("max_tokens: Field required");
		assertThat(((LlmException) results.get(3).error()).errorType()).isEqualTo("expired");
		LoggedRequest download = server.findAll(getRequestedFor(urlPathEqualTo("/v1/messages/batches/msgbatch_01/results")))
			.get(0);
		assertThat(download.getHeader("x-api-key")).isEqualTo(TestClients.SECRET_KEY);
	}

	@Test
	void cancelMapsTheStatuses() {
		server.stubFor(post("/v1/messages/batches/msgbatch_01/cancel")
			.willReturn(okJson(batch("canceling", 2, 1, 0, 0, null).replace(CANCEL_NOT_ASKED, CANCEL_ASKED))));
		assertThat(this.template.batchJobs().cancel("msgbatch_01").block().status())
			.isEqualTo(BatchJob.Status.CANCELLING);
		server.stubFor(get("/v1/messages/batches/msgbatch_01")
			.willReturn(okJson(batch("ended", 0, 1, 0, 0, "x").replace(CANCEL_NOT_ASKED, CANCEL_ASKED))));
		assertThat(this.template.batchJobs().get("msgbatch_01").block().status()).isEqualTo(BatchJob.Status.CANCELLED);
	}

	private static String batch(String status, int processing, int succeeded, int errored, int expired,
			String resultsUrl) {
		boolean ended = status.equals("ended");
		return """
				{"id":"msgbatch_01","type":"message_batch","processing_status":"%s",
				 "request_counts":{"processing":%d,"succeeded":%d,"errored":%d,"canceled":0,"expired":%d},
				 "ended_at":%s,"created_at":"2026-12-07T03:00:00Z","expires_at":"2026-12-08T03:00:00Z",
				 "cancel_initiated_at":null,"results_url":%s}""".formatted(status, processing, succeeded, errored, expired,
				ended ? "\"2026-12-07T05:00:00Z\"" : "null", (resultsUrl != null) ? "\"" + resultsUrl + "\"" : "null");
	}

	private static String message(String text, int in, int out) {
		return ("{\"id\":\"msg_" + text + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
				+ "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\","
				+ "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + in + ",\"output_tokens\":" + out + "}}");
	}

}
