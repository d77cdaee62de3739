package io.github.llmclient.provider.bedrock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.chat.ChatChunks;
import io.github.llmclient.chat.ChatRequest;
import io.github.llmclient.chat.ChatResponse;
import io.github.llmclient.provider.ProviderRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import org.springframework.http.HttpMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Signature V4 on every attempt, checked independently: the signature of what the server
 * received is recomputed with AWS's own signer, the same credentials and the request's own date.
 */
class BedrockSigV4IntegrationTests {

	/** AWS's documentation example credentials (never valid). */
	static final String ACCESS_KEY = "AKIDEXAMPLE";

	static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	static final String ARN = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0";

	static final String ARN_PATH = "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
			+ "us.anthropic.claude-3-7-sonnet-20250219-v1%3A0";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final AwsCredentialsProvider credentials = StaticCredentialsProvider
		.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

	private final TickingClock clock = new TickingClock(Instant.parse("2015-08-30T12:36:00Z"));

	private final AtomicInteger resolutions = new AtomicInteger();

	private LlmTemplate template;

	@AfterEach
	void close() {
		if (this.template != null) {
			this.template.close();
		}
	}

	private LlmTemplate signedTemplate() {
		AwsCredentialsProvider counting = () -> {
			this.resolutions.incrementAndGet();
			return this.credentials.resolveCredentials();
		};
		ClientConfig config = BedrockIntegrationTests.config(wm.baseUrl()).apiKey(null).model(ARN).build();
		this.template = LlmTemplate.builder(config).requestAuth(new BedrockSigV4(counting, "us-east-1", this.clock)).build();
		return this.template;
	}

	@Test
	void signsEveryAttemptAnewOverTheExactUriAndBytesSent() {
		wm.stubFor(post(urlEqualTo(ARN_PATH + "/converse")).inScenario("retry").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("x-amzn-ErrorType", "ServiceUnavailableException")
				.withBody("{\"message\":\"Bedrock is unable to process your request.\"}"))
			.willSetStateTo("up"));
		wm.stubFor(post(urlEqualTo(ARN_PATH + "/converse")).inScenario("retry").whenScenarioStateIs("up")
			.willReturn(okJson(BedrockIntegrationTests.ANSWER)));
		ChatResponse response = signedTemplate().chat(ChatRequest.of("Hello")).block(WAIT);
		assertThat(response.content()).isEqualTo("Hi!");
		List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo(ARN_PATH + "/converse")));
		assertThat(sent).hasSize(2);
		for (LoggedRequest request : sent) {
			assertThat(request.getHeader("Authorization"))
				.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20150830/us-east-1/bedrock/aws4_request, ")
				.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date, ")
				.isEqualTo(recomputed(request));
		}
		// each attempt has its own date, hence its own signature
		assertThat(sent.get(0).getHeader("X-Amz-Date")).isNotEqualTo(sent.get(1).getHeader("X-Amz-Date"));
		assertThat(sent.get(0).getHeader("Authorization")).isNotEqualTo(sent.get(1).getHeader("Authorization"));
	}

	@Test
	void signsStreamsAndSendsTheSessionTokenOfTemporaryCredentials() {
		wm.stubFor(post(urlEqualTo(ARN_PATH + "/converse-stream")).willReturn(BedrockIntegrationTests.frames(
				BedrockIntegrationTests.start(), BedrockIntegrationTests.text(0, "Hi"),
				BedrockIntegrationTests.stop("end_turn"), BedrockIntegrationTests.metadata(3, 1))));
		AwsCredentialsProvider session = StaticCredentialsProvider.create(
				software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, "SESSION-TOKEN"));
		ClientConfig config = BedrockIntegrationTests.config(wm.baseUrl()).apiKey(null).model(ARN).build();
		this.template = LlmTemplate.builder(config).requestAuth(new BedrockSigV4(session, "us-east-1", this.clock)).build();
		ChatResponse response = ChatChunks.aggregate(this.template.stream(ChatRequest.of("Hello"))).block(WAIT);
		assertThat(response.content()).isEqualTo("Hi");
		LoggedRequest request = wm.findAll(postRequestedFor(urlEqualTo(ARN_PATH + "/converse-stream"))).get(0);
		assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo("SESSION-TOKEN");
		assertThat(request.getHeader("Authorization")).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, ");
	}

	@Test
	void resolvesCredentialsOffTheEventLoopAndReusesThemBriefly() {
		wm.stubFor(post(urlEqualTo(ARN_PATH + "/converse")).willReturn(okJson(BedrockIntegrationTests.ANSWER)));
		LlmTemplate template = signedTemplate();
		AtomicLong threads = new AtomicLong();
		AwsCredentialsProvider probe = () -> {
			threads.set(Thread.currentThread().getName().startsWith("boundedElastic") ? 1 : -1);
			return this.credentials.resolveCredentials();
		};
		ProviderRequest models = new ProviderRequest(HttpMethod.GET,
				java.net.URI.create(wm.baseUrl() + "/foundation-models"), java.util.Map.of(), null, "models");
		Map<String, String> signed = new BedrockSigV4(probe, "us-east-1", this.clock).headers(models).block(WAIT);
		assertThat(signed).containsKeys("Authorization", "X-Amz-Date");
		assertThat(threads.get()).isEqualTo(1);
		template.chat(ChatRequest.of("Hello")).block(WAIT);
		template.chat(ChatRequest.of("Hello again")).block(WAIT);
		assertThat(this.resolutions.get()).isEqualTo(1);
	}

	@Test
	void neverShowsTheSecretKey() {
		LlmTemplate template = signedTemplate();
		BedrockSigV4 signer = new BedrockSigV4(this.credentials, "us-east-1", this.clock);
		assertThat(signer.toString()).doesNotContain(SECRET_KEY).contains("us-east-1");
		assertThat(template.toString()).doesNotContain(SECRET_KEY);
		assertThat(template.config().toString()).doesNotContain(SECRET_KEY).contains("bedrockRegion=us-east-1");
	}

	/** The Authorization AWS's own signer computes for what the server received, at the request's date. */
	private String recomputed(LoggedRequest received) {
		Instant date = AMZ_DATE.parse(received.getHeader("X-Amz-Date"), Instant::from);
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(received.getMethod().getName()))
			.uri(java.net.URI.create(wm.baseUrl() + received.getUrl()))
			.build();
		SignedRequest signed = AwsV4HttpSigner.create().sign((sign) -> sign
			.identity(this.credentials.resolveCredentials())
			.request(request)
			.payload(ContentStreamProvider.fromByteArray(received.getBody()))
			.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "bedrock")
			.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
			.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(date, ZoneOffset.UTC)));
		return signed.request().firstMatchingHeader("Authorization").orElseThrow();
	}

	/** A clock one second later at each reading, so that two attempts never share a date. */
	static final class TickingClock extends Clock {

		private final AtomicLong seconds;

		TickingClock(Instant start) {
			this.seconds = new AtomicLong(start.getEpochSecond());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochSecond(this.seconds.getAndIncrement());
		}

	}

}
