package io.github.llmclient.transport;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.autoconfigure.LlmAutoConfiguration;
import io.github.llmclient.error.LlmTransportException;
import io.github.llmclient.metrics.OpenAiStubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TLS to a local HTTPS server with certificates made at test time: the CA of a Spring Boot SSL
 * bundle ({@code llm.ssl.bundle}) is trusted, an unknown CA or a wrong host name fails at once
 * without a retry, and mutual TLS succeeds only with the bundle's client certificate.
 */
class TlsIntegrationTests {

	private static TestCertificates certificates;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, LlmAutoConfiguration.class))
		.withPropertyValues("llm.api-key=" + OpenAiStubs.API_KEY, "llm.model=gpt-4o-mini", "llm.max-retries=3",
				"llm.retry.initial-backoff=1ms", "llm.retry.max-backoff=5ms", "llm.retry.jitter=0ms",
				"spring.ssl.bundle.pem.private-ca.truststore.certificate=file:" + certificates.certificate("ca"),
				"spring.ssl.bundle.pem.gateway.truststore.certificate=file:" + certificates.certificate("ca"),
				"spring.ssl.bundle.pem.gateway.keystore.certificate=file:" + certificates.certificate("client"),
				"spring.ssl.bundle.pem.gateway.keystore.private-key=file:" + certificates.privateKey("client"));

	@BeforeAll
	static void makeCertificates() throws Exception {
		certificates = TestCertificates.create();
	}

	@AfterAll
	static void deleteCertificates() throws Exception {
		try (var files = java.nio.file.Files.list(certificates.dir)) {
			files.forEach((file) -> file.toFile().delete());
		}
		certificates.dir.toFile().delete();
	}

	@Test
	void trustsTheCaOfTheSslBundle() {
		try (TlsServer server = TlsServer.start(certificates, certificates.server, false)) {
			this.contextRunner.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca").run((context) -> {
				assertChatAndStream(context.getBean(LlmTemplate.class));
				assertThat(server.requests()).isEqualTo(2);
			});
		}
	}

	@Test
	void namedClientsInheritTheSslBundle() {
		try (TlsServer server = TlsServer.start(certificates, certificates.server, false)) {
			this.contextRunner
				.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca",
						"llm.clients.other." + baseUrl(server).substring("llm.".length()))
				.run((context) -> assertChatAndStream(context.getBean(LlmTemplates.class).get("other")));
		}
	}

	@Test
	void aNamedClientWithAnHttpUrlKeepsSpeakingPlainHttpWithAnInheritedBundle() {
		WireMockServer plain = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		plain.start();
		try (TlsServer server = TlsServer.start(certificates, certificates.server, false)) {
			plain.stubFor(post(OpenAiStubs.CHAT_PATH).willReturn(okJson(OpenAiStubs.CHAT_BODY)));
			this.contextRunner
				.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca",
						"llm.clients.local.base-url=http://localhost:" + plain.port() + "/v1")
				.run((context) -> {
					assertThat(context.getBean(LlmTemplates.class).get("local").chat("Hi").block(Duration.ofSeconds(30)))
						.isEqualTo("Hello!");
					assertThat(context.getBean(LlmTemplate.class).chat("Hi").block(Duration.ofSeconds(30)))
						.isEqualTo("Hello!");
				});
		}
		finally {
			plain.stop();
		}
	}

	@Test
	void anUntrustedCertificateFailsAtOnceWithoutRetrying() {
		try (TlsServer server = TlsServer.start(certificates, certificates.server, false)) {
			this.contextRunner.withPropertyValues(baseUrl(server)).run((context) -> {
				LlmTransportException failure = failure(context.getBean(LlmTemplate.class));
				assertThat(failure.getMessage()).startsWith("TLS handshake with localhost:" + server.port() + " failed: ")
					.contains("llm.ssl.bundle")
					.doesNotContain(OpenAiStubs.API_KEY);
				assertThat(server.connections()).isEqualTo(1);
				assertThat(server.requests()).isZero();
			});
		}
	}

	@Test
	void aCertificateForAnotherHostFailsAtOnceWithoutRetrying() {
		try (TlsServer server = TlsServer.start(certificates, certificates.otherHost, false)) {
			this.contextRunner.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca").run((context) -> {
				LlmTransportException failure = failure(context.getBean(LlmTemplate.class));
				assertThat(failure.getMessage()).startsWith("TLS handshake with localhost:" + server.port() + " failed: ")
					.doesNotContain(OpenAiStubs.API_KEY);
				assertThat(server.connections()).isEqualTo(1);
				assertThat(server.requests()).isZero();
			});
		}
	}

	@Test
	void mutualTlsSucceedsWithTheClientCertificateOfTheBundle() {
		try (TlsServer server = TlsServer.start(certificates, certificates.server, true)) {
			this.contextRunner.withPropertyValues(baseUrl(server), "llm.ssl.bundle=gateway")
				.run((context) -> assertChatAndStream(context.getBean(LlmTemplate.class)));
		}
	}

	@Test
	void mutualTlsWithoutAClientCertificateFailsAtOnceWithoutRetrying() {
		try (TlsServer server = TlsServer.start(certificates, certificates.server, true)) {
			this.contextRunner.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca").run((context) -> {
				LlmTransportException failure = failure(context.getBean(LlmTemplate.class));
				assertThat(failure.getMessage()).contains("TLS").contains("localhost:" + server.port())
					.doesNotContain(OpenAiStubs.API_KEY);
				assertThat(server.connections()).isEqualTo(1);
				assertThat(server.requests()).isZero();
			});
		}
	}

	@Test
	void speaksHttp2OverTlsNegotiatedByAlpnWithTheBundle() {
		try (TlsServer server = TlsServer.startHttp2(certificates, certificates.server)) {
			this.contextRunner.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca", "llm.http-version=http2")
				.run((context) -> {
					assertChatAndStream(context.getBean(LlmTemplate.class));
					assertThat(server.versions()).containsExactly("HTTP/2.0");
					// both calls were streams of one connection
					assertThat(server.connections()).isEqualTo(1);
				});
		}
	}

	@Test
	void anHttp11OnlyTlsServerFailsAtOnceNamingTheHttpVersionProperty() {
		try (TlsServer server = TlsServer.start(certificates, certificates.server, false)) {
			this.contextRunner.withPropertyValues(baseUrl(server), "llm.ssl.bundle=private-ca", "llm.http-version=http2")
				.run((context) -> {
					LlmTransportException failure = failure(context.getBean(LlmTemplate.class));
					assertThat(failure.getMessage()).contains("llm.http-version=http1.1")
						.doesNotContain(OpenAiStubs.API_KEY);
					assertThat(server.connections()).isEqualTo(1);
					assertThat(server.requests()).isZero();
				});
		}
	}

	private static LlmTransportException failure(LlmTemplate template) {
		LlmTransportException failure = catchThrowableOfType(LlmTransportException.class,
				() -> template.chat("Hi").block(Duration.ofSeconds(30)));
		assertThat(failure).isNotNull();
		assertThat(failure.isRetryable()).isFalse();
		return failure;
	}

	private static void assertChatAndStream(LlmTemplate template) {
		assertThat(template.chat("Hi").block(Duration.ofSeconds(30))).isEqualTo("Hello!");
		List<String> chunks = template.stream("Hi").collectList().block(Duration.ofSeconds(30));
		assertThat(String.join("", chunks)).isEqualTo("Hello!");
	}

	private static String baseUrl(TlsServer server) {
		return "llm.base-url=https://localhost:" + server.port() + "/v1";
	}

}
