package io.github.llmclient.provider.gemini;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LogCapture;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.error.LlmAuthenticationException;
import io.github.llmclient.error.LlmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Vertex AI's OAuth2 access token and the service account's private key never appear in a log line
 * (captured at TRACE from our loggers, the HTTP client's and Google's auth library), an exception's
 * message or {@code toString()}, or the client's {@code toString()}: with the real auth library
 * doing its JWT-bearer exchange against a local token endpoint, a retried call, a rejected token and
 * a failing token endpoint.
 */
class VertexSecretsRedactionTests {

	private static final String TOKEN = "ya29.c.SECRET-ACCESS-TOKEN-0123456789";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String MODEL_PATH = "/v1/projects/my-project/locations/us-central1/publishers/google/models/"
			+ "gemini-2.5-flash:generateContent";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	final LogCapture logs = LogCapture
		.of("io.github.llmclient", "org.springframework.web.reactive.function.client", "org.springframework.http",
				"reactor.netty", "com.google.auth")
		.atLevel(Level.TRACE);

	/** A distinctive piece of the private key's base64 text (one line of the PEM). */
	private String keyFragment;

	private LlmTemplate template;

	@BeforeEach
	void captureLogsAndBuildTheClient() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
		this.keyFragment = base64.split("\n")[3];
		String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
		byte[] keyFile = GeminiFixtures.MAPPER.writeValueAsBytes(Map.of("type", "service_account", "project_id",
				"my-project", "private_key_id", "test-key-1", "private_key", pem, "client_email",
				"llm-client@my-project.iam.gserviceaccount.com", "client_id", "1234567890", "token_uri",
				server.baseUrl() + "/token"));
		GoogleCredentials credentials = GoogleCredentials.fromStream(new ByteArrayInputStream(keyFile));
		ClientConfig config = ClientConfig.builder(Provider.VERTEX_AI)
			.baseUrl(server.baseUrl() + "/v1")
			.vertex(new VertexSettings("my-project", "us-central1"))
			.model("gemini-2.5-flash")
			.retry(TestClients.fastRetries(2))
			.build();
		this.template = LlmTemplate.builder(config).requestAuth(new GoogleCredentialsAuth(() -> credentials)).build();
	}

	@AfterEach
	void closeClient() {
		this.template.close();
	}

	@Test
	void retriedCallSendsTheTokenButNeverLogsIt() {
		stubToken();
		server.stubFor(post(MODEL_PATH).inScenario("retry").whenScenarioStateIs(STARTED)
			.willReturn(GeminiFixtures.json(503, "{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\","
					+ " \"status\": \"UNAVAILABLE\"}}"))
			.willSetStateTo("ok"));
		server.stubFor(post(MODEL_PATH).inScenario("retry").whenScenarioStateIs("ok")
			.willReturn(okJson(GeminiFixtures.fixture("text.json"))));

		assertThat(this.template.chat(ChatRequest.of("Hi")).block(WAIT).content()).isNotEmpty();

		// the token was really sent on both attempts, so its absence from the logs means something
		server.verify(2, postRequestedFor(urlEqualTo(MODEL_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
		// the request bodies were logged at TRACE (the per-attempt token is added after that line)
		assertThat(this.logs.events()).filteredOn((event) -> event.getFormattedMessage().startsWith(">> POST "))
			.hasSize(2);
		assertNoSecretAnywhere();
	}

	@Test
	void rejectedTokenIsNotInTheExceptionOrTheLogs() {
		stubToken();
		server.stubFor(post(MODEL_PATH).willReturn(GeminiFixtures.json(401, "{\"error\": {\"code\": 401, \"message\": "
				+ "\"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or "
				+ "other valid authentication credential.\", \"status\": \"UNAUTHENTICATED\"}}")));

		LlmAuthenticationException error = assertThatExceptionOfType(LlmAuthenticationException.class)
			.isThrownBy(() -> this.template.chat(ChatRequest.of("Hi")).block(WAIT))
			.actual();

		assertNoSecretIn(error);
		assertNoSecretAnywhere();
	}

	@Test
	void failingTokenEndpointNamesTheProblemWithoutTheKey() {
		server.stubFor(post("/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}")));

		LlmException error = assertThatExceptionOfType(LlmAuthenticationException.class)
			.isThrownBy(() -> this.template.chat(ChatRequest.of("Hi")).block(WAIT))
			.withMessageContaining("Could not get a Google access token for vertex-ai")
			.actual();

		server.verify(0, postRequestedFor(urlEqualTo(MODEL_PATH)));
		assertNoSecretIn(error);
		assertNoSecretAnywhere();
	}

	private void stubToken() {
		server.stubFor(post("/token")
			.willReturn(okJson("{\"access_token\": \"" + TOKEN + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}")));
	}

	private void assertNoSecretIn(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(TOKEN).doesNotContain(this.keyFragment);
			assertThat(cause.toString()).doesNotContain(TOKEN).doesNotContain(this.keyFragment);
		}
	}

	private void assertNoSecretAnywhere() {
		assertThat(this.template.toString()).doesNotContain(TOKEN).doesNotContain(this.keyFragment);
		assertThat(this.template.config().toString()).doesNotContain(TOKEN).doesNotContain(this.keyFragment);
		assertThat(this.logs.events()).isNotEmpty().allSatisfy((event) -> {
			assertThat(event.getFormattedMessage()).doesNotContain(TOKEN).doesNotContain(this.keyFragment);
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				assertThat(String.valueOf(proxy.getMessage())).doesNotContain(TOKEN).doesNotContain(this.keyFragment);
			}
		});
	}

}
