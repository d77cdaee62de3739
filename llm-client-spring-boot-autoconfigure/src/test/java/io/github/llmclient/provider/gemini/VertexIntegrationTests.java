package io.github.llmclient.provider.gemini;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.Provider;
import io.github.llmclient.TestClients;
import io.github.llmclient.chat.ChatChunk;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.chat.Usage;
import io.github.llmclient.embedding.EmbeddingRequest;
import io.github.llmclient.error.LlmAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** Vertex AI through {@link LlmTemplate}: Google OAuth2 per attempt, project paths, express mode. */
class VertexIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String MODEL_PATH = "/v1/projects/my-project/locations/us-central1/publishers/google/models/"
			+ "gemini-2.5-flash";

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static ClientConfig.Builder vertex() {
		return ClientConfig.builder(Provider.VERTEX_AI)
			.baseUrl(server.baseUrl() + "/v1")
			.vertex(new VertexSettings("my-project", "us-central1"))
			.model("gemini-2.5-flash")
			.embeddingModel("text-embedding-005")
			.retry(TestClients.fastRetries(2));
	}

	@Test
	void serviceAccountTokenFromTheRealLibraryIsSentReusedAndRefreshedBeforeExpiry() throws Exception {
		server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs(STARTED)
			.willReturn(okJson("{\"access_token\": \"ya29.first-SECRET\", \"expires_in\": 60, \"token_type\": \"Bearer\"}"))
			.willSetStateTo("second"));
		server.stubFor(post("/token").inScenario("tokens").whenScenarioStateIs("second")
			.willReturn(okJson("{\"access_token\": \"ya29.second-SECRET\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}")));
		server.stubFor(post(MODEL_PATH + ":generateContent").willReturn(okJson(GeminiFixtures.fixture("text.json"))));
		GoogleCredentials credentials = GoogleCredentials
			.fromStream(new ByteArrayInputStream(serviceAccountKey(server.baseUrl() + "/token")));

		try (LlmTemplate template = LlmTemplate.builder(vertex().build())
			.requestAuth(new GoogleCredentialsAuth(() -> credentials))
			.build()) {
			for (int i = 0; i < 3; i++) {
				assertThat(template.chat(ChatRequest.of("Hi")).block(WAIT).content()).contains("strawberry");
			}
		}

		// the library's own JWT-bearer exchange ran twice: the 60-second token was renewed, the hour-long one reused
		server.verify(2, postRequestedFor(urlEqualTo("/token"))
			.withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")));
		List<String> authorizations = server.findAll(postRequestedFor(urlEqualTo(MODEL_PATH + ":generateContent")))
			.stream()
			.map((request) -> request.getHeader("Authorization"))
			.toList();
		assertThat(authorizations).containsExactly("Bearer ya29.first-SECRET", "Bearer ya29.second-SECRET",
				"Bearer ya29.second-SECRET");
		server.verify(postRequestedFor(urlEqualTo(MODEL_PATH + ":generateContent"))
			.withHeader("x-goog-user-project", equalTo("billing-project"))
			.withHeader("x-goog-api-key", absent()));
	}

	@Test
	void credentialsBeanRefreshesOffTheEventLoopOnEveryRetriedAttempt() {
		List<Boolean> nonBlocking = new CopyOnWriteArrayList<>();
		AtomicInteger refreshes = new AtomicInteger();
		GoogleCredentials credentials = new GoogleCredentials() {
			@Override
			public AccessToken refreshAccessToken() {
				nonBlocking.add(Schedulers.isInNonBlockingThread());
				// expires within the refresh margin: every attempt needs a new one
				return new AccessToken("token-" + refreshes.incrementAndGet(), new Date(System.currentTimeMillis() + 60_000));
			}
		};
		server.stubFor(post(MODEL_PATH + ":generateContent").inScenario("retry").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		server.stubFor(post(MODEL_PATH + ":generateContent").inScenario("retry").whenScenarioStateIs("ok")
			.willReturn(okJson(GeminiFixtures.fixture("text.json"))));

		try (LlmTemplate template = LlmTemplate.builder(vertex().build())
			.requestAuth(new GoogleCredentialsAuth(() -> credentials))
			.build()) {
			template.chat(ChatRequest.of("Hi")).block(WAIT);
		}

		List<String> authorizations = server.findAll(postRequestedFor(urlEqualTo(MODEL_PATH + ":generateContent")))
			.stream()
			.map((request) -> request.getHeader("Authorization"))
			.toList();
		assertThat(authorizations).containsExactly("Bearer token-1", "Bearer token-2");
		assertThat(nonBlocking).hasSize(2).containsOnly(false);
		server.verify(postRequestedFor(urlEqualTo(MODEL_PATH + ":generateContent"))
			.withHeader("x-goog-user-project", absent()));
	}

	@Test
	void failingCredentialsFailTheCallWithoutTheToken() {
		GoogleCredentials credentials = new GoogleCredentials() {
			@Override
			public AccessToken refreshAccessToken() throws java.io.IOException {
				throw new java.io.IOException("Error getting access token for service account: 400 Bad Request");
			}
		};
		try (LlmTemplate template = LlmTemplate.builder(vertex().build())
			.requestAuth(new GoogleCredentialsAuth(() -> credentials))
			.build()) {
			StepVerifier.create(template.chat(ChatRequest.of("Hi")))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(LlmAuthenticationException.class)
					.hasMessageContaining("Could not get a Google access token for vertex-ai")
					.hasMessageContaining("GoogleCredentials bean"))
				.verify(WAIT);
		}
		server.verify(0, postRequestedFor(urlEqualTo(MODEL_PATH + ":generateContent")));
	}

	@Test
	void streamOnVertexHasUsageOnlyOnItsLastChunk() {
		server.stubFor(post(urlEqualTo(MODEL_PATH + ":streamGenerateContent?alt=sse"))
			.willReturn(GeminiFixtures.eventStream(GeminiFixtures.sse("vertex-thought-then-finish.chunks.txt"))));

		List<ChatChunk> chunks;
		try (LlmTemplate template = LlmTemplate.builder(vertex().build())
			.requestAuth((request) -> reactor.core.publisher.Mono.just(Map.of("Authorization", "Bearer t")))
			.build()) {
			chunks = template.stream(ChatRequest.of("Read the theme")).collectList().block(WAIT);
		}

		assertThat(chunks).hasSize(2);
		assertThat(chunks.get(0).reasoning()).startsWith("**Processing User Requests**");
		assertThat(chunks.get(0).usage()).isNull();
		assertThat(chunks.get(1).usage()).isEqualTo(new Usage(249, 58 + 183, 490, 0, 183));
		assertThat(chunks.get(1).finishReason()).isEqualTo("stop");
	}

	@Test
	void expressModeSendsTheKeyWithoutProjectOrToken() {
		server.stubFor(post("/v1/publishers/google/models/gemini-2.5-flash:generateContent")
			.willReturn(okJson(GeminiFixtures.fixture("text.json"))));

		try (LlmTemplate template = LlmTemplate.builder(vertex().vertex(VertexSettings.defaults())
			.apiKey("express-key-SECRET")
			.build()).build()) {
			ChatResponse answer = template.chat(ChatRequest.of("Hi")).block(WAIT);
			assertThat(answer.finishReason()).isEqualTo("stop");
		}

		server.verify(postRequestedFor(urlEqualTo("/v1/publishers/google/models/gemini-2.5-flash:generateContent"))
			.withHeader("x-goog-api-key", equalTo("express-key-SECRET"))
			.withHeader("Authorization", absent()));
	}

	@Test
	void embeddingsUsePredict() {
		server.stubFor(post(MODEL_PATH.replace("gemini-2.5-flash", "text-embedding-005") + ":predict").willReturn(okJson("""
				{"predictions": [
				  {"embeddings": {"statistics": {"truncated": false, "token_count": 3}, "values": [0.1, 0.2]}},
				  {"embeddings": {"statistics": {"truncated": false, "token_count": 4}, "values": [0.3, 0.4]}}]}""")));

		try (LlmTemplate template = LlmTemplate.builder(vertex().build())
			.requestAuth((request) -> reactor.core.publisher.Mono.just(Map.of("Authorization", "Bearer t")))
			.build()) {
			var response = template.embed(EmbeddingRequest.builder().inputs(List.of("a b c", "d e f g")).dimensions(2).build())
				.block(WAIT);
			assertThat(response.embeddings()).containsExactly(new float[] { 0.1f, 0.2f }, new float[] { 0.3f, 0.4f });
			assertThat(response.usage().inputTokens()).isEqualTo(7);
		}

		server.verify(postRequestedFor(urlEqualTo(MODEL_PATH.replace("gemini-2.5-flash", "text-embedding-005") + ":predict"))
			.withRequestBody(equalToJson("""
					{"instances": [{"content": "a b c"}, {"content": "d e f g"}],
					 "parameters": {"outputDimensionality": 2}}""")));
	}

	/** A service-account key file of a key generated here, whose token endpoint is the stub. */
	private static byte[] serviceAccountKey(String tokenUri) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		String json = GeminiFixtures.MAPPER.writeValueAsString(Map.of("type", "service_account", "project_id",
				"my-project", "private_key_id", "test-key-1", "private_key", pem, "client_email",
				"llm-client@my-project.iam.gserviceaccount.com", "client_id", "1234567890", "token_uri", tokenUri,
				"quota_project_id", "billing-project"));
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
