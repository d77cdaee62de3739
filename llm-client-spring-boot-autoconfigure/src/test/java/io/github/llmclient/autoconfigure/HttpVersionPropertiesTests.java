package io.github.llmclient.autoconfigure;

import io.github.llmclient.ClientConfig;
import io.github.llmclient.HttpVersion;
import io.github.llmclient.LlmTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code llm.http-version}: default, the two documented spellings, inheritance, a bad value. */
class HttpVersionPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmAutoConfiguration.class))
		.withPropertyValues("llm.base-url=http://localhost:11434/v1", "llm.model=llama3.2");

	@Test
	void speaksHttp11ByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ClientConfig.class).httpVersion())
			.isEqualTo(HttpVersion.HTTP1_1));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "http1.1, HTTP1_1", "http2, HTTP2" })
	void bindsTheDocumentedSpellings(String value, HttpVersion expected) {
		this.contextRunner.withPropertyValues("llm.http-version=" + value)
			.run((context) -> assertThat(context.getBean(ClientConfig.class).httpVersion()).isEqualTo(expected));
	}

	@Test
	void namedClientsInheritItAndMayOverrideIt() {
		this.contextRunner
			.withPropertyValues("llm.http-version=http2", "llm.clients.fast.model=m",
					"llm.clients.legacy.http-version=http1.1")
			.run((context) -> {
				LlmTemplates templates = context.getBean(LlmTemplates.class);
				assertThat(templates.get("default").config().httpVersion()).isEqualTo(HttpVersion.HTTP2);
				assertThat(templates.get("fast").config().httpVersion()).isEqualTo(HttpVersion.HTTP2);
				assertThat(templates.get("legacy").config().httpVersion()).isEqualTo(HttpVersion.HTTP1_1);
			});
	}

	@Test
	void anUnknownVersionFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("llm.http-version=http3").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("http3");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("Failed to bind properties under 'llm.http-version'");
		});
	}

	@Test
	void anUnknownVersionOfANamedClientFailsAtStartupNamingItsProperty() {
		this.contextRunner.withPropertyValues("llm.clients.fast.http-version=h2c").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'llm.clients.fast.http-version'");
		});
	}

}
