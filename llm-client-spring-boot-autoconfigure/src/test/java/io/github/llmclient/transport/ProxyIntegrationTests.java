package io.github.llmclient.transport;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.ClientConfig;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.ProxySettings;
import io.github.llmclient.error.LlmTransportException;
import io.github.llmclient.metrics.OpenAiStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Chat and stream through real proxies: tinyproxy (HTTP, with and without basic auth) and
 * microsocks (SOCKS5), started on free ports.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyIntegrationTests {

	private static final String PROXY_PASSWORD = "proxy-Secret-4242";

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post(OpenAiStubs.CHAT_PATH)
			.withRequestBody(containing("\"stream\":true"))
			.atPriority(1)
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(OpenAiStubs.STREAM_BODY)));
		this.wireMock.stubFor(post(OpenAiStubs.CHAT_PATH).atPriority(2).willReturn(okJson(OpenAiStubs.CHAT_BODY)));
	}

	@AfterEach
	void stop() {
		this.wireMock.stop();
	}

	@Test
	void chatAndStreamReachTheServerThroughAnHttpProxy(CapturedOutput output) throws Exception {
		try (ProxyServer proxy = ProxyServer.tinyproxy(this.wireMock.port(), null, null);
				LlmTemplate template = template(ProxySettings.http("127.0.0.1", proxy.port()))) {
			assertChatAndStream(template);
			assertThat(proxy.log()).contains("CONNECT localhost:" + this.wireMock.port());
			assertThat(proxy.log()).doesNotContain(OpenAiStubs.API_KEY);
		}
		assertThat(output).doesNotContain(OpenAiStubs.API_KEY);
	}

	@Test
	void authenticatesToTheProxyWithoutShowingThePassword(CapturedOutput output) throws Exception {
		try (ProxyServer proxy = ProxyServer.tinyproxy(this.wireMock.port(), "llm", PROXY_PASSWORD);
				LlmTemplate template = template(
						ProxySettings.http("127.0.0.1", proxy.port()).withCredentials("llm", PROXY_PASSWORD))) {
			assertChatAndStream(template);
			assertThat(proxy.log()).contains("CONNECT localhost:" + this.wireMock.port());
			assertThat(proxy.log()).doesNotContain(OpenAiStubs.API_KEY);
			assertThat(template.config().toString()).doesNotContain(PROXY_PASSWORD).contains("password=******");
		}
		assertThat(output).doesNotContain(PROXY_PASSWORD).doesNotContain(OpenAiStubs.API_KEY);
	}

	@Test
	void aWrongProxyPasswordFailsAtOnceWithoutRetrying(CapturedOutput output) throws Exception {
		try (ProxyServer proxy = ProxyServer.tinyproxy(this.wireMock.port(), "llm", PROXY_PASSWORD);
				LlmTemplate template = template(
						ProxySettings.http("127.0.0.1", proxy.port()).withCredentials("llm", "wrong-" + PROXY_PASSWORD))) {
			LlmTransportException failure = catchThrowableOfType(LlmTransportException.class,
					() -> template.chat("Hi").block(Duration.ofSeconds(30)));
			// tinyproxy answers a bad Proxy-Authorization with 401 rather than 407
			assertThat(failure.isRetryable()).isFalse();
			assertThat(failure.getMessage()).contains("proxy 127.0.0.1:" + proxy.port())
				.contains("401 Unauthorized")
				.contains("llm.proxy.password")
				.doesNotContain(PROXY_PASSWORD)
				.doesNotContain(OpenAiStubs.API_KEY);
			assertThat(proxy.log().lines().filter((line) -> line.contains("Request (file descriptor"))).hasSize(1);
		}
		this.wireMock.verify(0, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH)));
		assertThat(output).doesNotContain(PROXY_PASSWORD);
	}

	@Test
	void chatAndStreamReachTheServerThroughASocks5Proxy() throws Exception {
		try (ProxyServer proxy = ProxyServer.microsocks(null, null);
				LlmTemplate template = template(ProxySettings.socks5("127.0.0.1", proxy.port()))) {
			assertChatAndStream(template);
			assertThat(proxy.log()).contains("connected to localhost:" + this.wireMock.port());
		}
	}

	@Test
	void authenticatesToASocks5Proxy(CapturedOutput output) throws Exception {
		try (ProxyServer proxy = ProxyServer.microsocks("llm", PROXY_PASSWORD);
				LlmTemplate template = template(
						ProxySettings.socks5("127.0.0.1", proxy.port()).withCredentials("llm", PROXY_PASSWORD))) {
			assertChatAndStream(template);
			assertThat(proxy.log()).contains("connected to localhost:" + this.wireMock.port());
		}
		assertThat(output).doesNotContain(PROXY_PASSWORD);
	}

	@Test
	void aWrongSocks5PasswordFailsAtOnceWithoutRetrying(CapturedOutput output) throws Exception {
		try (ProxyServer proxy = ProxyServer.microsocks("llm", PROXY_PASSWORD);
				LlmTemplate template = template(
						ProxySettings.socks5("127.0.0.1", proxy.port()).withCredentials("llm", "wrong-" + PROXY_PASSWORD))) {
			LlmTransportException failure = catchThrowableOfType(LlmTransportException.class,
					() -> template.chat("Hi").block(Duration.ofSeconds(30)));
			assertThat(failure.isRetryable()).isFalse();
			assertThat(failure.getMessage()).contains("proxy 127.0.0.1:" + proxy.port())
				.contains("llm.proxy.password")
				.doesNotContain(PROXY_PASSWORD);
			assertThat(proxy.log()).doesNotContain("connected to");
		}
		this.wireMock.verify(0, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH)));
		assertThat(output).doesNotContain(PROXY_PASSWORD);
	}

	@Test
	void nonProxyHostsBypassTheProxy() throws Exception {
		try (ProxyServer proxy = ProxyServer.tinyproxy(this.wireMock.port(), null, null);
				LlmTemplate template = template(
						ProxySettings.http("127.0.0.1", proxy.port()).withNonProxyHosts("*.internal|localhost"))) {
			assertChatAndStream(template);
			assertThat(proxy.log()).doesNotContain("CONNECT localhost");
		}
		this.wireMock.verify(2, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH)));
	}

	@Test
	void followsTheJvmProxySystemProperties() throws Exception {
		String[] keys = { "http.proxyHost", "http.proxyPort", "http.nonProxyHosts" };
		String[] saved = new String[keys.length];
		for (int i = 0; i < keys.length; i++) {
			saved[i] = System.getProperty(keys[i]);
		}
		try (ProxyServer proxy = ProxyServer.tinyproxy(this.wireMock.port(), null, null)) {
			System.setProperty("http.proxyHost", "127.0.0.1");
			System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
			// the JDK's default would let localhost bypass the proxy
			System.setProperty("http.nonProxyHosts", "*.internal");
			try (LlmTemplate template = template(ProxySettings.systemProperties())) {
				assertChatAndStream(template);
			}
			assertThat(proxy.log()).contains("CONNECT localhost:" + this.wireMock.port());
		}
		finally {
			for (int i = 0; i < keys.length; i++) {
				if (saved[i] != null) {
					System.setProperty(keys[i], saved[i]);
				}
				else {
					System.clearProperty(keys[i]);
				}
			}
		}
	}

	private void assertChatAndStream(LlmTemplate template) {
		assertThat(template.chat("Hi").block(Duration.ofSeconds(30))).isEqualTo("Hello!");
		List<String> chunks = template.stream("Hi").collectList().block(Duration.ofSeconds(30));
		assertThat(String.join("", chunks)).isEqualTo("Hello!");
		this.wireMock.verify(2, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH))
			.withHeader("Authorization", equalTo("Bearer " + OpenAiStubs.API_KEY)));
	}

	private LlmTemplate template(ProxySettings proxy) {
		ClientConfig config = OpenAiStubs.config("http://localhost:" + this.wireMock.port())
			.proxy(proxy)
			.build();
		return LlmTemplate.builder(config).build();
	}

}
