package io.github.llmclient.metrics;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.Provider;
import io.github.llmclient.retry.RetrySettings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** Bodies an OpenAI-compatible server sends, and a client configuration for a WireMock server. */
public final class OpenAiStubs {

	public static final String API_KEY = "sk-test-7f3a9c2e-secret";

	public static final String CHAT_PATH = "/v1/chat/completions";

	public static final String CHAT_BODY = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
			"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],
			"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""";

	public static final String ERROR_BODY = """
			{"error":{"message":"The server is overloaded","type":"server_error"}}""";

	/** Three content chunks, a finish chunk and a usage chunk (7 in, 3 out). */
	public static final String STREAM_BODY = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
			+ chunk("{\"content\":\"Hel\"}", "null") + chunk("{\"content\":\"lo\"}", "null")
			+ chunk("{\"content\":\"!\"}", "null") + chunk("{}", "\"stop\"")
			+ "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,"
			+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],"
			+ "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n" + "data: [DONE]\n\n";

	private OpenAiStubs() {
	}

	private static String chunk(String delta, String finishReason) {
		return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1,"
				+ "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":" + delta
				+ ",\"finish_reason\":" + finishReason + "}]}\n\n";
	}

	/**
	 * Stubs the chat endpoint to answer a 503 with {@link #ERROR_BODY} once, then {@link #CHAT_BODY}.
	 * @param server the WireMock server
	 */
	public static void serviceUnavailableOnce(Stubbing server) {
		server.stubFor(post(urlEqualTo(CHAT_PATH)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(ERROR_BODY))
			.willSetStateTo("recovered"));
		server.stubFor(post(urlEqualTo(CHAT_PATH)).inScenario("retry")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CHAT_BODY)));
	}

	/** A client of the given server with fast retries (up to 2, 10ms backoff, no jitter). */
	public static ClientConfig.Builder config(String baseUrl) {
		return ClientConfig.builder(Provider.OPENAI)
			.apiKey(API_KEY)
			.baseUrl(baseUrl + "/v1")
			.model("gpt-4o-mini")
			.retry(retries(2));
	}

	/** Retry settings that never retry. */
	public static RetrySettings noRetries() {
		return retries(0);
	}

	private static RetrySettings retries(int maxRetries) {
		return new RetrySettings(maxRetries, Duration.ofMillis(10), 2.0, Duration.ofMillis(50), Duration.ZERO,
				RetrySettings.DEFAULT_STATUS_CODES, Duration.ofSeconds(60), Duration.ofMinutes(2));
	}

}
