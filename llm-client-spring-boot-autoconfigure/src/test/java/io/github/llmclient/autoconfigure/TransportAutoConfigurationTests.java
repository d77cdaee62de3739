package io.github.llmclient.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.llmclient.LlmHttpClientCustomizer;
import io.github.llmclient.LlmTemplate;
import io.github.llmclient.LlmTemplates;
import io.github.llmclient.ProxySettings;
import io.github.llmclient.metrics.OpenAiStubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.proxy.*}, {@code llm.ssl.bundle} and {@link LlmHttpClientCustomizer} beans. */
class TransportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, LlmAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:1/v1", "llm.model=gpt-4o-mini");

	private final WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeEach
	void start() {
		this.wireMock.start();
		this.wireMock.stubFor(post(OpenAiStubs.CHAT_PATH).willReturn(okJson(OpenAiStubs.CHAT_BODY)));
	}

	@AfterEach
	void stop() {
		this.wireMock.stop();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"username without password | llm.proxy.host=proxy,llm.proxy.port=3128,llm.proxy.username=u | llm.proxy.password | PROXY_PASSWORD",
			"password without username | llm.proxy.host=proxy,llm.proxy.port=3128,llm.proxy.password=p-Secret-1 | llm.proxy.username | remove llm.proxy.password",
			"port without host | llm.proxy.port=3128 | llm.proxy.host | proxy.example.com",
			"host without port | llm.proxy.host=proxy | llm.proxy.port | 3128",
			"port out of range | llm.proxy.host=proxy,llm.proxy.port=70000 | llm.proxy.port | 3128",
			"system properties and host | llm.proxy.use-system-properties=true,llm.proxy.host=proxy,llm.proxy.port=3128 | llm.proxy.use-system-properties | Remove llm.proxy.host",
			"named client port without host | llm.clients.other.base-url=http://localhost:2/v1,llm.clients.other.proxy.port=1080 | llm.clients.other.proxy.host | proxy.example.com",
			"unknown SSL bundle | llm.ssl.bundle=corporate | llm.ssl.bundle | spring.ssl.bundle.pem.corporate",
			"named client unknown SSL bundle | llm.clients.other.base-url=http://localhost:2/v1,llm.clients.other.ssl.bundle=gw | llm.clients.other.ssl.bundle | spring.ssl.bundle.pem.gw" })
	void failsAtStartupNamingThePropertyAndTheFix(String description, String properties, String property, String fix) {
		this.contextRunner.withPropertyValues(properties.split(",(?=llm\\.)")).run((context) -> {
			FailureAnalysis analysis = ConfigurationFailures.analysis(context);
			assertThat(analysis.getDescription()).contains(property).doesNotContain("p-Secret-1");
			assertThat(analysis.getAction()).contains(property).contains(fix).doesNotContain("p-Secret-1");
		});
	}

	@Test
	void namedClientsInheritTheProxyAsAWholeUnlessTheySetTheirOwn() {
		this.contextRunner
			.withPropertyValues("llm.proxy.host=proxy.corp", "llm.proxy.port=3128", "llm.proxy.username=svc",
					"llm.proxy.password=p-Secret-1", "llm.proxy.non-proxy-hosts=localhost|*.internal",
					"llm.clients.inheriting.base-url=http://localhost:2/v1",
					"llm.clients.own.base-url=http://localhost:3/v1", "llm.clients.own.proxy.type=socks5",
					"llm.clients.own.proxy.host=socks.corp", "llm.clients.own.proxy.port=1080",
					"llm.clients.system.base-url=http://localhost:4/v1",
					"llm.clients.system.proxy.use-system-properties=true")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				ProxySettings top = templates.get("default").config().proxy();
				assertThat(top).isEqualTo(ProxySettings.http("proxy.corp", 3128)
					.withCredentials("svc", "p-Secret-1")
					.withNonProxyHosts("localhost|*.internal"));
				assertThat(templates.get("inheriting").config().proxy()).isEqualTo(top);
				assertThat(templates.get("own").config().proxy()).isEqualTo(ProxySettings.socks5("socks.corp", 1080));
				assertThat(templates.get("system").config().proxy()).isEqualTo(ProxySettings.systemProperties());
				assertThat(context.getBean(LlmProperties.class).getProxy().toString()).doesNotContain("p-Secret-1");
			});
	}

	@Test
	void masksTheProxyPasswordInActuatorEndpoints() {
		this.contextRunner.run((context) -> {
			SanitizingFunction sanitizer = context.getBean(SanitizingFunction.class);
			for (String key : List.of("llm.proxy.password", "llm.clients.gateway.proxy.password")) {
				assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, key, "p-Secret-1")).getValue())
					.as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, "llm.proxy.username", "svc")).getValue())
				.isEqualTo("svc");
		});
	}

	@Test
	void appliesEveryCustomizerInOrderToEveryClientWithItsName() {
		String baseUrl = "http://localhost:" + this.wireMock.port() + "/v1";
		this.contextRunner.withUserConfiguration(Customizers.class)
			.withPropertyValues("llm.base-url=" + baseUrl, "llm.clients.other.base-url=" + baseUrl)
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(context.getBean(LlmTemplate.class).chat("Hi").block(Duration.ofSeconds(30))).isEqualTo("Hello!");
				assertThat(templates.get("other").chat("Hi").block(Duration.ofSeconds(30))).isEqualTo("Hello!");
			});
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH))
			.withHeader("X-Llm-Client", equalTo("default"))
			.withHeader("X-Customized", equalTo("last")));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo(OpenAiStubs.CHAT_PATH))
			.withHeader("X-Llm-Client", equalTo("other"))
			.withHeader("X-Customized", equalTo("last")));
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		LlmHttpClientCustomizer last() {
			return (name, httpClient) -> httpClient.headers((headers) -> headers.set("X-Customized", "last"));
		}

		@Bean
		@Order(1)
		LlmHttpClientCustomizer first() {
			return (name, httpClient) -> httpClient
				.headers((headers) -> headers.set("X-Customized", "first").set("X-Llm-Client", name));
		}

	}

}
